// streamSessions: a channel's sessions, newest first, with their figures.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const SESSIONS = `query ($channel: String!) {
  streamSessions(channel: $channel, first: 10) {
    edges { node { id title category startedAt endedAt messages uniqueChatters newFollowers subscriptions peakViewers channel { id } } }
    pageInfo { hasNextPage }
  }
}`;

run(async (client) => {
  const alice = await client.user('alice');
  const bob = await client.user('bob');
  const carol = await client.user('carol');
  await client.ok(`mutation { goLive(title: "first", category: "Games") { id } }`, {}, { token: alice.token });
  await client.ok(`mutation { followChannel(channel: "alice") { id } }`, {}, { token: bob.token });
  for (const [who, text] of [[bob, 'hi'], [carol, 'hello'], [bob, 'gg']])
    await client.ok(`mutation ($t: String!) { sendChatMessage(channel: "alice", text: $t) { id } }`, { t: text }, { token: who.token });
  await client.ok(`mutation { goOffline { id } }`, {}, { token: alice.token });
  await client.ok(`mutation { goLive(title: "second", category: "Music") { id } }`, {}, { token: alice.token });

  const sessions = nodes((await client.ok(SESSIONS, { channel: 'alice' })).streamSessions);
  assert.deepEqual(sessions.map((s) => [s.title, s.category]), [['second', 'Music'], ['first', 'Games']]);
  const [current, past] = sessions;
  assert.equal(current.endedAt, null);
  assert.notEqual(past.endedAt, null);
  assert.equal(past.channel.id, 'alice');
  assert.deepEqual([past.messages, past.uniqueChatters, past.newFollowers, past.subscriptions], [3, 2, 1, 0]);
  assert.deepEqual([current.messages, current.newFollowers], [0, 0]);
});
