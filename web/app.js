// The StreamHub web app: log in, watch a channel's chat live, chat, follow,
// go live. Talks only to the GraphQL API the server exposes.
import { StreamHubClient } from './graphql.js';

const client = new StreamHubClient();
const $ = (id) => document.getElementById(id);
const state = { me: null, channel: null, stops: [], lastCursor: null };

function status(text) {
  $('status').textContent = text ?? '';
}

async function run(action) {
  try {
    status('');
    await action();
  } catch (e) {
    status(e.code ? `${e.message} (${e.code})` : e.message);
  }
}

// --- Account ----------------------------------------------------------------

const AUTH_FIELDS = 'accessToken refreshToken user { id displayName }';

function signedIn(auth) {
  state.me = auth.user;
  client.setToken(auth.accessToken);
  localStorage.setItem('streamhub.refresh', auth.refreshToken);
  $('auth-form').hidden = true;
  $('whoami').hidden = false;
  $('whoami-name').textContent = auth.user.displayName;
  $('broadcast').hidden = false;
  if (state.channel) watch(state.channel);  // Reconnect as the new identity.
}

function signedOut() {
  state.me = null;
  client.setToken(null);
  localStorage.removeItem('streamhub.refresh');
  $('auth-form').hidden = false;
  $('whoami').hidden = true;
  $('broadcast').hidden = true;
}

$('auth-form').addEventListener('submit', (e) => {
  e.preventDefault();
  run(async () => {
    const data = await client.request(
      `mutation($login: String!, $password: String!) { login(login: $login, password: $password) { ${AUTH_FIELDS} } }`,
      { login: $('login').value, password: $('password').value });
    signedIn(data.login);
  });
});

$('register-btn').addEventListener('click', () =>
  run(async () => {
    const data = await client.request(
      `mutation($login: String!, $email: String!, $password: String!) {
         register(login: $login, email: $email, password: $password) { ${AUTH_FIELDS} } }`,
      { login: $('login').value, email: $('email').value, password: $('password').value });
    signedIn(data.register);
  }));

$('logout-btn').addEventListener('click', () =>
  run(async () => {
    const refreshToken = localStorage.getItem('streamhub.refresh');
    if (refreshToken)
      await client.request('mutation($t: String!) { logout(refreshToken: $t) }', { t: refreshToken });
    signedOut();
  }));

async function resumeSession() {
  const refreshToken = localStorage.getItem('streamhub.refresh');
  if (!refreshToken) return;
  try {
    const data = await client.request(
      `mutation($t: String!) { refreshToken(refreshToken: $t) { ${AUTH_FIELDS} } }`, { t: refreshToken });
    signedIn(data.refreshToken);
  } catch {
    signedOut();
  }
}

// --- Live channels ----------------------------------------------------------

async function loadLive() {
  const list = $('live-list');
  try {
    const data = await client.request(
      '{ liveStreams(first: 20) { edges { node { id title category viewerCount } } } }');
    list.replaceChildren(...data.liveStreams.edges.map(({ node }) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '#';
      a.textContent = `${node.id}: ${node.title} (${node.category}, ${node.viewerCount} watching)`;
      a.addEventListener('click', (e) => { e.preventDefault(); watch(node.id); });
      li.append(a);
      return li;
    }));
  } catch (e) {
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: e.message }));
  }
}

// --- Watching a channel -----------------------------------------------------

function chatLine(who, text, notice = false) {
  const li = document.createElement('li');
  if (notice) li.className = 'notice';
  if (who) li.append(Object.assign(document.createElement('span'), { className: 'who', textContent: who }));
  li.append(document.createTextNode(text));
  const log = $('chat-log');
  log.append(li);
  log.scrollTop = log.scrollHeight;
}

function onChatEvent(payload) {
  const e = payload.data?.chatMessages;
  if (!e) return;
  state.lastCursor = e.cursor;
  switch (e.__typename) {
    case 'ChatMessage': return chatLine(e.displayName, e.text);
    case 'ChatCleared': $('chat-log').replaceChildren(); return chatLine(null, 'Chat was cleared', true);
    case 'ChatMessageDeleted':
      return chatLine(null, 'A message was deleted', true);
    case 'UserTimedOut': return chatLine(null, `${e.login} was timed out`, true);
    case 'UserBanned': return chatLine(null, `${e.login} was banned`, true);
    default: return undefined;
  }
}

async function showChannel(login) {
  const data = await client.request(
    `query($login: String!) { channel(login: $login) {
       id live title category viewerCount followerCount viewerIsFollowing } }`, { login });
  const c = data.channel;
  if (!c) throw new Error(`no channel ${login}`);
  $('channel').hidden = false;
  $('channel-name').textContent = c.id;
  $('channel-live').textContent = c.live ? 'LIVE' : 'offline';
  $('channel-live').classList.toggle('live', c.live);
  $('channel-title').textContent = c.live ? `${c.title} · ${c.category}` : '';
  $('viewer-count').textContent = c.viewerCount;
  $('follower-count').textContent = c.followerCount;
  $('follow-btn').textContent = c.viewerIsFollowing ? 'Unfollow' : 'Follow';
  $('follow-btn').dataset.following = c.viewerIsFollowing;
}

async function watch(login) {
  for (const stop of state.stops) stop();
  state.stops = [];
  if (state.channel !== login) {
    state.lastCursor = null;
    $('chat-log').replaceChildren();
  }
  state.channel = login;
  await showChannel(login);
  const reconnect = () => setTimeout(() => run(() => watch(login)), 1000);
  state.stops.push(await client.subscribe(
    `subscription($c: String!, $after: String) { chatMessages(channel: $c, after: $after) {
       __typename cursor
       ... on ChatMessage { displayName text }
       ... on UserTimedOut { login }
       ... on UserBanned { login } } }`,
    { c: login, after: state.lastCursor },
    { next: onChatEvent, error: (e) => status(JSON.stringify(e)), closed: reconnect }));
  state.stops.push(await client.subscribe(
    'subscription($c: String!) { viewerCount(channel: $c) { viewers } }', { c: login },
    { next: (p) => { $('viewer-count').textContent = p.data.viewerCount.viewers; } }));
  state.stops.push(await client.subscribe(
    `subscription($c: String!) { streamEvents(channel: $c) { __typename } }`, { c: login },
    { next: () => run(() => showChannel(login)) }));
}

$('open-form').addEventListener('submit', (e) => {
  e.preventDefault();
  run(() => watch($('channel-input').value.trim()));
});

$('chat-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $('chat-input');
  const text = input.value;
  if (!text || !state.channel) return;
  run(async () => {
    await client.request(
      'mutation($c: String!, $t: String!, $k: String) { sendChatMessage(channel: $c, text: $t, idempotencyKey: $k) { id } }',
      { c: state.channel, t: text, k: crypto.randomUUID() });
    input.value = '';
  });
});

$('follow-btn').addEventListener('click', () =>
  run(async () => {
    const following = $('follow-btn').dataset.following === 'true';
    const field = following ? 'unfollowChannel' : 'followChannel';
    await client.request(`mutation($c: String!) { ${field}(channel: $c) { id } }`, { c: state.channel });
    await showChannel(state.channel);
  }));

// --- Broadcasting -----------------------------------------------------------

$('golive-form').addEventListener('submit', (e) => {
  e.preventDefault();
  run(async () => {
    await client.request('mutation($t: String!, $c: String!) { goLive(title: $t, category: $c) { id } }',
      { t: $('golive-title').value, c: $('golive-category').value });
    await loadLive();
  });
});

$('gooffline-btn').addEventListener('click', () =>
  run(async () => {
    await client.request('mutation { goOffline { id } }');
    await loadLive();
  }));

resumeSession().then(loadLive);
