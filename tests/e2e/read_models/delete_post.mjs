// deletePost of a post by its id: the author or an admin may delete it;
// anyone else is FORBIDDEN (the post exists: not NOT_FOUND), an unknown id is
// NOT_FOUND. Run with `serve --admin root`.
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';

const POST = `mutation ($text: String!) { createPost(text: $text) { id } }`;
const DELETE = `mutation ($id: ID!) { deletePost(id: $id) }`;
const POSTS = `{ user(login: "alice") { posts(first: 10) { edges { node { text } } } } }`;

run(async (client) => {
  const alice = await client.user('alice');
  const bob = await client.user('bob');
  const root = await client.user('root');
  const first = (await client.ok(POST, { text: 'first' }, { token: alice.token })).createPost.id;
  const second = (await client.ok(POST, { text: 'second' }, { token: alice.token })).createPost.id;
  await client.ok(POST, { text: 'third' }, { token: alice.token });

  assert.equal(await client.code(DELETE, { id: first }, { token: bob.token }), 'FORBIDDEN');
  assert.equal(await client.code(DELETE, { id: '01890000-0000-7000-8000-000000000000' }, { token: bob.token }),
               'NOT_FOUND');
  assert.equal(await client.code(DELETE, { id: first }), 'UNAUTHENTICATED');
  assert.deepEqual((await client.ok(DELETE, { id: first }, { token: root.token })).deletePost, true);
  assert.deepEqual((await client.ok(DELETE, { id: second }, { token: alice.token })).deletePost, true);
  assert.equal(await client.code(DELETE, { id: second }, { token: alice.token }), 'NOT_FOUND');
  assert.deepEqual(nodes((await client.ok(POSTS)).user.posts).map((p) => p.text), ['third']);
});
