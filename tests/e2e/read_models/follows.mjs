// followers and following: most recent first, paged; followingCount from
// the read model; an unfollow disappears.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const FOLLOWERS = `query ($channel: String!, $first: Int!, $after: String) {
  followers(channel: $channel, first: $first, after: $after) {
    edges { cursor node { followedAt user { id displayName followingCount } channel { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const FOLLOWING = `query ($login: String!) {
  following(login: $login, first: 10) { edges { node { user { id } channel { id } } } pageInfo { hasNextPage } }
}`;
const FOLLOW = `mutation ($channel: String!) { followChannel(channel: $channel) { id } }`;

run(async (client) => {
  await client.user('alice');
  const bob = await client.user('bob');
  const carol = await client.user('carol');
  await client.ok(FOLLOW, { channel: 'alice' }, { token: bob.token });
  await client.ok(FOLLOW, { channel: 'alice' }, { token: carol.token });
  await client.ok(FOLLOW, { channel: 'carol' }, { token: bob.token });

  const page1 = (await client.ok(FOLLOWERS, { channel: 'alice', first: 1 })).followers;
  assert.equal(page1.pageInfo.hasNextPage, true);
  assert.deepEqual(nodes(page1)[0].user, { id: 'carol', displayName: 'CAROL', followingCount: 1 });
  assert.equal(nodes(page1)[0].channel.id, 'alice');
  assert.match(nodes(page1)[0].followedAt, /^\d{4}-\d\d-\d\dT/);
  const page2 = (await client.ok(FOLLOWERS, { channel: 'alice', first: 1, after: page1.pageInfo.endCursor })).followers;
  assert.deepEqual(nodes(page2)[0].user, { id: 'bob', displayName: 'BOB', followingCount: 2 });
  assert.equal(page2.pageInfo.hasNextPage, false);

  const following = (await client.ok(FOLLOWING, { login: 'Bob' })).following;
  assert.deepEqual(nodes(following).map((f) => f.channel.id), ['carol', 'alice']);
  assert.ok(nodes(following).every((f) => f.user.id === 'bob'));

  await client.ok(`mutation { unfollowChannel(channel: "alice") { id } }`, {}, { token: bob.token });
  const left = (await client.ok(FOLLOWERS, { channel: 'alice', first: 10 })).followers;
  assert.deepEqual(nodes(left).map((f) => f.user.id), ['carol']);
  const me = await client.ok(`{ me { followingCount } }`, {}, { token: bob.token });
  assert.equal(me.me.followingCount, 1);
});
