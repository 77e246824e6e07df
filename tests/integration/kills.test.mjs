// kill -9 of a server at random moments under writes, ten times: no acknowledged write is lost,
// the audit chain verifies, and, with two servers on one PostgreSQL database, the other server
// answers every request meanwhile, each within 5 s. Runs on SQLite (one server, restarted) and
// on PostgreSQL (COVALUE_TEST_BACKEND=postgresql: two servers).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loginOf, run, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const KILLS = 10;

describe('kill -9 under writes', () => {
  let dir;
  let db;
  let logins;
  let servers = [];
  before(() => {
    dir = tempDir();
    db = dir.database();
    logins = writeDemo(db, 1, ['--patients', '12']);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    dir.remove();
  });

  it(`loses nothing acknowledged over ${KILLS} kills`, async () => {
    const twoServers = db.startsWith('postgresql://');
    servers = await Promise.all((twoServers ? [0, 1] : [0]).map(() => startServer(db)));
    const patient = loginOf(logins, 'patient.vastera');
    const cookie = await signIn(servers[0].url, patient.username, patient.password);
    const patientId = (await (await fetch(`${servers[0].url}/api/v1/patients`, { headers: { cookie } })).json()).items[0].id;
    const acknowledged = [];
    const survivorProblems = [];
    let n = 0;
    // One writer on a server: notes until stopped; a failure at the server being killed is
    // expected (not acknowledged), any at the survivor is a problem.
    const writer = (index, stop, survivor) => (async () => {
      while (!stop.now) {
        const server = servers[index];
        const text = `note ${n++}`;
        const started = Date.now();
        try {
          const response = await fetch(`${server.url}/api/v1/patients/${patientId}/notes`, {
            method: 'POST',
            headers: { cookie, origin: server.url, 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'what_matters', text }),
            signal: AbortSignal.timeout(10_000),
          });
          if (response.status === 201) acknowledged.push(text);
          else if (survivor) survivorProblems.push(`${response.status} ${await response.text()}`);
        } catch (error) {
          if (survivor) survivorProblems.push(String(error));
          else await new Promise((done) => setTimeout(done, 20));
        }
        if (survivor && Date.now() - started > 5000) survivorProblems.push(`took ${Date.now() - started} ms`);
      }
    })();

    for (let kill = 0; kill < KILLS; kill++) {
      const stop = { now: false };
      const writers = [];
      for (let w = 0; w < 4; w++) writers.push(writer(0, stop, false));
      if (twoServers) for (let w = 0; w < 4; w++) writers.push(writer(1, stop, true));
      await new Promise((done) => setTimeout(done, 150 + Math.random() * 500));
      servers[0].process.kill('SIGKILL');
      assert.equal((await servers[0].exited).signal, 'SIGKILL');
      await new Promise((done) => setTimeout(done, 100));
      stop.now = true;
      await Promise.all(writers);
      servers[0] = await startServer(db);
    }
    assert.deepEqual(survivorProblems, [], 'the other server answered every request within 5 s');
    assert.ok(acknowledged.length > KILLS * 4, `${acknowledged.length} writes acknowledged`);

    const sql = `SELECT text FROM patient_notes WHERE patient_id = ${patientId}`;
    const stored = twoServers
      ? spawnSync('psql', [db, '-tAc', sql], { encoding: 'utf8' })
      : spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
    assert.equal(stored.status, 0, stored.stderr);
    const texts = new Set(stored.stdout.trim().split('\n'));
    const lost = acknowledged.filter((text) => !texts.has(text));
    assert.deepEqual(lost, [], 'every acknowledged note is stored');
    const verified = run(['audit', 'verify', '--db', db]);
    assert.equal(verified.status, 0, verified.stderr + verified.stdout);
  });
});
