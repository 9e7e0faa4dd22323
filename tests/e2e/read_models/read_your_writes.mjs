// Read-your-writes: a mutation answers extensions.position; a query sent
// with extensions.minPosition sees that mutation's effects, and one naming a
// position not reached in time fails with TIMEOUT. Page arguments and
// cursors are checked. /readyz and /metrics report the projections.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const HISTORY = `query ($first: Int!, $after: String) {
  chatHistory(channel: "alice", first: $first, after: $after) { edges { node { text } } }
}`;

run(async (client) => {
  const alice = await client.user('alice');
  const sent = await client.raw(`mutation { sendChatMessage(channel: "alice", text: "one") { id } }`, {},
                                { token: alice.token });
  assert.match(sent.extensions.position, /^[1-9][0-9]*$/);

  // Every message is readable by the very next query that names its position.
  for (let i = 0; i < 20; ++i) {
    const text = `message ${i}`;
    const written = await client.raw(`mutation ($t: String!) { sendChatMessage(channel: "alice", text: $t) { id } }`,
                                     { t: text }, { token: alice.token });
    const history = await client.ok(HISTORY, { first: 1 }, { minPosition: BigInt(written.extensions.position) });
    assert.deepEqual(nodes(history.chatHistory), [{ text }]);
  }

  // A position far ahead of the log: the wait is bounded.
  const late = await client.raw(HISTORY, { first: 1 }, { minPosition: 1n << 60n });
  assert.equal(late.errors?.[0]?.extensions?.code, 'TIMEOUT', JSON.stringify(late));
  assert.deepEqual(late.errors[0].path, ['chatHistory']);

  // Bad input.
  const bad = await client.raw(HISTORY, { first: 1 }, { minPosition: 'soon' });
  assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(bad));
  assert.equal(bad.data, undefined);
  for (const first of [0, 101, -1])
    assert.equal(await client.code(HISTORY, { first }), 'BAD_USER_INPUT', `first: ${first}`);
  // A cursor of another list (follows).
  const foreign = Buffer.from('f:1').toString('base64url');
  assert.equal(await client.code(HISTORY, { first: 1, after: foreign }), 'BAD_USER_INPUT');
  assert.equal(await client.code(HISTORY, { first: 1, after: 'not a cursor' }), 'BAD_USER_INPUT');

  // Operations: caught up, and the lag per projection is exported.
  const base = new URL(client.url);
  const ready = await fetch(new URL('/readyz', base));
  assert.equal(ready.status, 200);
  const metrics = await (await fetch(new URL('/metrics', base))).text();
  for (const projection of ['users', 'channels', 'chat', 'notifications', 'timelines', 'subscriptions', 'analytics']) {
    assert.match(metrics, new RegExp(`streamhub_projection_lag_events\\{projection="${projection}"\\} \\d+`));
    assert.match(metrics, new RegExp(`streamhub_projection_lag_seconds\\{projection="${projection}"\\}`));
    assert.match(metrics, new RegExp(`streamhub_projection_status\\{projection="${projection}",status="running"\\} 1`));
  }
  assert.match(metrics, /streamhub_read_queries_total \d+/);
});
