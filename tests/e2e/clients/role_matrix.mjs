// Every mutation a role must not use, tried by that role, next to controls
// that the allowed role may use. Roles on the channel of "host": viewer,
// moderator ("mod", "mod2"), broadcaster ("host"), another broadcaster
// ("other"), admin ("root", made admin by serve --admin root), and nobody.
// "mod" moderates the channel of "host" only: on the channel of "other" it is
// a viewer. Every mutation of the schema (from introspection) is tried
// without a token, except the four that take no access token (register,
// login, refreshToken, logout: they carry a password or a refresh token).
// Prints { rows: [{ role, mutation, expect, code, message }], untried: [names] }:
// expect and code are an extensions.code, or null for success; untried:
// mutations of the schema never tried without a token.

import { check, deadline, emit, gql, gqlData, register } from './lib/harness.mjs';

deadline(120000);
const users = {};
for (const login of ['host', 'mod', 'mod2', 'viewer', 'other', 'chatter', 'root'])
  users[login] = await register(login);
const as = (login) => ({ token: users[login]?.token });

for (const login of ['mod', 'mod2'])
  await gqlData('mutation($l: String!) { addModerator(login: $l) { id } }', { l: login }, as('host'));
const sendChat = async (login, text, channel = 'host') =>
  (
    await gqlData('mutation($c: String!, $t: String!) { sendChatMessage(channel: $c, text: $t) { id } }',
      { c: channel, t: text }, as(login))
  ).sendChatMessage.id;
const chatterMessage = await sendChat('chatter', 'hello');
const hostMessage = await sendChat('host', 'welcome');
const otherChannelMessage = await sendChat('chatter', 'hello other', 'other');
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
  updateStream: ['mutation { updateStream(title: "t2") { id } }'],
  goOffline: ['mutation { goOffline { id } }'],
  raid: ['mutation { raid(target: "other") { id } }'],
  subscribe: ['mutation { subscribe(channel: "host") { tier } }'],
  unfollowChannel: ['mutation { unfollowChannel(channel: "host") { id } }'],
  blockUser: ['mutation { blockUser(login: "chatter") { id } }'],
  unblockUser: ['mutation { unblockUser(login: "chatter") { id } }'],
  markNotificationsRead: ['mutation { markNotificationsRead(position: "1") }'],
  // The same moderation on the channel of "other".
  otherDeleteChatMessage: ['mutation($id: ID!) { deleteChatMessage(channel: "other", messageId: $id) }', { id: otherChannelMessage }],
  otherClearChat: ['mutation { clearChat(channel: "other") }'],
  otherTimeoutUser: ['mutation { timeoutUser(channel: "other", login: "chatter", seconds: 60) }'],
  otherBanUser: ['mutation { banUser(channel: "other", login: "chatter") }'],
  otherUnbanUser: ['mutation { unbanUser(channel: "other", login: "chatter") }'],
  otherSetChatModes: ['mutation { setChatModes(channel: "other", emoteOnly: true) { emoteOnly } }'],
};
const publicMutations = ['register', 'login', 'refreshToken', 'logout'];
const mutationName = (query) => /^mutation[^{]*\{\s*(\w+)/.exec(query)[1];

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
  // A moderator of one channel is nobody special on another.
  ...['otherDeleteChatMessage', 'otherClearChat', 'otherTimeoutUser', 'otherBanUser', 'otherUnbanUser', 'otherSetChatModes']
    .map((mutation) => ['mod', mutation, 'FORBIDDEN']),
  // Never the broadcaster; moderators not other moderators.
  ['mod', 'banBroadcaster', 'FORBIDDEN'],
  ['mod', 'deleteBroadcasterMessage', 'FORBIDDEN'],
  ['mod', 'timeoutModerator', 'FORBIDDEN'],
  ['root', 'banBroadcaster', 'FORBIDDEN'],
  // The author (or an admin) only. (REFUSED: any error. This server runs
  // without read models, which name a post's author; without them a post is
  // looked for among the caller's own: NOT_FOUND. With read models it is
  // FORBIDDEN, and an admin may delete it: read_models/delete_post.mjs.)
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

const schema = await gqlData('{ __schema { mutationType { fields { name } } } }');
const triedByNobody = new Set(plan.filter(([role]) => role === 'nobody').map(([, mutation]) => mutationName(m[mutation][0])));
const untried = schema.__schema.mutationType.fields
  .map((f) => f.name)
  .filter((name) => !publicMutations.includes(name) && !triedByNobody.has(name));

const rows = [];
for (const [role, mutation, expect] of plan) {
  const [query, variables = {}] = m[mutation];
  const r = await gql(query, variables, as(role));
  check(r.status === 200, `${role} ${mutation}: HTTP ${r.status} ${r.body}`);
  const error = r.json.errors?.[0];
  rows.push({ role, mutation, expect, code: error ? error.extensions?.code ?? 'NO_CODE' : null, message: error?.message });
}
emit({ rows, untried });
