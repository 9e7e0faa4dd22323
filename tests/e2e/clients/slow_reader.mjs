// A reader that stops reading while a room's history and live messages are
// pushed at it, next to a reader that keeps up:
//   node clients/slow_reader.mjs [MESSAGES] [SUBSCRIPTIONS]
// The slow connection subscribes SUBSCRIPTIONS times to the room from its
// first message (MESSAGES of ~480 characters each were sent first), then
// stops reading: far more than socket buffers hold. Once the server reports
// a 1013 close in /metrics the slow reader reads again and sees the close;
// meanwhile the fast reader received every message, and keeps receiving
// live ones after the slow one was cut off.
// Prints { slowClose: {code, reason}, fastReceived, liveAfterCut }.

import WebSocket from 'ws';
import { args, check, deadline, emit, env, fail, gqlData, http, register } from './lib/harness.mjs';
import { connect, subscription } from './lib/ws.mjs';

deadline(240000);
const messages = Number(args[0] ?? 180);
const subscriptions = Number(args[1] ?? 100);

const host = await register('host');
const mod = await register('mod');
const fan = await register('fan');
await gqlData('mutation { addModerator(login: "mod") { id } }', {}, { token: host.token });
// Broadcaster and moderator: the chat's rate window lets each send 100.
const senders = [host, mod];
const filler = 'x'.repeat(470);
const cursors = [];
async function send(i) {
  const data = await gqlData(
    'mutation($t: String!) { sendChatMessage(channel: "host", text: $t) { cursor } }',
    { t: `${String(i).padStart(6, '0')} ${filler}` },
    { token: senders[i % senders.length].token },
  );
  cursors.push(data.sendChatMessage.cursor);
}
await send(0);
const from = cursors[0];
for (let i = 1; i < messages; ++i) await send(i);

const chat = `subscription($after: String) { chatMessages(channel: "host", after: $after) {
  sequence ... on ChatMessage { text } } }`;

// The fast reader: graphql-ws, one subscription from the first message.
const fastClient = connect(fan.token);
const fast = subscription(fastClient, chat, { after: from });
const fastTexts = [];
async function receiveFast(n) {
  while (fastTexts.length < n) {
    const item = await fast.next();
    if (!item.value?.data) fail(`fast reader: ${JSON.stringify(item)}`);
    fastTexts.push(item.value.data.chatMessages.text.slice(0, 6));
  }
}

// The slow reader: raw ws, many subscriptions, then it stops reading.
const slow = new WebSocket(env.wsUrl, ['graphql-transport-ws']);
const slowClosed = new Promise((resolve) => slow.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
slow.on('error', () => {});
await new Promise((resolve) => slow.once('open', resolve));
slow.send(JSON.stringify({ type: 'connection_init', payload: { token: fan.token } }));
await new Promise((resolve) => slow.once('message', resolve));  // connection_ack
slow._socket.pause();
for (let i = 0; i < subscriptions; ++i)
  slow.send(JSON.stringify({ type: 'subscribe', id: `s${i}`, payload: { query: chat, variables: { after: from } } }));

await receiveFast(messages - 1);

async function closes1013() {
  const r = await http('/metrics');
  const line = r.body.split('\n').find((l) => l.startsWith('streamhub_websocket_closes_total{code="1013"}'));
  return line ? Number(line.split(' ')[1]) : 0;
}
// The server decides on its own schedule; ask until it has (the deadline
// above bounds this).
while ((await closes1013()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));

// Live messages after the cut still reach the fast reader.
for (let i = messages; i < messages + 3; ++i) await send(i);
await receiveFast(messages + 2);
slow._socket.resume();
const slowClose = await slowClosed;

fast.stop();
await fastClient.dispose();
const expected = Array.from({ length: messages + 2 }, (_, i) => String(i + 1).padStart(6, '0'));
check(JSON.stringify(fastTexts) === JSON.stringify(expected), `fast reader got ${fastTexts.join(',')}`);
emit({ slowClose, fastReceived: fastTexts.length, liveAfterCut: fastTexts.length - (messages - 1) });
