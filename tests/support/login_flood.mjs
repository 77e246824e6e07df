// A login flood as an attacker runs it: CONNECTIONS keep-alive connections from 127.0.0.1
// posting wrong passwords for ever-new usernames as fast as the server answers, while another
// user at 127.0.0.2 signs in with the right password every 100 ms. Used by the integration test
// (tests/integration/login_flood.test.mjs) and by bench/login_flood.mjs, which prints the
// figures.
import { readFileSync } from 'node:fs';
import http from 'node:http';

// One request over node's http with a chosen source address; resolves {status, ms, body}.
export function request(url, { method = 'GET', path, headers = {}, body, agent, localAddress } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request({ host: hostname, port, method, path, headers, agent, localAddress }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - started, error: e.message }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export function login(url, username, password, options = {}) {
  const body = JSON.stringify({ username, password });
  return request(url, {
    method: 'POST', path: '/api/v1/auth/login', body,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, ...options,
  });
}

function quantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

// The peak resident memory of a process (VmHWM), in MB.
export function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

// Runs the flood for seconds; returns the other user's login latencies (p50, p99, max, their
// statuses) and how the flood was answered.
export async function flood(url, { connections = 40, seconds = 5, user, password }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const stopAt = performance.now() + seconds * 1000;
  const floodStatuses = {};
  let n = 0;
  const attacker = async () => {
    while (performance.now() < stopAt) {
      const answer = await login(url, `guess-${n++}`, 'not the password', { agent, localAddress: '127.0.0.1' });
      floodStatuses[answer.status] = (floodStatuses[answer.status] ?? 0) + 1;
    }
  };
  const other = async () => {
    const latencies = [];
    const statuses = {};
    while (performance.now() < stopAt) {
      const answer = await login(url, user, password, { localAddress: '127.0.0.2' });
      latencies.push(answer.ms);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    latencies.sort((a, b) => a - b);
    return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1), count: latencies.length, statuses };
  };
  const [measured] = await Promise.all([other(), ...Array.from({ length: connections }, attacker)]);
  agent.destroy();
  return { other: measured, flood: floodStatuses, attempts: n };
}
