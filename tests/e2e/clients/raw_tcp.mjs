// Raw TCP connections to the server's port, for what fetch hides: idle
// keep-alive connections, partial requests, connections held open.
//   node clients/raw_tcp.mjs '<spec>'
// spec: {
//   connections: [               // opened one after another
//     { send: "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",  // optional bytes to write
//       localAddress: "127.0.0.2",                        // optional source address
//       until: "close" | "response" }                      // wait for the server to close,
//                                                          // or for one whole response
//   ],                                                     // (then keep the connection)
//   then: [ ... ]                // after every kept connection was closed by the
//                                // client and then by the server: more, as above
// }
// Prints { connections: [report], then: [report] }, each report
// { received (text), status (of the first response, or null), serverClosed }.
// serverClosed is true when the server ended the connection before the
// client did.

import net from 'node:net';
import { URL } from 'node:url';
import { args, deadline, emit, env } from './lib/harness.mjs';

deadline(Number(process.env.E2E_CLIENT_DEADLINE_MS ?? 30000));
const spec = JSON.parse(args[0] ?? '{}');
const target = new URL(env.baseUrl);

/// True once `text` holds a whole response (headers and Content-Length body).
function wholeResponse(text) {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end));
  return text.length >= end + 4 + (length ? Number(length[1]) : 0);
}

function open(step) {
  return new Promise((resolve) => {
    const report = { received: '', status: null, serverClosed: false };
    const socket = net.connect({ host: target.hostname, port: Number(target.port), localAddress: step.localAddress });
    let clientEnded = false;
    const closed = new Promise((done) => {
      socket.on('close', () => {
        if (!clientEnded) report.serverClosed = true;
        done();
      });
    });
    const finish = () => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(report.received);
      report.status = status ? Number(status[1]) : null;
    };
    let resolved = false;
    const settle = (kept) => {
      if (resolved) return;
      resolved = true;
      resolve({
        report,
        kept,
        // The client half-closes, then waits for the server to close too.
        release: async () => {
          if (!clientEnded && !report.serverClosed) {
            clientEnded = true;
            socket.end();
          }
          await closed;
        },
      });
    };
    socket.on('error', () => {});
    socket.on('connect', () => {
      if (step.send) socket.write(step.send);
    });
    socket.on('data', (chunk) => {
      report.received += chunk.toString('latin1');
      finish();
      if (step.until === 'response' && wholeResponse(report.received)) settle(true);
    });
    closed.then(() => {
      finish();
      settle(false);
    });
  });
}

const result = { connections: [], then: [] };
const kept = [];
for (const step of spec.connections ?? []) {
  const opened = await open(step);
  if (opened.kept) kept.push(opened);
  result.connections.push(opened.report);
}
for (const opened of kept) await opened.release();
for (const step of spec.then ?? []) {
  const opened = await open(step);
  await opened.release();
  result.then.push(opened.report);
}
emit(result);
