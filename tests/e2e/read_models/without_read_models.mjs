// A node started with --no-pg: mutations work, read-model fields answer
// UNAVAILABLE, the rest of a query still answers.
import assert from 'node:assert/strict';
import { run } from './client.mjs';

run(async (client) => {
  const alice = await client.user('alice');
  const sent = await client.raw(`mutation { sendChatMessage(channel: "alice", text: "hi") { text } }`, {},
                                { token: alice.token });
  assert.equal(sent.errors, undefined);
  const response = await client.raw(
    `{ plain: user(login: "alice") { id } listed: user(login: "alice") { posts(first: 5) { edges { cursor } } } }`);
  assert.equal(response.errors?.[0]?.extensions?.code, 'UNAVAILABLE', JSON.stringify(response));
  assert.deepEqual(response.data, { plain: { id: 'alice' }, listed: null });
});
