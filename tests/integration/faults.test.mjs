// Faults an operator meets, made real: the database's disk fills up (a small tmpfs), the
// open-file limit is reached by a flood of idle connections, every connection is mid-request,
// requests trickle in byte by byte. covalue answers what it can, says what it cannot with the
// right status, loses nothing it acknowledged and recovers without a restart.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const holder = fileURLToPath(new URL('../support/hold_connections.mjs', import.meta.url));

// Runs the connection holder (in its own process, with room for its own files).
function hold(url, count, mode = 'idle') {
  const { hostname, port } = new URL(url);
  const child = spawn('prlimit', ['--nofile=8192:8192', '--', process.execPath, holder, hostname, port, String(count), mode], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = [];
  let waiting = null;
  child.stdout.setEncoding('utf8');
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      lines.push(JSON.parse(buffered.slice(0, at)));
      buffered = buffered.slice(at + 1);
      if (waiting) waiting();
    }
  });
  const next = () => new Promise((resolve) => {
    const seen = lines.length;
    waiting = () => lines.length > seen && resolve(lines.at(-1));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    settled: () => (lines.length ? Promise.resolve(lines[0]) : next()),
    async state() {
      const answer = next();
      child.stdin.write('\n');
      return answer;
    },
    stop() {
      child.stdin.end();
      return exited;
    },
  };
}

// Milliseconds a GET takes on a fresh connection.
async function timed(url, path, headers = {}) {
  const started = performance.now();
  const response = await fetch(url + path, { headers: { connection: 'close', ...headers } });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe('faults', () => {
  let dir, logins;
  before(() => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'), 1, ['--patients', '12']);
  });
  after(() => dir.remove());

  it('answers 507 while the disk is full, writes nothing half, and writes again once space returns', async (t) => {
    const mount = dir.file('small-disk');
    mkdirSync(mount);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mount]);
    if (mounted.status !== 0) {
      t.skip(`mounting a tmpfs needs root: ${mounted.stderr}`);
      return;
    }
    let server;
    const filler = `${mount}/filler`;
    try {
      copyFileSync(dir.file('covalue.db'), `${mount}/covalue.db`);
      server = await startServer(`${mount}/covalue.db`);
      const patient = loginOf(logins, 'patient.vastera');
      const cookie = await signIn(server.url, patient.username, patient.password);
      const me = (await (await fetch(`${server.url}/api/v1/patients`, { headers: { cookie } })).json()).items[0];
      const note = (text, id) => fetch(`${server.url}/api/v1/patients/${me.id}/notes`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-request-id': id },
        body: JSON.stringify({ kind: 'what_matters', text }),
      });
      assert.equal((await note('before the disk filled', 'it-before')).status, 201);

      // Fill the disk to the last byte.
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        assert.equal(e.code, 'ENOSPC');
      }
      try {
        for (;;) writeSync(fd, Buffer.alloc(512, 1));
      } catch { /* full */ }
      closeSync(fd);

      const full = await note('while the disk was full '.repeat(40), 'it-disk-full');
      assert.equal(full.status, 507);
      assert.equal(full.headers.get('content-type'), 'application/problem+json');
      assert.ok(Number(full.headers.get('retry-after')) > 0);
      const problem = await full.json();
      assert.equal(problem.status, 507);
      assert.match(problem.detail, /disk is full/);
      // FHIR answers an OperationOutcome.
      const fhir = await fetch(`${server.url}/fhir/r4/QuestionnaireResponse`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'QuestionnaireResponse', questionnaire: 'Questionnaire/phq-9', status: 'completed',
          subject: { reference: `Patient/${me.id}` },
          item: Array.from({ length: 9 }, (_, i) => ({ linkId: `phq9-${i + 1}`, answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6568-5' } }] })),
        }),
      });
      assert.equal(fhir.status, 507);
      assert.equal((await fhir.json()).resourceType, 'OperationOutcome');
      // Health answers; a read of a person's data must be audited first, so it waits too.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${server.url}/api/v1/patients/${me.id}/dashboard`, { headers: { cookie } })).status, 507);
      // One log line with the request id and the cause.
      const lines = server.log().split('\n').filter((l) => l.includes('it-disk-full') && l.includes('answered 507'));
      assert.equal(lines.length, 1, server.log().slice(-2000));
      assert.match(lines[0], /full/);

      // Space returns: the same write succeeds, without a restart.
      unlinkSync(filler);
      assert.equal((await note('after space returned', 'it-after')).status, 201);
      const after = await (await fetch(`${server.url}/api/v1/patients/${me.id}/dashboard`, { headers: { cookie } })).json();
      assert.ok(after.notes.some((n) => n.text === 'before the disk filled'));
      assert.ok(after.notes.some((n) => n.text === 'after space returned'));
      assert.ok(!after.notes.some((n) => n.text.startsWith('while the disk was full')), 'nothing half written');
    } finally {
      if (server) await server.stop();
      rmSync(filler, { force: true });
      spawnSync('umount', [mount]);
    }
  });

  it('keeps answering /healthz and signed-in reads with 1,100 idle connections and 1,024 open files', async () => {
    const server = await startServer(dir.file('covalue.db'), [], { prefix: ['prlimit', '--nofile=1024:1024', '--'] });
    const admin = loginOf(logins, 'admin');
    const cookie = await signIn(server.url, admin.username, admin.password);
    const flood = hold(server.url, 1100);
    try {
      const settled = await flood.settled();
      assert.equal(settled.opened + settled.failed, 1100);
      // The kernel completes connections before the server accepts them: wait until it has
      // taken them all (its count of open connections stands still), then time what it answers.
      // Each on a connection of its own, as timed() does: the server closes idle connections to
      // make room, a kept-alive one of this client's too.
      // A connection accepted while the server is full may itself be closed to make room before
      // its request is read (under load, the newest can be the idlest): the count is asked again.
      const metricsText = async (tries = 3) => {
        try {
          return await (await fetch(`${server.url}/metrics`, { headers: { connection: 'close' } })).text();
        } catch (error) {
          if (tries <= 1 || error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
          return metricsText(tries - 1);
        }
      };
      const openNow = async () => Number(/covalue_connections_open (\d+)/.exec(await metricsText())[1]);
      for (let last = -1, now = await openNow(); now !== last; last = now, now = await openNow()) {
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      // The oldest idle connections make room: health and a signed-in read answer within 1 s.
      for (let i = 0; i < 5; i++) {
        const health = await timed(server.url, '/healthz');
        assert.equal(health.status, 200);
        assert.ok(health.ms < 1000, `healthz took ${health.ms} ms`);
        const me = await timed(server.url, '/api/v1/users/me', { cookie });
        assert.equal(me.status, 200);
        assert.ok(me.ms < 1000, `a signed-in read took ${me.ms} ms`);
      }
      const state = await flood.state();
      assert.ok(state.closed > 0, 'idle connections were closed to make room');
      const metrics = await metricsText();
      assert.match(metrics, /covalue_connections_evicted_total [1-9]/);
      assert.match(server.log(), /1024 open files allowed; at most 896 connections/);
    } finally {
      await flood.stop();
      await server.stop();
    }
  });

  it('raises its soft limit of open files to the hard limit', async () => {
    const server = await startServer(dir.file('covalue.db'), [], { prefix: ['prlimit', '--nofile=1024:4096', '--'] });
    try {
      assert.match(server.log(), /4096 open files allowed/);
    } finally {
      await server.stop();
    }
  });

  it('backs off when accept runs out of files, without flooding the log', async () => {
    // A cap above the limit makes accept itself fail with EMFILE.
    const server = await startServer(dir.file('covalue.db'), ['--max-connections', '5000', '--fd-reserve', '16'],
      { prefix: ['prlimit', '--nofile=256:256', '--'] });
    const flood = hold(server.url, 400);
    try {
      await flood.settled();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const warnings = server.log().split('\n').filter((l) => l.includes('accepting a connection failed'));
      assert.ok(warnings.length >= 1, 'the failure is reported');
      assert.ok(warnings.length <= 3, `${warnings.length} warnings in 1.5 s`);
      await flood.stop();
      const health = await timed(server.url, '/healthz');
      assert.equal(health.status, 200);
    } finally {
      await flood.stop().catch(() => {});
      await server.stop();
    }
  });

  it('refuses at once, with a 503, only when every connection is mid-request', async () => {
    const server = await startServer(dir.file('covalue.db'), ['--max-connections', '8']);
    const busy = hold(server.url, 8, 'body');
    try {
      await busy.settled();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await timed(server.url, '/healthz');
      assert.equal(refused.status, 503);
      assert.ok(refused.ms < 1000);
    } finally {
      await busy.stop();
    }
    // Once they are gone, it serves again.
    assert.equal((await timed(server.url, '/healthz')).status, 200);
    await server.stop();
  });

  it('closes a connection whose request head never ends, however slowly bytes come', async () => {
    const server = await startServer(dir.file('covalue.db'), ['--header-timeout', '2', '--idle-timeout', '1']);
    const { hostname, port } = new URL(server.url);
    try {
      const slow = net.createConnection({ host: hostname, port: Number(port) });
      await new Promise((resolve) => slow.on('connect', resolve));
      const started = Date.now();
      const closed = new Promise((resolve) => slow.on('close', resolve));
      slow.on('error', () => {});
      const drip = setInterval(() => slow.write('X'), 300);
      slow.write('GET /healthz HTTP/1.1\r\nX-Slow: ');
      await closed;
      clearInterval(drip);
      const seconds = (Date.now() - started) / 1000;
      assert.ok(seconds >= 1.5 && seconds < 5, `closed after ${seconds} s`);
      // An idle connection is closed after the idle limit.
      const idle = net.createConnection({ host: hostname, port: Number(port) });
      const idleStarted = Date.now();
      await new Promise((resolve) => idle.on('close', resolve));
      assert.ok((Date.now() - idleStarted) / 1000 < 3);
    } finally {
      await server.stop();
    }
  });
});
