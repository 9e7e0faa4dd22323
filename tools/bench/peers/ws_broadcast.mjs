// The Node `ws` peer of `streamhub-loadgen fanout --server ws`: whatever a
// client sends on /pub goes to every client connected on /sub, in order.
//
//   node ws_broadcast.mjs PORT
//
// Listens on 127.0.0.1:PORT (0: any free port); prints "listening <port>" once ready; exits on
// SIGTERM or SIGINT.
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, clientTracking: false });
const subscribers = new Set();

wss.on('connection', (socket, request) => {
  if (request.url === '/sub') {
    subscribers.add(socket);
    socket.on('close', () => subscribers.delete(socket));
  } else if (request.url === '/pub') {
    socket.on('message', (data, isBinary) => {
      for (const s of subscribers) s.send(data, { binary: isBinary });
    });
  } else {
    socket.close(1008, 'use /pub or /sub');
  }
  socket.on('error', () => {});
});

wss.on('listening', () => console.log(`listening ${wss.address().port}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => wss.close(() => process.exit(0)));
