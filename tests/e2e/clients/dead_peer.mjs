// Two acknowledged WebSockets that send nothing more: one answers the
// server's ping frames (as `ws` does by default), the other does not
// (autoPong: false), like a peer whose network went away. Waits until the
// server drops the silent one, then runs a query on the other.
//   node clients/dead_peer.mjs
// Prints { silent: { pings, close }, healthy: { pings, answer, close } }.

import WebSocket from 'ws';
import { deadline, emit, env } from './lib/harness.mjs';

deadline(60000);

async function open(autoPong) {
  const ws = new WebSocket(env.wsUrl, ['graphql-transport-ws'], { autoPong });
  const state = { pings: 0, close: null, messages: [] };
  const waiters = [];
  state.closed = new Promise((resolve) => {
    ws.on('close', (code, reason) => {
      state.close = { code, reason: reason.toString() };
      resolve();
    });
  });
  ws.on('error', () => {});
  ws.on('ping', () => ++state.pings);
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    state.messages.push(message);
    for (const w of waiters.splice(0)) w(message);
  });
  state.next = (type) =>
    new Promise((resolve) => {
      const look = (m) => (m.type === type ? resolve(m) : waiters.push(look));
      waiters.push(look);
      state.closed.then(() => resolve(null));
    });
  await new Promise((resolve) => ws.once('open', resolve));
  const ack = state.next('connection_ack');
  ws.send(JSON.stringify({ type: 'connection_init' }));
  await ack;
  return { ws, state };
}

const healthy = await open(true);
const silent = await open(false);
await silent.state.closed;
const healthyPings = healthy.state.pings;
const done = healthy.state.next('complete');
healthy.ws.send(JSON.stringify({ type: 'subscribe', id: 'q', payload: { query: '{ __typename }' } }));
await done;
const answer = healthy.state.messages.find((m) => m.type === 'next' && m.id === 'q') ?? null;
healthy.ws.close(1000);
await healthy.state.closed;
emit({
  silent: { pings: silent.state.pings, close: silent.state.close },
  healthy: { pings: healthyPings, answer, close: healthy.state.close },
});
