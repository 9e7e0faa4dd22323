// liveStreams orders live channels by their viewers (the sampled counts,
// serve --viewer-sample-seconds 1), most first, ties by login. Viewers are
// graphql-ws chatMessages subscribers. The logins are chosen so that the
// expected orders differ from the tie order (zed, mid, abe).
import assert from 'node:assert/strict';
import { run, nodes } from './client.mjs';
import { connect, roundTrip, subscription } from '../clients/lib/ws.mjs';

const LIVE = `query { liveStreams(first: 10) { edges { node { id viewerCount } } } }`;
const GO_LIVE = `mutation { goLive(title: "t", category: "c") { id } }`;

run(async (client) => {
  const sockets = [];
  async function watch(channel, viewers) {
    for (let i = 0; i < viewers; ++i) {
      const socket = connect(undefined);
      subscription(socket, 'subscription($c: String!) { chatMessages(channel: $c) { sequence } }', { c: channel });
      await roundTrip(socket);  // counted once its subscribe has been handled
      sockets.push(socket);
    }
  }
  // Samples land on the channels' own timers: read until the list is
  // `expected` ([id, viewerCount] pairs), for at most 30 s (a failure guard).
  async function settle(expected) {
    const until = Date.now() + 30_000;
    for (;;) {
      const list = nodes((await client.ok(LIVE)).liveStreams).map((c) => [c.id, c.viewerCount]);
      if (JSON.stringify(list) === JSON.stringify(expected) || Date.now() > until)
        return assert.deepEqual(list, expected);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  for (const login of ['abe', 'mid', 'zed']) {
    const user = await client.user(login);
    await client.ok(GO_LIVE, {}, { token: user.token });
  }
  assert.deepEqual(nodes((await client.ok(LIVE)).liveStreams).map((c) => c.id), ['zed', 'mid', 'abe']);

  await watch('abe', 2);
  await watch('mid', 1);
  await settle([['abe', 2], ['mid', 1], ['zed', 0]]);
  await watch('mid', 2);
  await settle([['mid', 3], ['abe', 2], ['zed', 0]]);

  for (const socket of sockets) await socket.dispose();
});
