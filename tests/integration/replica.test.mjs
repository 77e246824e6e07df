// A primary and a hot standby (scripts/test-postgres start, then standby: pg_basebackup -R),
// one server with --db-replica: dashboards and searches read on the standby once it has
// replayed every acknowledged write, so a writer always reads what it wrote, even while the
// standby's replay is paused or the standby is stopped (the primary answers then). Its own
// clusters, since the test pauses and stops them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  loginOf, psql as sql, run, signIn, startServer, tempDir, testPostgres as cluster, writeDemo,
} from '../support/covalue_server.mjs';

describe('reads on a streaming replica', () => {
  let dir;
  let primary;
  let standby;
  let server;
  let cookie;
  let patientId;
  before(async () => {
    dir = tempDir();
    cluster('start', dir.file('primary'));
    const url = readFileSync(dir.file('primary/url'), 'utf8').trim();
    sql(url, 'CREATE DATABASE replica');
    primary = url.replace(/\/postgres$/, '/replica');
    const logins = writeDemo(primary, 1, ['--patients', '12']);
    cluster('standby', dir.file('standby'), dir.file('primary'));
    standby = readFileSync(dir.file('standby/url'), 'utf8').trim().replace(/\/postgres$/, '/replica');
    server = await startServer(primary, ['--db-replica', standby]);
    const patient = loginOf(logins, 'patient.vastera');
    cookie = await signIn(server.url, patient.username, patient.password);
    patientId = (await (await fetch(`${server.url}/api/v1/patients`, { headers: { cookie } })).json()).items[0].id;
  });
  after(async () => {
    await server?.stop();
    cluster('stop', dir.file('standby'));
    cluster('stop', dir.file('primary'));
    dir.remove();
  });

  const counters = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const count = (name) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
    return {
      replica: count('covalue_store_replica_reads_total'),
      fallback: count('covalue_store_replica_fallbacks_total'),
    };
  };
  // Writes a note and reads the dashboard at once: the note must be there.
  const writeThenRead = async (text) => {
    const wrote = await fetch(`${server.url}/api/v1/patients/${patientId}/notes`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'what_matters', text }),
    });
    assert.equal(wrote.status, 201, await wrote.text());
    const read = await fetch(`${server.url}/api/v1/patients/${patientId}/dashboard`, { headers: { cookie } });
    assert.equal(read.status, 200);
    const view = await read.json();
    assert.ok(view.notes.some((n) => n.text === text), `the dashboard shows "${text}" just written`);
  };

  it('reads the writer’s own writes from the standby', async () => {
    const before = await counters();
    for (let i = 0; i < 20; i++) await writeThenRead(`replayed ${i}`);
    const searched = await fetch(`${server.url}/fhir/r4/QuestionnaireResponse?patient=${patientId}`, {
      headers: { cookie },
    });
    assert.equal(searched.status, 200);
    const now = await counters();
    assert.ok(now.replica - before.replica >= 15, `the standby answered: ${JSON.stringify({ before, now })}`);
  });

  it('reads from the primary while the standby’s replay is paused, and from the standby again after', async () => {
    sql(standby, 'SELECT pg_wal_replay_pause()');
    const paused = await counters();
    for (let i = 0; i < 3; i++) await writeThenRead(`paused ${i}`);
    const during = await counters();
    assert.ok(during.fallback - paused.fallback >= 3, `the primary answered: ${JSON.stringify({ paused, during })}`);
    sql(standby, 'SELECT pg_wal_replay_resume()');
    await writeThenRead('resumed');
    assert.ok((await counters()).replica > during.replica, 'the standby answers again');
  });

  it('keeps serving from the primary while the standby is stopped', async () => {
    cluster('pause', dir.file('standby'));
    try {
      for (let i = 0; i < 3; i++) await writeThenRead(`standby away ${i}`);
    } finally {
      cluster('resume', dir.file('standby'));
    }
    // A standby found away is left alone for 2 s, then asked again.
    const back = await counters();
    let replica = back.replica;
    for (let i = 0; i < 60 && replica === back.replica; i++) {
      await writeThenRead(`standby back ${i}`);
      replica = (await counters()).replica;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(replica > back.replica, 'the standby answers again once it is back');
  });

  it('refuses a replica of another cluster, and a replica of an SQLite file', () => {
    cluster('start', dir.file('other'));
    try {
      const other = readFileSync(dir.file('other/url'), 'utf8').trim();
      const wrong = run(['serve', '--db', primary, '--db-replica', other, '--listen', '127.0.0.1:0']);
      assert.notEqual(wrong.status, 0);
      assert.match(wrong.stderr, /db-replica/);
      assert.match(wrong.stderr, /not a standby/);
    } finally {
      cluster('stop', dir.file('other'));
    }
    const sqlite = run(['serve', '--db', dir.file('covalue.db'), '--db-replica', standby, '--listen', '127.0.0.1:0']);
    assert.notEqual(sqlite.status, 0);
    assert.match(sqlite.stderr, /db-replica/);
  });
});
