// Sign-in under attack over real HTTP: failures are throttled per (username, address), per
// address and globally, never locking a user out from where they are; a 40-connection flood of
// wrong passwords leaves another user's sign-in fast and the server's memory small.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';
import { flood, login, peakRssMb } from '../support/login_flood.mjs';

describe('sign-in under attack', () => {
  let dir, server, logins;
  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'), 1, ['--patients', '12']);
    server = await startServer(dir.file('covalue.db'));
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('locks a username only from the address that guessed, the right password included', async () => {
    const member = loginOf(logins, 'member.vastera');
    for (let i = 0; i < 5; i++) {
      const wrong = await login(server.url, member.username, `wrong ${i}`, { localAddress: '127.0.0.3' });
      assert.equal(wrong.status, 401, `failure ${i + 1}`);
    }
    const locked = await login(server.url, member.username, member.password, { localAddress: '127.0.0.3' });
    assert.equal(locked.status, 429);
    assert.equal(Number(locked.headers['retry-after']), 60);
    assert.ok(locked.ms >= 900, 'a refusal is answered slowly (a tarpit)');
    // The same person at their own desk signs in.
    const own = await login(server.url, member.username, member.password, { localAddress: '127.0.0.4' });
    assert.equal(own.status, 200);
    // Each attempt is audited with its client's address.
    const admin = loginOf(logins, 'admin');
    const cookie = await signIn(server.url, admin.username, admin.password);
    const trail = await (await fetch(`${server.url}/api/v1/audit?limit=500`, { headers: { cookie } })).json();
    const denied = trail.items.filter((r) => r.action === 'auth.login' && r.outcome === 'denied');
    assert.ok(denied.some((r) => r.client_address === '127.0.0.3'));
    assert.ok(trail.items.some((r) => r.action === 'auth.login' && r.outcome === 'allowed' && r.client_address === '127.0.0.4'));
  });

  it('keeps another user’s sign-in fast and memory small during a 40-connection flood', async () => {
    const user = loginOf(logins, 'professional.vastera');
    const result = await flood(server.url, { connections: 40, seconds: 5, user: user.username, password: user.password });
    console.log(`another user's sign-in during the flood: p50 ${result.other.p50.toFixed(1)} ms, p99 ${result.other.p99.toFixed(1)} ms; ` +
      `the flood: ${JSON.stringify(result.flood)}; peak memory ${peakRssMb(server.process.pid).toFixed(1)} MB`);
    assert.deepEqual(Object.keys(result.other.statuses), ['200'], 'every sign-in of the other user succeeded');
    assert.ok(result.other.count >= 5);
    // Generous bounds (a shared CI machine); the bench prints the figures (bench/login_flood.mjs).
    assert.ok(result.other.p99 < 2000, `p99 ${result.other.p99} ms`);
    // The flood is refused, not hashed: few 401s, the rest throttled or turned away.
    assert.ok((result.flood['401'] ?? 0) <= 40, JSON.stringify(result.flood));
    // argon2id at 64 MiB runs on a pool of one thread per core: memory stays small.
    assert.ok(peakRssMb(server.process.pid) < 600, `${peakRssMb(server.process.pid)} MB`);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });
});
