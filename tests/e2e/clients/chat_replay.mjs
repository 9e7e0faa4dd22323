// Resumes the room of "host" after CURSOR and receives until every
// expected text has come:
//   node clients/chat_replay.mjs CURSOR '["text", ...]'
// Anonymous; fails when the room ends before every expected text came.
// Prints { received: N, texts: [...] }.

import { args, check, deadline, emit } from './lib/harness.mjs';
import { connect, subscription } from './lib/ws.mjs';

deadline(60000);
const [after, expectedJson] = args;
const expected = new Set(JSON.parse(expectedJson));
const client = connect(undefined);
const op = subscription(
  client,
  'subscription($a: String) { chatMessages(channel: "host", after: $a) { sequence ... on ChatMessage { text } } }',
  { a: after },
);
const texts = [];
let missing = expected.size;
while (missing > 0) {
  const item = await op.next();
  check(item.value?.data, `replay ended with ${missing} acknowledged messages missing: ${JSON.stringify(item)}`);
  const text = item.value.data.chatMessages.text;
  texts.push(text);
  if (expected.has(text)) --missing;
}
op.stop();
await client.dispose();
emit({ received: texts.length, texts });
