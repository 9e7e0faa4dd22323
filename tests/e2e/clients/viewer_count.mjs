// graphql-ws against viewerCount: viewers are the chatMessages subscribers
// of the channel. Anonymous viewers join and leave one at a time; after each
// change the next count published must be the new one (counts are published
// only after a change, so waiting for each keeps them apart). A chatMessages
// subscription refused for a malformed `after` is no viewer.
//   node clients/viewer_count.mjs
// Asserts itself; prints { counts: [...], refused: <error code> }.

import { check, deadline, emit, register } from './lib/harness.mjs';
import { connect, nextData, roundTrip, subscription } from './lib/ws.mjs';

deadline(60000);
const host = await register('host');
const channel = host.login;

const counter = connect(undefined);
const counts = subscription(counter, 'subscription($c: String!) { viewerCount(channel: $c) { viewers channel { id } } }', {
  c: channel,
});
// Its subscription request now precedes, at the channel, every join below.
await roundTrip(counter);

const seen = [];
async function expectCount(viewers) {
  const c = await nextData(counts, 'viewerCount');
  seen.push(c.viewers);
  check(c.channel.id === channel, JSON.stringify(c));
  check(c.viewers === viewers, `expected ${viewers} viewers, got ${JSON.stringify(seen)}`);
}

const chat = 'subscription($c: String!, $a: String) { chatMessages(channel: $c, after: $a) { sequence } }';
async function watch(after) {
  const client = connect(undefined);
  const op = subscription(client, chat, { c: channel, a: after });
  await roundTrip(client);
  return { client, op };
}

const first = await watch();
await expectCount(1);
const second = await watch();
await expectCount(2);
first.op.stop();
await roundTrip(first.client);
await expectCount(1);

const refused = await watch('not-a-cursor');
const answer = await refused.op.next();
const code = answer.error?.[0]?.extensions?.code;
check(code === 'BAD_USER_INPUT', `malformed after: ${JSON.stringify(answer)}`);
second.op.stop();
await roundTrip(second.client);
await expectCount(0);

for (const c of [first, second, refused]) await c.client.dispose();
counts.stop();
await counter.dispose();
emit({ counts: seen, refused: code });
