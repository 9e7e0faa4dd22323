// search: users, channels and posts in one union-typed connection.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const SEARCH = `query ($q: String!, $first: Int!, $after: String) {
  search(query: $q, first: $first, after: $after) {
    edges { cursor node {
      __typename
      ... on User { id displayName }
      ... on Channel { id title }
      ... on Post { text author { id displayName } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

run(async (client) => {
  const zed = await client.user('zedrunner');
  await client.user('zedfan');
  await client.ok(`mutation { createPost(text: "zephyr ride tonight") { id } }`, {}, { token: zed.token });
  await client.ok(`mutation { goLive(title: "zen garden", category: "Art") { id } }`, {}, { token: zed.token });

  const users = nodes((await client.ok(SEARCH, { q: 'zedrunner', first: 10 })).search);
  assert.deepEqual(users.find((n) => n.__typename === 'User'), { __typename: 'User', id: 'zedrunner', displayName: 'ZEDRUNNER' });

  const posts = nodes((await client.ok(SEARCH, { q: 'ZEPHYR', first: 10 })).search);
  assert.deepEqual(posts, [{ __typename: 'Post', text: 'zephyr ride tonight', author: { id: 'zedrunner', displayName: 'ZEDRUNNER' } }]);

  const channels = nodes((await client.ok(SEARCH, { q: 'zen garden', first: 10 })).search);
  assert.deepEqual(channels.filter((n) => n.__typename === 'Channel'), [{ __typename: 'Channel', id: 'zedrunner', title: 'zen garden' }]);

  // Both users match 'zed': one per page.
  const page1 = (await client.ok(SEARCH, { q: 'zed', first: 1 })).search;
  assert.equal(page1.edges.length, 1);
  assert.equal(page1.pageInfo.hasNextPage, true);
  const page2 = (await client.ok(SEARCH, { q: 'zed', first: 10, after: page1.pageInfo.endCursor })).search;
  assert.equal(page2.pageInfo.hasNextPage, false);
  const ids = [...nodes(page1), ...nodes(page2)].map((n) => n.id).sort();
  assert.deepEqual(ids, ['zedfan', 'zedrunner']);

  assert.equal(await client.code(SEARCH, { q: '', first: 10 }), 'BAD_USER_INPUT');
});
