// homeTimeline and User.posts: posts of followed channels, newest first,
// authors loaded with the page; a deleted post disappears.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const HOME = `query ($first: Int!, $after: String) {
  homeTimeline(first: $first, after: $after) {
    edges { node { id text createdAt author { id displayName } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const POST = `mutation ($text: String!) { createPost(text: $text) { id } }`;

run(async (client) => {
  const alice = await client.user('alice');
  const bob = await client.user('bob');
  const carol = await client.user('carol');
  await client.ok(`mutation { followChannel(channel: "alice") { id } }`, {}, { token: bob.token });
  const first = (await client.ok(POST, { text: 'morning stream at 9' }, { token: alice.token })).createPost.id;
  await client.ok(POST, { text: 'not followed by bob' }, { token: carol.token });
  const second = (await client.ok(POST, { text: 'now with a new camera' }, { token: alice.token })).createPost.id;

  const page1 = (await client.ok(HOME, { first: 1 }, { token: bob.token })).homeTimeline;
  assert.deepEqual(nodes(page1).map((p) => [p.id, p.text, p.author.id, p.author.displayName]),
                   [[second, 'now with a new camera', 'alice', 'ALICE']]);
  assert.equal(page1.pageInfo.hasNextPage, true);
  const page2 = (await client.ok(HOME, { first: 5, after: page1.pageInfo.endCursor }, { token: bob.token })).homeTimeline;
  assert.deepEqual(nodes(page2).map((p) => p.id), [first]);
  assert.equal(page2.pageInfo.hasNextPage, false);

  const posts = await client.ok(`{ user(login: "alice") { posts(first: 10) { edges { node { text author { id } } } } } }`);
  assert.deepEqual(nodes(posts.user.posts).map((p) => [p.text, p.author.id]),
                   [['now with a new camera', 'alice'], ['morning stream at 9', 'alice']]);

  await client.ok(`mutation ($id: ID!) { deletePost(id: $id) }`, { id: second }, { token: alice.token });
  const after = (await client.ok(HOME, { first: 5 }, { token: bob.token })).homeTimeline;
  assert.deepEqual(nodes(after).map((p) => p.id), [first]);

  assert.equal(await client.code(HOME, { first: 5 }), 'UNAUTHENTICATED');
});
