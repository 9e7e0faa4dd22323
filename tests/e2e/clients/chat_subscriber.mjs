// One viewer subscribed to a channel's chat, kept open while a test looks
// at the server from outside (the admin shell's `sessions`, `stats`):
//   node clients/chat_subscriber.mjs CHANNEL TOKEN
// Subscribes from the room's first event and prints { received, sequence }
// once that event arrived, so the subscription is known to be live; then
// holds the connection until SIGTERM, and prints { closed: true }.

import { args, check, emit } from './lib/harness.mjs';
import { connect, subscription } from './lib/ws.mjs';

const [channel, token] = args;
check(channel && token, 'usage: chat_subscriber.mjs CHANNEL TOKEN');
const client = connect(token);
const op = subscription(
  client,
  `subscription($channel: String!) { chatMessages(channel: $channel, after: "0") { sequence } }`,
  { channel },
);
const first = await op.next();
check(first.value?.data?.chatMessages, `no first event: ${JSON.stringify(first)}`);
emit({ received: true, sequence: first.value.data.chatMessages.sequence });
process.on('SIGTERM', async () => {
  await client.dispose();
  emit({ closed: true });
  process.exit(0);
});
