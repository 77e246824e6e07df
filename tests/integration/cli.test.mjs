// The covalue command line: output contracts, exit codes, and audit verification.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { run, tempDir, writeDemo } from '../support/covalue_server.mjs';

describe('covalue command line', () => {
  let dir, db;
  before(() => {
    dir = tempDir();
    db = dir.file('covalue.db');
  });
  after(() => dir.remove());

  it('demo --json prints only a JSON array of logins, at least one per role', () => {
    const result = run(['demo', '--db', db, '--seed', '7', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const logins = JSON.parse(result.stdout);
    for (const login of logins) {
      assert.deepEqual(Object.keys(login).sort(), ['password', 'role', 'site_id', 'username']);
    }
    const roles = new Set(logins.map((l) => l.role));
    assert.equal(roles.size, 7);
    assert.ok(logins.filter((l) => l.role === 'patient').every((l) => Number.isInteger(l.site_id)));
  });

  it('demo again changes nothing and prints the same logins; another seed gives other passwords', () => {
    const again = writeDemo(db, 7);
    const first = JSON.parse(run(['demo', '--db', db, '--seed', '7', '--json']).stdout);
    assert.deepEqual(again, first);
    const fresh = dir.file('other.db');
    const other = writeDemo(fresh, 8);
    assert.notEqual(other[0].password, first[0].password);
  });

  it('demo prints a table without --json', () => {
    const result = run(['demo', '--db', db, '--seed', '7']);
    assert.equal(result.status, 0);
    assert.match(result.stdout.split('\n')[0], /^username\s+password\s+role\s+site_id$/);
    assert.match(result.stderr, /already holds the demo community/);
  });

  it('answers --help on every command with exit 0', () => {
    for (const args of [[], ['serve'], ['demo'], ['user'], ['user', 'add'], ['user', 'list'], ['user', 'passwd'], ['audit'], ['audit', 'verify'], ['audit', 'list'], ['measures'], ['measures', 'rebuild'], ['version']]) {
      const result = run([...args, '--help']);
      assert.equal(result.status, 0, args.join(' '));
      assert.match(result.stdout, /Usage|Options/i, args.join(' '));
    }
  });

  it('gives bad arguments a one-line reason and a non-zero exit', () => {
    for (const args of [
      ['nonsense'],
      ['serve', '--listen', 'nowhere'],
      ['serve', '--listen', '127.0.0.1:99999'],
      ['demo', '--seed', 'abc'],
      ['user', 'add', '--db', db, '--username', 'x'],
      ['user', 'add', '--db', db, '--username', 'Bad Name', '--role', 'patient', '--site', '1', '--password', 'a long password'],
      ['user', 'add', '--db', db, '--username', 'someone', '--role', 'king', '--password', 'a long password'],
      ['audit', 'list', '--db', db, '--limit', '0'],
    ]) {
      const result = run(args);
      assert.notEqual(result.status, 0, args.join(' '));
      assert.equal(result.stdout, '', args.join(' '));
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(lines[0], /^covalue: /);
    }
  });

  it('answers a PostgreSQL --db that no server answers with exit 69 and one line on every command that opens the database', () => {
    const url = 'postgresql://covalue@127.0.0.1:1/covalue';
    for (const args of [
      ['serve', '--db', url, '--listen', '127.0.0.1:0'],
      ['user', 'list', '--db', url],
      ['audit', 'verify', '--db', url],
      ['measures', 'rebuild', '--db', url],
    ]) {
      const result = run(args);
      assert.equal(result.status, 69, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '', args.join(' '));
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(lines[0], /^covalue: cannot connect to the PostgreSQL database: .*port 1 failed/);
    }
  });

  it('adds, lists and re-passwords users', () => {
    const added = run(['user', 'add', '--db', db, '--username', 'nurse.ann', '--display-name', 'Ann Nurse', '--role', 'professional', '--site', '2', '--password', 'first long password', '--json']);
    assert.equal(added.status, 0, added.stderr);
    assert.equal(JSON.parse(added.stdout).username, 'nurse.ann');
    const dup = run(['user', 'add', '--db', db, '--username', 'nurse.ann', '--role', 'professional', '--site', '2', '--password', 'first long password']);
    assert.equal(dup.status, 4);
    const listed = JSON.parse(run(['user', 'list', '--db', db, '--json']).stdout);
    assert.ok(listed.some((u) => u.username === 'nurse.ann' && u.memberships[0].site_id === 2));
    const changed = spawnSync(process.env.COVALUE_BIN ?? 'build/covalue', ['user', 'passwd', '--db', db, '--username', 'nurse.ann', '--password-stdin'], { input: 'second long password\n', encoding: 'utf8' });
    assert.equal(changed.status, 0, changed.stderr);
    assert.equal(run(['user', 'passwd', '--db', db, '--username', 'nobody', '--password', 'a long password']).status, 3);
  });

  it('rebuilds the measure store from the observations to what ingest wrote', () => {
    const other = dir.file('other.db');
    const aggregates = () => {
      const query = spawnSync('sqlite3', [other, 'SELECT site_id, population_id, measure_id, period_kind, period, count, numerator, denominator, round(sum, 6) FROM measure_aggregates ORDER BY 1, 2, 3, 4, 5;'], { encoding: 'utf8' });
      assert.equal(query.status, 0, query.stderr);
      return query.stdout;
    };
    const before = aggregates();
    const rebuilt = run(['measures', 'rebuild', '--db', other]);
    assert.equal(rebuilt.status, 0, rebuilt.stderr);
    const rows = Number(rebuilt.stdout.match(/rebuilt from the observations: (\d+) aggregate rows/)[1]);
    assert.equal(rows, before.trim().split('\n').length);
    assert.equal(aggregates(), before);
    assert.ok(existsSync(`${other}-observations`), 'the observation file is kept beside the database');
  });

  it('verifies the audit trail and names the row changed in the database file', () => {
    const intact = run(['audit', 'verify', '--db', db]);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /intact: \d+ records/);
    const listed = JSON.parse(run(['audit', 'list', '--db', db, '--json', '--limit', '5']).stdout);
    assert.equal(listed.items.length, 5);
    assert.equal(listed.items[2].seq, 3);

    // Someone with the file drops the append-only triggers and edits row 17.
    const tamper = spawnSync('sqlite3', [db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'allowed', action = 'site.read' WHERE seq = 17;"], { encoding: 'utf8' });
    assert.equal(tamper.status, 0, tamper.stderr);
    const broken = run(['audit', 'verify', '--db', db]);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /audit record 17 is broken/);
  });

  it('keeps the audit trail append-only through SQL', () => {
    const fresh = dir.file('append-only.db');
    writeDemo(fresh);
    const attempt = spawnSync('sqlite3', [fresh, 'DELETE FROM audit_log WHERE seq = 1;'], { encoding: 'utf8' });
    assert.notEqual(attempt.status, 0);
    assert.match(attempt.stderr, /append-only/);
  });

  it('prints its version', () => {
    const result = run(['version']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^covalue \d+\.\d+\.\d+ \(schema \d+\)\n$/);
  });
});
