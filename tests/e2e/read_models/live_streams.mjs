// liveStreams: channels live now, filtered by category (any case); a channel
// going offline leaves the list.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const LIVE = `query ($first: Int!, $after: String, $category: String) {
  liveStreams(first: $first, after: $after, category: $category) {
    edges { cursor node { id live title category } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const GO_LIVE = `mutation ($title: String!, $category: String!) { goLive(title: $title, category: $category) { id } }`;

run(async (client) => {
  const alice = await client.user('alice');
  const bob = await client.user('bob');
  await client.user('carol');
  assert.deepEqual(nodes((await client.ok(LIVE, { first: 10 })).liveStreams), []);

  await client.ok(GO_LIVE, { title: 'speedrun', category: 'Games' }, { token: alice.token });
  await client.ok(GO_LIVE, { title: 'cooking', category: 'Food' }, { token: bob.token });

  const all = (await client.ok(LIVE, { first: 10 })).liveStreams;
  assert.deepEqual(nodes(all).map((c) => c.id).sort(), ['alice', 'bob']);
  assert.ok(nodes(all).every((c) => c.live));

  const first = (await client.ok(LIVE, { first: 1 })).liveStreams;
  assert.equal(first.pageInfo.hasNextPage, true);
  const rest = (await client.ok(LIVE, { first: 1, after: first.pageInfo.endCursor })).liveStreams;
  assert.equal(rest.pageInfo.hasNextPage, false);
  assert.deepEqual([...nodes(first), ...nodes(rest)].map((c) => c.id).sort(), ['alice', 'bob']);

  const games = (await client.ok(LIVE, { first: 10, category: 'games' })).liveStreams;
  assert.deepEqual(nodes(games), [{ id: 'alice', live: true, title: 'speedrun', category: 'Games' }]);

  await client.ok(`mutation { goOffline { id } }`, {}, { token: alice.token });
  const left = (await client.ok(LIVE, { first: 10 })).liveStreams;
  assert.deepEqual(nodes(left).map((c) => c.id), ['bob']);
});
