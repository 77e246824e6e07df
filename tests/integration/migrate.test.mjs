// covalue migrate: the demo community copied SQLite → PostgreSQL → SQLite answers every GET
// route of the API as every demo user exactly as the original does (JSON compared with sorted
// keys; the audit records written after the copy aside); a copy killed part way leaves nothing
// half-done and the same command run again completes it; a target holding other data is
// refused with exit 4. Runs on the test cluster (COVALUE_TEST_BACKEND=postgresql).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { bin, createPostgresDatabase, run, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const openapi = JSON.parse(readFileSync(new URL('../../src/http/openapi.json', import.meta.url)));

// JSON with its keys sorted at every level.
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  }
  return value;
}

describe('covalue migrate', () => {
  let dir;
  let logins;
  let auditRecords;
  before(() => {
    dir = tempDir();
    logins = writeDemo(dir.file('original.db'), 1, ['--patients', '24']);
    auditRecords = Number(/audit trail is intact: (\d+)/.exec(run(['audit', 'verify', '--db', dir.file('original.db')]).stdout)[1]);
  });
  after(() => dir.remove());

  it('copies SQLite to PostgreSQL and back with every route answering alike for every user', async () => {
    const postgres = createPostgresDatabase();
    const there = run(['migrate', '--from', dir.file('original.db'), '--to', postgres]);
    assert.equal(there.status, 0, there.stderr);
    assert.match(there.stdout, /^copied: \d+ tables, \d+ rows, counts equal to the source's; audit trail intact/);
    const back = run(['migrate', '--from', postgres, '--to', dir.file('back.db')]);
    assert.equal(back.status, 0, back.stderr);

    const servers = await Promise.all([dir.file('original.db'), postgres, dir.file('back.db')].map((db) => startServer(db)));
    try {
      const routes = Object.entries(openapi.paths)
        .filter(([path, ops]) => ops.get && path.startsWith('/api/v1/') && (path.match(/\{/g) ?? []).length <= 1)
        .map(([path]) => path);
      let compared = 0;
      for (const login of logins) {
        const cookies = await Promise.all(servers.map((s) => signIn(s.url, login.username, login.password)));
        const get = async (i, path) => {
          // An audit page holds every record of the copy, whatever this test added since.
          const url = servers[i].url + path + (path.includes('audit') ? `${path.includes('?') ? '&' : '?'}limit=500` : '');
          const response = await fetch(url, { headers: { cookie: cookies[i] } });
          const text = await response.text();
          let body = text;
          if (path.includes('audit') && (response.headers.get('content-type') ?? '').includes('csv')) {
            body = text.split('\n').filter((line, i) => i === 0 || Number(line.split(',')[0]) <= auditRecords).join('\n');
          }
          if ((response.headers.get('content-type') ?? '').includes('json')) {
            body = JSON.parse(text);
            if (response.status >= 400) delete body.request_id;  // a problem names its request
            // The audit records of this test's own sign-ins and reads differ by request id.
            if (path.includes('audit') && Array.isArray(body.items)) {
              body.items = body.items.filter((r) => r.seq <= auditRecords);
              delete body.next;
            }
            body = JSON.stringify(canonical(body));
          }
          return { status: response.status, body };
        };
        for (const route of routes) {
          let path = route;
          const param = /\{[^}]+\}/.exec(route);
          if (param) {
            const list = await get(0, route.slice(0, param.index - 1));
            const first = list.status === 200 ? JSON.parse(list.body).items?.[0] : undefined;
            if (first?.id === undefined) continue;
            path = route.replace(param[0], encodeURIComponent(first.id));
          }
          const answers = [await get(0, path), await get(1, path), await get(2, path)];
          for (const [i, where] of [[1, 'on PostgreSQL'], [2, 'back on SQLite']]) {
            const [x, y] = [String(answers[0].body), String(answers[i].body)];
            let at = 0;
            while (at < x.length && x[at] === y[at]) at++;
            assert.ok(answers[i].status === answers[0].status && x === y,
              `${login.username} GET ${path} ${where}: ${answers[0].status}/${answers[i].status}, ` +
              `from character ${at}: ${x.slice(at - 80, at + 120)}\n  ≠ ${y.slice(at - 80, at + 120)}`);
          }
          compared++;
        }
      }
      assert.ok(compared > logins.length * 10, `${compared} answers compared`);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });

  it('leaves nothing half-copied when killed, and completes when run again', async () => {
    writeDemo(dir.file('large.db'), 3);  // about 53,000 observations: seconds to copy
    const postgres = createPostgresDatabase();
    const child = spawn(bin, ['migrate', '--from', dir.file('large.db'), '--to', postgres], { stdio: 'ignore' });
    const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
    await new Promise((done) => setTimeout(done, 300 + Math.random() * 1500));
    child.kill('SIGKILL');
    assert.equal((await exited).signal, 'SIGKILL', 'killed while copying');
    const again = run(['migrate', '--from', dir.file('large.db'), '--to', postgres]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /counts equal to the source's; audit trail intact/);
    const verified = run(['audit', 'verify', '--db', postgres]);
    assert.equal(verified.status, 0, verified.stderr);
    const once = run(['migrate', '--from', dir.file('large.db'), '--to', postgres]);
    assert.equal(once.status, 0, once.stderr);
    assert.match(once.stdout, /already held a complete copy/);
  });

  it('refuses a target that holds other data, and a source that does not exist', () => {
    writeDemo(dir.file('other.db'), 2, ['--patients', '12']);
    const refused = run(['migrate', '--from', dir.file('original.db'), '--to', dir.file('other.db')]);
    assert.equal(refused.status, 4, refused.stderr);
    assert.match(refused.stderr, /^covalue: the target database is not empty \(table \w+ has \d+ rows\)/);
    const missing = run(['migrate', '--from', dir.file('missing.db'), '--to', dir.file('new.db')]);
    assert.equal(missing.status, 3, missing.stderr);
    assert.match(missing.stderr, /no database at/);
  });
});
