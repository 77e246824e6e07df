// The login flood of issue "sign-in under attack", measured: another user's sign-in latency
// (p50, p99) before and during a 40-connection flood of wrong passwords, and the server's
// peak memory. Run after `make build`:
//   scripts/node bench/login_flood.mjs [SECONDS] [CONNECTIONS]
// COVALUE_BIN names another build to compare (an older commit's, say).
import { spawnSync } from 'node:child_process';
import os from 'node:os';

import { loginOf, startServer, tempDir, writeDemo } from '../tests/support/covalue_server.mjs';
import { flood, login, peakRssMb } from '../tests/support/login_flood.mjs';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 40);
const dir = tempDir();
const logins = writeDemo(dir.file('covalue.db'), 1, ['--patients', '24']);
const server = await startServer(dir.file('covalue.db'));
const user = loginOf(logins, 'professional.vastera');
try {
  const quiet = [];
  for (let i = 0; i < 30; i++) {
    quiet.push((await login(server.url, user.username, user.password, { localAddress: '127.0.0.2' })).ms);
  }
  quiet.sort((a, b) => a - b);
  const result = await flood(server.url, { connections, seconds, user: user.username, password: user.password });
  const fmt = (v) => v.toFixed(1);
  console.log(`cores: ${os.cpus().length}; binary: ${process.env.COVALUE_BIN ?? 'build/covalue'}`);
  console.log(`another user's sign-in, quiet: p50 ${fmt(quiet[15])} ms, p99 ${fmt(quiet.at(-1))} ms`);
  console.log(`another user's sign-in during a ${connections}-connection flood (${seconds} s): p50 ${fmt(result.other.p50)} ms, p99 ${fmt(result.other.p99)} ms, max ${fmt(result.other.max)} ms, statuses ${JSON.stringify(result.other.statuses)}`);
  console.log(`the flood: ${result.attempts} attempts answered ${JSON.stringify(result.flood)}`);
  console.log(`server peak memory: ${fmt(peakRssMb(server.process.pid))} MB`);
} finally {
  await server.stop();
  dir.remove();
  spawnSync('true');
}
