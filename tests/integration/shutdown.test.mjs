// SIGTERM lets in-flight requests finish, closes idle connections and exits 0.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';

import { loginOf, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

describe('graceful shutdown', () => {
  let dir, logins;
  before(() => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'));
  });
  after(() => dir.remove());

  it('answers a request in flight at SIGTERM, then exits 0', async () => {
    const server = await startServer(dir.file('covalue.db'));
    const { hostname, port } = new URL(server.url);
    const admin = loginOf(logins, 'admin');
    const body = JSON.stringify({ username: admin.username, password: admin.password });
    // An idle keep-alive connection, which shutdown must close.
    const idle = net.createConnection({ host: hostname, port: Number(port) });
    const idleClosed = new Promise((resolve) => idle.on('close', resolve));
    await new Promise((resolve) => idle.on('connect', resolve));

    const socket = net.createConnection({ host: hostname, port: Number(port) });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    await new Promise((resolve) => socket.on('connect', resolve));
    // Sign-in hashes a password (tens of milliseconds): the signal arrives while it runs.
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    // 15 ms: long enough for the server to have read the request, shorter than the hashing.
    await new Promise((resolve) => setTimeout(resolve, 15));
    server.process.kill('SIGTERM');
    await closed;
    assert.match(data, /^HTTP\/1\.1 200 OK/);
    assert.match(data, /"username":"admin"/);
    await idleClosed;
    const { code } = await server.exited;
    assert.equal(code, 0);
    assert.match(server.log(), /finishing in-flight requests/);
  });
});
