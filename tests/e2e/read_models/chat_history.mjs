// chatHistory: newest first, paged by cursor, senders loaded with the page;
// a deleted message disappears.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const HISTORY = `query ($channel: String!, $first: Int!, $after: String) {
  chatHistory(channel: $channel, first: $first, after: $after) {
    edges { cursor node { id sequence text displayName badges sender { id login displayName } channel { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SEND = `mutation ($channel: String!, $text: String!) {
  sendChatMessage(channel: $channel, text: $text) { id }
}`;

run(async (client) => {
  const alice = await client.user('alice');
  const bob = await client.user('bob');
  const sent = [];
  for (const [who, text] of [[bob, 'first'], [alice, 'second'], [bob, 'third']]) {
    const data = await client.ok(SEND, { channel: 'Alice', text }, { token: who.token });
    sent.push(data.sendChatMessage.id);
  }

  const page1 = (await client.ok(HISTORY, { channel: 'alice', first: 2 })).chatHistory;
  assert.deepEqual(nodes(page1).map((m) => m.text), ['third', 'second']);
  assert.equal(page1.pageInfo.hasNextPage, true);
  assert.equal(page1.pageInfo.endCursor, page1.edges[1].cursor);
  const [third, second] = nodes(page1);
  assert.equal(third.id, sent[2]);
  assert.deepEqual(third.sender, { id: 'bob', login: 'bob', displayName: 'BOB' });
  assert.equal(third.displayName, 'BOB');
  assert.equal(third.channel.id, 'alice');
  assert.deepEqual(second.badges, ['broadcaster']);
  assert.ok(third.sequence > second.sequence);

  const page2 = (await client.ok(HISTORY, { channel: 'alice', first: 2, after: page1.pageInfo.endCursor })).chatHistory;
  assert.deepEqual(nodes(page2).map((m) => m.text), ['first']);
  assert.equal(page2.pageInfo.hasNextPage, false);

  await client.ok(`mutation ($id: ID!) { deleteChatMessage(channel: "alice", messageId: $id) }`,
                  { id: sent[1] }, { token: alice.token });
  const after = (await client.ok(HISTORY, { channel: 'alice', first: 10 })).chatHistory;
  assert.deepEqual(nodes(after).map((m) => m.text), ['third', 'first']);

  const empty = (await client.ok(HISTORY, { channel: 'nobody', first: 5 })).chatHistory;
  assert.deepEqual(empty, { edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
});
