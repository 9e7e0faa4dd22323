// /metrics before, during and after real traffic: two graphql-ws viewers of
// one chat room, messages sent over HTTP, a notification delivered, then
// every socket closed. Prints one line per scrape, { at, values } with the
// samples below summed over their labels (absent: null); the C++ test
// compares them (the last line is the settled state).
//   node clients/metrics_traffic.mjs

import { check, deadline, emit, gqlData, http, register } from './lib/harness.mjs';
import { connect, nextData, roundTrip, subscription } from './lib/ws.mjs';

deadline(60000);
const names = [
  'streamhub_websocket_connections',
  'streamhub_websocket_connections_total',
  'streamhub_subscriptions',
  'streamhub_subscription_deliveries_total',
  'streamhub_graphql_operations_total',
  'streamhub_http_requests_total',
  'streamhub_entity_subscriptions',
  'streamhub_events_published_total',
  'streamhub_commands_total',
  'streamhub_appends_total',
  'streamhub_notification_subscribers',
  'streamhub_notifications_delivered_total',
];

async function read() {
  const r = await http('/metrics');
  check(r.status === 200, `/metrics answered ${r.status}`);
  const values = {};
  for (const name of names) values[name] = null;
  for (const line of r.body.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m && m[1] in values) values[m[1]] = (values[m[1]] ?? 0) + Number(m[3]);
  }
  return values;
}

async function scrape(at) {
  const values = await read();
  emit({ at, values });
  return values;
}

const host = await register('host');
const fan = await register('fan');
await gqlData('mutation { followChannel(channel: "host") { id } }', {}, { token: fan.token });
const send = async (text) =>
  (await gqlData('mutation($t: String!) { sendChatMessage(channel: "host", text: $t) { cursor } }', { t: text }, {
    token: fan.token,
  })).sendChatMessage;
const anchor = await send('before');
const idle = await scrape('idle');

// Two viewers of the same room from the same cursor, and the fan's
// notifications.
const chat = 'subscription($a: String) { chatMessages(channel: "host", after: $a) { sequence } }';
const viewers = [connect(undefined), connect(undefined)];
const ops = viewers.map((client) => subscription(client, chat, { a: anchor.cursor }));
const inbox = connect(fan.token);
const notifications = subscription(inbox, 'subscription { notifications { kind } }');
for (const client of [...viewers, inbox]) await roundTrip(client);
await scrape('subscribed');

for (const text of ['one', 'two', 'three']) await send(text);
for (const op of ops) for (let i = 0; i < 3; ++i) await nextData(op, 'chatMessages');
await gqlData('mutation { goLive(title: "t", category: "c") { live } }', {}, { token: host.token });
check((await nextData(notifications, 'notifications')).kind === 'STREAM_LIVE', 'no go-live notification');
// Every frame before these round trips' answers has been written (one
// write in flight per socket).
for (const client of [...viewers, inbox]) await roundTrip(client);
await scrape('delivered');

for (const op of ops) op.stop();
notifications.stop();
for (const client of [...viewers, inbox]) await roundTrip(client);
await scrape('completed');

for (const client of [...viewers, inbox]) await client.dispose();
// What the server does on its own time: a closed socket's session ends after
// the close handshake, the emptied relay's unsubscribe reaches the room, and
// the fan-out counts a notification once it has handed it over. Read until
// all of it shows, for at most 20 s (a failure guard: the C++ test
// then sees the values that did not settle).
const settled = (v) =>
  v.streamhub_websocket_connections === 0 &&
  v.streamhub_entity_subscriptions === idle.streamhub_entity_subscriptions &&
  v.streamhub_notifications_delivered_total >= 1;
const until = Date.now() + 20000;
let values = await read();
while (!settled(values) && Date.now() < until) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  values = await read();
}
emit({ at: 'settled', values });
