// Every mutation a role must not use, tried by that role, next to controls
// that the allowed role may use. Roles on the channel of "host": viewer,
// moderator ("mod", "mod2"), broadcaster ("host"), another broadcaster
// ("other"), admin ("root", made admin by serve --admin root), and nobody.
// Prints { rows: [{ role, mutation, expect, code, message }] }: expect and
// code are an extensions.code, or null for success; expect REFUSED: any code.

import { check, deadline, emit, gql, gqlData, register } from './lib/harness.mjs';

deadline(120000);
const users = {};
for (const login of ['host', 'mod', 'mod2', 'viewer', 'other', 'chatter', 'root'])
  users[login] = await register(login);
const as = (login) => ({ token: users[login]?.token });

for (const login of ['mod', 'mod2'])
  await gqlData('mutation($l: String!) { addModerator(login: $l) { id } }', { l: login }, as('host'));
const sendChat = async (login, text) =>
  (await gqlData('mutation($t: String!) { sendChatMessage(channel: "host", text: $t) { id } }', { t: text }, as(login)))
    .sendChatMessage.id;
const chatterMessage = await sendChat('chatter', 'hello');
const hostMessage = await sendChat('host', 'welcome');
const post = (await gqlData('mutation { createPost(text: "news") { id } }', {}, as('host'))).createPost.id;

const m = {
  setAdmin: ['mutation { setAdmin(login: "viewer", admin: true) { id } }'],
  addModerator: ['mutation { addModerator(login: "viewer", channel: "host") { id } }'],
  removeModerator: ['mutation { removeModerator(login: "mod2", channel: "host") { id } }'],
  deleteChatMessage: ['mutation($id: ID!) { deleteChatMessage(channel: "host", messageId: $id) }', { id: chatterMessage }],
  deleteBroadcasterMessage: ['mutation($id: ID!) { deleteChatMessage(channel: "host", messageId: $id) }', { id: hostMessage }],
  clearChat: ['mutation { clearChat(channel: "host") }'],
  timeoutUser: ['mutation { timeoutUser(channel: "host", login: "chatter", seconds: 60) }'],
  timeoutModerator: ['mutation { timeoutUser(channel: "host", login: "mod2", seconds: 60) }'],
  banBroadcaster: ['mutation { banUser(channel: "host", login: "host") }'],
  banUser: ['mutation { banUser(channel: "host", login: "chatter") }'],
  unbanUser: ['mutation { unbanUser(channel: "host", login: "chatter") }'],
  setChatModes: ['mutation { setChatModes(channel: "host", slowModeSeconds: 0) { slowModeSeconds } }'],
  deletePost: ['mutation($id: ID!) { deletePost(id: $id) }', { id: post }],
  followChannel: ['mutation { followChannel(channel: "host") { id } }'],
  sendChatMessage: ['mutation { sendChatMessage(channel: "host", text: "hi") { id } }'],
  goLive: ['mutation { goLive(title: "t", category: "c") { id } }'],
  updateProfile: ['mutation { updateProfile(bio: "b") { id } }'],
  createPost: ['mutation { createPost(text: "x") { id } }'],
};

const plan = [
  // Admins only.
  ...['viewer', 'mod', 'host', 'other'].map((role) => [role, 'setAdmin', 'FORBIDDEN']),
  // The broadcaster (or an admin) only.
  ...['viewer', 'mod', 'other'].flatMap((role) => [
    [role, 'addModerator', 'FORBIDDEN'],
    [role, 'removeModerator', 'FORBIDDEN'],
  ]),
  // Moderators, the broadcaster and admins only.
  ...['viewer', 'other'].flatMap((role) =>
    ['deleteChatMessage', 'clearChat', 'timeoutUser', 'banUser', 'unbanUser', 'setChatModes'].map((mutation) => [
      role,
      mutation,
      'FORBIDDEN',
    ]),
  ),
  // Never the broadcaster; moderators not other moderators.
  ['mod', 'banBroadcaster', 'FORBIDDEN'],
  ['mod', 'deleteBroadcasterMessage', 'FORBIDDEN'],
  ['mod', 'timeoutModerator', 'FORBIDDEN'],
  ['root', 'banBroadcaster', 'FORBIDDEN'],
  // The author only. (REFUSED: any error. deletePost goes to the caller's
  // own user entity, which has no such post: NOT_FOUND, and an admin cannot
  // delete another user's post either.)
  ...['viewer', 'mod', 'other', 'root'].map((role) => [role, 'deletePost', 'REFUSED']),
  // Anyone logged in; nobody else.
  ...Object.keys(m).map((mutation) => ['nobody', mutation, 'UNAUTHENTICATED']),
  // Controls: the allowed role succeeds (after every refusal above).
  ['mod', 'timeoutUser', null],
  ['mod', 'deleteChatMessage', null],
  ['mod', 'setChatModes', null],
  ['host', 'timeoutModerator', null],
  ['host', 'banUser', null],
  ['mod', 'unbanUser', null],
  ['host', 'clearChat', null],
  ['root', 'addModerator', null],
  ['host', 'removeModerator', null],
  ['host', 'deletePost', null],
  ['root', 'setAdmin', null],
  ['viewer', 'followChannel', null],
];

const rows = [];
for (const [role, mutation, expect] of plan) {
  const [query, variables = {}] = m[mutation];
  const r = await gql(query, variables, as(role));
  check(r.status === 200, `${role} ${mutation}: HTTP ${r.status} ${r.body}`);
  const error = r.json.errors?.[0];
  rows.push({ role, mutation, expect, code: error ? error.extensions?.code ?? 'NO_CODE' : null, message: error?.message });
}
emit({ rows });
