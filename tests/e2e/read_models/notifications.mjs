// notifications: the viewer's own, newest first, with the unread count;
// marking read; unreadOnly; anonymous callers are refused.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const NOTIFICATIONS = `query ($first: Int!, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    unreadCount
    edges { node { id kind text read position channel { id } actor { id displayName } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

run(async (client) => {
  const alice = await client.user('alice');
  const bob = await client.user('bob');
  await client.ok(`mutation { followChannel(channel: "alice") { id } }`, {}, { token: bob.token });
  await client.ok(`mutation { goLive(title: "hello", category: "Chat") { id } }`, {}, { token: alice.token });

  const bobs = (await client.ok(NOTIFICATIONS, { first: 10 }, { token: bob.token })).notifications;
  assert.equal(bobs.unreadCount, 1);
  assert.equal(nodes(bobs).length, 1);
  const live = nodes(bobs)[0];
  assert.equal(live.kind, 'STREAM_LIVE');
  assert.equal(live.channel.id, 'alice');
  assert.equal(live.actor, null);
  assert.equal(live.read, false);
  assert.equal(live.id, `bob:${live.position}`);

  const alices = (await client.ok(NOTIFICATIONS, { first: 10 }, { token: alice.token })).notifications;
  assert.deepEqual(nodes(alices).map((n) => [n.kind, n.actor?.id, n.actor?.displayName]),
                   [['NEW_FOLLOWER', 'bob', 'BOB']]);

  await client.ok(`mutation ($p: String!) { markNotificationsRead(position: $p) }`, { p: live.position },
                  { token: bob.token });
  const read = (await client.ok(NOTIFICATIONS, { first: 10 }, { token: bob.token })).notifications;
  assert.equal(read.unreadCount, 0);
  assert.equal(nodes(read)[0].read, true);
  const unread = (await client.ok(NOTIFICATIONS, { first: 10, unreadOnly: true }, { token: bob.token })).notifications;
  assert.deepEqual(nodes(unread), []);

  assert.equal(await client.code(NOTIFICATIONS, { first: 10 }), 'UNAUTHENTICATED');
});
