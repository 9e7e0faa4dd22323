// Opens WebSockets one after another and keeps them open, to meet the
// per-IP and per-user connection caps; then, with those still open, one
// more from another client: the `other` spec ({headers, init, localAddress},
// e.g. 127.0.0.2 for another IP or another user's token).
//   node clients/connection_caps.mjs '{"count": N, "headers": {...}, "init": {payload} | null, "other": {...}}'
// With "init", each connection sends connection_init with that payload and
// waits for the ack or the close.
// Prints { connections: [{ status, ack, close }], other: { status, ack, close } }.

import WebSocket from 'ws';
import { args, deadline, emit, env } from './lib/harness.mjs';

deadline(60000);
const spec = JSON.parse(args[0] ?? '{}');

function open(spec) {
  return new Promise((resolve) => {
    const outcome = { status: null, ack: false, close: null };
    const ws = new WebSocket(env.wsUrl, ['graphql-transport-ws'], {
      headers: spec.headers ?? {},
      localAddress: spec.localAddress,
    });
    ws.on('unexpected-response', (request, response) => {
      outcome.status = response.statusCode;
      resolve({ ws: null, outcome });
    });
    ws.on('error', () => {});
    ws.on('close', (code, reason) => {
      outcome.close = { code, reason: reason.toString() };
      resolve({ ws, outcome });
    });
    ws.on('open', () => {
      outcome.status = 101;
      if (!spec.init) return resolve({ ws, outcome });
      ws.send(JSON.stringify({ type: 'connection_init', payload: spec.init }));
    });
    ws.on('message', (data) => {
      if (JSON.parse(data.toString()).type !== 'connection_ack') return;
      outcome.ack = true;
      resolve({ ws, outcome });
    });
  });
}

const opened = [];
for (let i = 0; i < spec.count; ++i) opened.push(await open(spec));
const other = spec.other ? await open(spec.other) : null;
for (const { ws } of [...opened, other]) ws?.terminate();
emit({ connections: opened.map((o) => o.outcome), other: other?.outcome ?? null });
