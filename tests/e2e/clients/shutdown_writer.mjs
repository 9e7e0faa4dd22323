// Runs while the server is stopped (SIGTERM) under it: a graphql-ws
// subscriber to a room, and four writers sending chat messages over HTTP as
// fast as they are answered. Prints {"ready": true, "after": CURSOR} once
// messages flow, then, when the subscriber was closed and every writer met
// a refused or failed request:
// { close: {code, reason}, after: CURSOR, acked: [texts answered with data] }.
// The caller restarts the server and checks the acked messages are there
// (clients/chat_replay.mjs).

import { deadline, emit, gql, gqlData, register } from './lib/harness.mjs';
import { connect, subscription } from './lib/ws.mjs';

deadline(120000);
const host = await register('host');
const fan = await register('fan');
const first = await gqlData('mutation { sendChatMessage(channel: "host", text: "start") { cursor } }', {}, { token: host.token });
const after = first.sendChatMessage.cursor;

let close = null;
const closed = new Promise((resolve) => {
  const client = connect(fan.token, {
    on: {
      closed: (event) => {
        close = { code: event.code, reason: event.reason };
        resolve();
      },
    },
  });
  subscription(client, 'subscription($a: String) { chatMessages(channel: "host", after: $a) { sequence } }', { a: after });
});

const acked = [];
let announced = false;
async function writer(w) {
  for (let i = 0; i < 25; ++i) {
    const text = `w${w}-${i}`;
    let r;
    try {
      r = await gql('mutation($t: String!) { sendChatMessage(channel: "host", text: $t) { sequence } }', { t: text }, { token: host.token });
    } catch {
      return;  // refused or cut: the server is gone
    }
    if (r.status !== 200) return;
    if (r.json?.data?.sendChatMessage) acked.push(text);
    if (!announced && acked.length >= 8) {
      announced = true;
      emit({ ready: true, after });
    }
  }
}
await Promise.all([0, 1, 2, 3].map(writer));
await closed;
emit({ close, after, acked });
