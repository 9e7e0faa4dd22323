// graphql-ws against a channel's streamEvents:
//   node clients/stream_events.mjs
// A witness stays subscribed from the channel's first event while the
// channel goes live, gains a follower, is raided, gets a subscription and a
// gifted one, and goes offline. A second client receives the first two
// events, disconnects, misses the rest and resumes with `after`: it must
// receive exactly what the witness saw after that cursor, in order, each
// once, then live events as the witness does.
// Asserts itself; prints { witness: [...], resumed: [...] } (typename,
// sequence and id of each event).

import { check, deadline, emit, fail, gqlData, register } from './lib/harness.mjs';
import { connect, nextData, subscription } from './lib/ws.mjs';

deadline(60000);
const host = await register('host');
const fan = await register('fan');
const fan2 = await register('fan2');
const raider = await register('raider');
const channel = host.login;

const events = `subscription($channel: String!, $after: String) {
  streamEvents(channel: $channel, after: $after) {
    __typename id sequence cursor at
    ... on StreamWentLive { title category }
    ... on StreamUpdated { title category }
    ... on StreamWentOffline { durationSeconds peakViewers }
    ... on NewFollower { follower { login } }
    ... on RaidIncoming { from { id } viewers }
    ... on NewSubscription { subscriber { login } tier gifted gifter { login } cumulativeMonths } } }`;

const as = (user) => ({ token: user.token });
const mutate = (user, query, variables = {}) => gqlData(query, variables, as(user));
const goLive = (user, title) =>
  mutate(user, 'mutation($t: String!) { goLive(title: $t, category: "Chess") { live } }', { t: title });

// The witness starts at the channel's first event, so nothing below can
// slip past it however long its subscription takes to start.
const witnessClient = connect(undefined);
const witness = subscription(witnessClient, events, { channel, after: '0' });
const seen = [];
async function witnessed(typename) {
  const e = await nextData(witness, 'streamEvents');
  check(e.__typename === typename, `witness expected ${typename}, got ${JSON.stringify(e)}`);
  seen.push(e);
  return e;
}

await goLive(host, 'first stream');
const live = await witnessed('StreamWentLive');
check(live.title === 'first stream' && live.category === 'Chess', JSON.stringify(live));

const firstClient = connect(fan.token);
const first = subscription(firstClient, events, { channel, after: '0' });
check(JSON.stringify(await nextData(first, 'streamEvents')) === JSON.stringify(live), 'first client: go-live differs');
await mutate(fan, 'mutation($c: String!) { followChannel(channel: $c) { id } }', { c: channel });
const follow = await witnessed('NewFollower');
check(follow.follower.login === fan.login, JSON.stringify(follow));
const lastSeen = await nextData(first, 'streamEvents');
check(JSON.stringify(lastSeen) === JSON.stringify(follow), `first client: ${JSON.stringify(lastSeen)}`);
await firstClient.dispose();

// Disconnected: the first client misses these.
await goLive(raider, 'raiding');
await mutate(raider, 'mutation($c: String!) { raid(target: $c) { id } }', { c: channel });
const raid = await witnessed('RaidIncoming');
check(raid.from.id === raider.login && raid.viewers === 0, JSON.stringify(raid));
await mutate(fan, 'mutation($c: String!) { subscribe(channel: $c, tier: 2) { tier } }', { c: channel });
const sub = await witnessed('NewSubscription');
check(sub.subscriber.login === fan.login && sub.tier === 2 && !sub.gifted && sub.gifter === null, JSON.stringify(sub));
await mutate(fan, 'mutation($c: String!, $r: String!) { subscribe(channel: $c, recipient: $r) { tier } }', {
  c: channel,
  r: fan2.login,
});
const gift = await witnessed('NewSubscription');
check(gift.subscriber.login === fan2.login && gift.gifted && gift.gifter?.login === fan.login, JSON.stringify(gift));
await mutate(host, 'mutation { goOffline { live } }');
const offline = await witnessed('StreamWentOffline');
check(offline.durationSeconds >= 0 && offline.peakViewers >= 0, JSON.stringify(offline));

const missed = seen.slice(seen.indexOf(follow) + 1);
const againClient = connect(fan.token);
const again = subscription(againClient, events, { channel, after: lastSeen.cursor });
const resumed = [];
for (const expected of missed) {
  const e = await nextData(again, 'streamEvents');
  if (JSON.stringify(e) !== JSON.stringify(expected))
    fail(`resumed ${JSON.stringify(e)} where the witness saw ${JSON.stringify(expected)}`);
  resumed.push(e);
}
// Then live ones, through the same subscription, each once.
await goLive(host, 'second stream');
const relive = await witnessed('StreamWentLive');
const next = await nextData(again, 'streamEvents');
check(JSON.stringify(next) === JSON.stringify(relive), `after the missed ones: ${JSON.stringify(next)}`);
resumed.push(next);
await mutate(host, 'mutation { updateStream(title: "renamed") { title } }');
const update = await witnessed('StreamUpdated');
const last = await nextData(again, 'streamEvents');
check(JSON.stringify(last) === JSON.stringify(update), `live after resuming: ${JSON.stringify(last)}`);
resumed.push(last);
again.stop();
witness.stop();
await againClient.dispose();
await witnessClient.dispose();

// Every event carries its channel sequence number (increasing; the cursor
// is that number) and an event id of its own.
for (let i = 0; i < seen.length; ++i) {
  check(seen[i].cursor === String(seen[i].sequence), `cursor ${JSON.stringify(seen[i])}`);
  check(i === 0 || seen[i].sequence > seen[i - 1].sequence, `sequence not increasing at ${i}: ${JSON.stringify(seen)}`);
  check(typeof seen[i].id === 'string' && seen[i].id.length > 0, `no event id: ${JSON.stringify(seen[i])}`);
}
check(new Set(seen.map((e) => e.id)).size === seen.length, `event ids repeat: ${JSON.stringify(seen)}`);
const brief = (list) => list.map((e) => ({ type: e.__typename, sequence: e.sequence, id: e.id }));
emit({ witness: brief(seen), resumed: brief(resumed), resumedAfter: Number(lastSeen.cursor) });
