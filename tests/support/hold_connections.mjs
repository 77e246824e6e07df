// Opens COUNT connections to HOST:PORT and holds them until standard input closes: the flood of
// the fault tests, run as a process of its own so that its open files count against its own
// limit, not the test runner's. Prints one JSON line {"opened", "failed", "closed"} once every
// connection has connected or failed, and again for every line read on standard input. With
// "body" as the last argument each connection sends a request head announcing a body it never
// finishes: a connection mid-request.
import net from 'node:net';
import readline from 'node:readline';

const [host, port, count, mode] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5]];
const sockets = [];
const state = { opened: 0, failed: 0, closed: 0 };
let settled = 0;
const report = () => process.stdout.write(`${JSON.stringify(state)}\n`);
const settle = () => {
  if (++settled === count) report();
};
for (let i = 0; i < count; i++) {
  const socket = net.createConnection({ host, port });
  let connected = false;
  sockets.push(socket);
  socket.once('connect', () => {
    connected = true;
    state.opened++;
    if (mode === 'body') {
      socket.write(`POST /api/v1/sites HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`);
    }
    settle();
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    if (connected) state.closed++;
    else {
      state.failed++;
      settle();
    }
  });
}
readline.createInterface({ input: process.stdin }).on('line', report).on('close', () => {
  for (const socket of sockets) socket.destroy();
  process.exit(0);
});
