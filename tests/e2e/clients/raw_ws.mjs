// A scripted WebSocket client (the `ws` package, no graphql-ws) for what a
// well-behaved client never does: wrong subprotocols, early or repeated
// messages, malformed or oversized frames.
//   node clients/raw_ws.mjs '<spec>'
// spec: {
//   protocols: ["graphql-transport-ws"] (default) | [] | [...],
//   headers: { ... },            // e.g. Origin, Authorization
//   localAddress: "127.0.0.2",   // connect from another loopback address
//   perMessageDeflate: true,     // offer permessage-deflate (ws's default)
//   steps: [                     // in order
//     { send: <string or object> },          // a text message (objects as JSON)
//     { sendBase64: "...", binary: false },  // raw bytes as a text (or binary) frame
//     { sendFiller: N },                     // N bytes of 'a' as one text message
//     { await: "connection_ack" },           // until a message of this type (and id, if given)
//     { close: 1000 }                        // the client closes
//   ],
//   waitClose: true              // after the steps, wait for the server to close
//                                // (false: close with 1000 and report)
// }
// Prints { status (of a refused upgrade, else 101), protocol, extensions (the
// upgrade's Sec-WebSocket-Extensions, or null), messages,
// close: { code, reason } | null } (a refused upgrade adds its body and headers),
// or { status: null, error } when the handshake failed on the client's side.

import WebSocket from 'ws';
import { args, deadline, emit, env } from './lib/harness.mjs';

deadline(Number(process.env.E2E_CLIENT_DEADLINE_MS ?? 30000));
const spec = JSON.parse(args[0] ?? '{}');
const protocols = spec.protocols ?? ['graphql-transport-ws'];
const result = { status: null, protocol: null, extensions: null, messages: [], close: null };

const ws = new WebSocket(env.wsUrl, protocols, {
  headers: spec.headers ?? {},
  localAddress: spec.localAddress,
  perMessageDeflate: spec.perMessageDeflate ?? true,
});
ws.on('upgrade', (response) => {
  result.extensions = response.headers['sec-websocket-extensions'] ?? null;
});
const closed = new Promise((resolve) => {
  ws.on('close', (code, reason) => {
    result.close = { code, reason: reason.toString() };
    resolve();
  });
});
// Awaits consume messages in order: an await matches only messages after
// the one the previous await matched.
let waiter = null;
let consumed = 0;
ws.on('message', (data) => {
  let message;
  try {
    message = JSON.parse(data.toString());
  } catch {
    message = { unparsed: data.toString() };
  }
  result.messages.push(message);
  if (waiter && waiter.matches(message)) {
    consumed = result.messages.length;
    const { resolve } = waiter;
    waiter = null;
    resolve();
  }
});
ws.on('unexpected-response', (request, response) => {
  result.status = response.statusCode;
  let body = '';
  response.on('data', (chunk) => (body += chunk));
  response.on('end', () => {
    result.body = body;
    result.headers = response.headers;
    emit(result);
    process.exit(0);
  });
});
ws.on('error', (e) => {
  // Before the upgrade completes (e.g. no subprotocol chosen when one was
  // offered): reported, not a failure of the script.
  if (result.status === null) {
    result.error = e.message;
    emit(result);
    process.exit(0);
  }
});

await new Promise((resolve) => ws.once('open', resolve));
result.status = 101;
result.protocol = ws.protocol;

function awaitMessage(step) {
  const matches = (m) => m.type === step.await && (step.id === undefined || m.id === step.id);
  const at = result.messages.findIndex((m, i) => i >= consumed && matches(m));
  if (at >= 0) {
    consumed = at + 1;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    waiter = { matches, resolve };
  });
}

for (const step of spec.steps ?? []) {
  if (result.close) break;
  if ('send' in step) ws.send(typeof step.send === 'string' ? step.send : JSON.stringify(step.send));
  else if ('sendBase64' in step) ws.send(Buffer.from(step.sendBase64, 'base64'), { binary: !!step.binary });
  else if ('sendFiller' in step) ws.send('a'.repeat(step.sendFiller));
  else if ('await' in step) await Promise.race([awaitMessage(step), closed]);
  else if ('close' in step) ws.close(step.close);
}
if (spec.waitClose === false && !result.close) ws.close(1000);
await closed;
emit(result);
