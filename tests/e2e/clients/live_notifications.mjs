// graphql-ws against the notifications subscription: a follower is told when
// a followed channel goes live, the broadcaster of each new follower, raid
// and subscription; a user
// who does not follow the channel is not told (the next notification each
// user gets is the expected one: notifications of one user arrive in order).
//   node clients/live_notifications.mjs
// Asserts itself; prints a line per notification received, then
// { fan: [...], other: [...], host: [...],
// anonymous: <error code> } (kind, channel, actor of each notification).

import { check, deadline, emit, gqlData, register } from './lib/harness.mjs';
import { connect, nextData, roundTrip, subscription } from './lib/ws.mjs';

deadline(60000);
const host = await register('host');
const fan = await register('fan');
const other = await register('other');
const follow = (user, channel) =>
  gqlData('mutation($c: String!) { followChannel(channel: $c) { id } }', { c: channel }, { token: user.token });

const query = `subscription { notifications {
  id kind text position read createdAt channel { id } actor { login } } }`;

// Subscribed before anything below happens: the subscription is registered
// once its resolver has run.
async function listen(user) {
  const client = connect(user.token);
  const op = subscription(client, query);
  await roundTrip(client);
  const got = [];
  return {
    client,
    op,
    got,
    async next(kind) {
      const n = await nextData(op, 'notifications');
      got.push(n);
      emit({ inbox: user.login, received: n.kind });  // where a hang stopped
      check(n.kind === kind, `${user.login} expected ${kind}, got ${JSON.stringify(got)}`);
      check(n.id === `${user.login}:${n.position}` && !n.read, `${user.login}: ${JSON.stringify(n)}`);
      return n;
    },
  };
}

const hostInbox = await listen(host);
await follow(fan, host.login);
const followed = await hostInbox.next('NEW_FOLLOWER');
check(followed.channel.id === host.login && followed.actor?.login === fan.login, JSON.stringify(followed));

const fanInbox = await listen(fan);
const otherInbox = await listen(other);
await gqlData('mutation { goLive(title: "Speedrun", category: "Games") { live } }', {}, { token: host.token });
const live = await fanInbox.next('STREAM_LIVE');
check(live.channel.id === host.login && live.actor === null && live.text.includes('Speedrun'), JSON.stringify(live));
check(Number(live.position) > Number(followed.position), `positions: ${followed.position}, ${live.position}`);

// `other` follows nobody and `host` does not follow itself: neither is told
// of the go-live, so their next notifications are these.
await follow(fan, other.login);
const otherFollowed = await otherInbox.next('NEW_FOLLOWER');
check(otherFollowed.actor?.login === fan.login, JSON.stringify(otherFollowed));
await follow(other, host.login);
const hostFollowed = await hostInbox.next('NEW_FOLLOWER');
check(hostFollowed.actor?.login === other.login, JSON.stringify(hostFollowed));

// The broadcaster is told of an incoming raid and of a subscription too.
const as = (user) => ({ token: user.token });
await gqlData('mutation { goLive(title: "Raiding", category: "Games") { live } }', {}, as(other));
await gqlData('mutation($c: String!) { raid(target: $c) { id } }', { c: host.login }, as(other));
const raided = await hostInbox.next('RAID_INCOMING');
check(raided.actor?.login === other.login && raided.channel.id === host.login, JSON.stringify(raided));
await gqlData('mutation($c: String!) { subscribe(channel: $c) { tier } }', { c: host.login }, as(fan));
const subscribed = await hostInbox.next('NEW_SUBSCRIPTION');
check(subscribed.actor?.login === fan.login && subscribed.text.includes('tier 1'), JSON.stringify(subscribed));

// Anonymous: refused.
const anonymous = connect(undefined);
const refused = await subscription(anonymous, query).next();
const code = refused.error?.[0]?.extensions?.code;
check(code === 'UNAUTHENTICATED', `anonymous: ${JSON.stringify(refused)}`);
await anonymous.dispose();

for (const inbox of [hostInbox, fanInbox, otherInbox]) {
  inbox.op.stop();
  await inbox.client.dispose();
}
const brief = (inbox) => inbox.got.map((n) => ({ kind: n.kind, channel: n.channel.id, actor: n.actor?.login ?? null }));
emit({ host: brief(hostInbox), fan: brief(fanInbox), other: brief(otherInbox), anonymous: code });
