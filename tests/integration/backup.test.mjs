// covalue backup and restore: a backup taken while a server acknowledges writes holds at least
// every write acknowledged before it began, restores into a new database (a new SQLite file, and
// an empty PostgreSQL database when the suite runs on PostgreSQL) whose audit trail verifies,
// and neither command overwrites: an existing backup file and a non-empty target are refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { bin, createPostgresDatabase, loginOf, run, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

// Runs a covalue command without blocking the event loop: { status, stdout, stderr }.
function runAsync(args) {
  return new Promise((done) => {
    const child = spawn(bin, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('exit', (status) => done({ status, stdout, stderr }));
  });
}

describe('covalue backup and restore', () => {
  let dir;
  let db;
  let logins;
  let server;
  before(async () => {
    dir = tempDir();
    db = dir.database();
    logins = writeDemo(db, 1, ['--patients', '24']);
    server = await startServer(db);
  });
  after(async () => {
    await server?.stop();
    dir.remove();
  });

  it('restores a backup taken under writes with its audit trail intact', async () => {
    const patient = loginOf(logins, 'patient.vastera');
    const cookie = await signIn(server.url, patient.username, patient.password);
    const patientId = (await (await fetch(`${server.url}/api/v1/patients`, { headers: { cookie } })).json()).items[0].id;
    // The patient's notes in a database, counted by the database's own client.
    const countNotes = (database) => {
      const sql = `SELECT COUNT(*) FROM patient_notes WHERE patient_id = ${patientId}`;
      const result = database.startsWith('postgresql://')
        ? spawnSync('psql', [database, '-tAc', sql], { encoding: 'utf8' })
        : spawnSync('sqlite3', [database, sql], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      return Number(result.stdout.trim());
    };
    const before = countNotes(db);
    let acknowledged = 0;
    let writing = true;
    const writer = async () => {
      while (writing) {
        const response = await fetch(`${server.url}/api/v1/patients/${patientId}/notes`, {
          method: 'POST',
          headers: { cookie, origin: server.url, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'what_matters', text: `note ${acknowledged}` }),
        });
        assert.equal(response.status, 201);
        acknowledged++;
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    await new Promise((done) => setTimeout(done, 300));
    const ackedBefore = acknowledged;
    const backup = await runAsync(['backup', '--db', db, '--to', dir.file('backup.db')]);
    await new Promise((done) => setTimeout(done, 200));
    writing = false;
    await Promise.all(writers);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /^backed up to .*: audit trail intact \(\d+ records\)/);
    assert.ok(acknowledged > ackedBefore, 'writes went on while the backup was taken');

    const targets = [dir.file('restored.db')];
    if (db.startsWith('postgresql://')) targets.push(createPostgresDatabase());
    for (const target of targets) {
      const restored = run(['restore', '--from', dir.file('backup.db'), '--db', target]);
      assert.equal(restored.status, 0, restored.stderr);
      assert.match(restored.stdout, /^restored: \d+ tables, \d+ rows, counts equal to the backup's; audit trail intact/);
      const verified = run(['audit', 'verify', '--db', target]);
      assert.equal(verified.status, 0, verified.stderr);
      const notes = countNotes(target);
      assert.ok(notes >= before + ackedBefore, `${notes} notes restored, ${ackedBefore} acknowledged before the backup`);
      assert.ok(notes <= before + acknowledged, `${notes} notes restored, ${acknowledged} acknowledged in all`);
      // The restored database serves.
      const copy = await startServer(target);
      try {
        assert.ok(await signIn(copy.url, patient.username, patient.password));
      } finally {
        await copy.stop();
      }
    }
  });

  it('overwrites nothing: an existing backup file and a database holding data are refused', () => {
    writeDemo(dir.file('other.db'), 2, ['--patients', '12']);
    const again = run(['backup', '--db', db, '--to', dir.file('other.db')]);
    assert.equal(again.status, 4, again.stderr);
    assert.match(again.stderr, /exists: give a new file/);
    const onto = run(['restore', '--from', dir.file('other.db'), '--db', db]);
    assert.equal(onto.status, 4, onto.stderr);
    assert.match(onto.stderr, /the target database is not empty/);
  });
});
