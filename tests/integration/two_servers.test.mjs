// Two `covalue serve` processes on one PostgreSQL database behave as one application: a
// session begun on one works on the other and ends on both at sign-out, the sign-in throttle
// counts failures at either, a measure defined on one is listed and charted on the other within
// a second, and requests alternated between them leave one audit chain that verifies.
// Runs on the test cluster (COVALUE_TEST_BACKEND=postgresql, tests/CMakeLists.txt).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loginOf, run, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

// Polls check every 50 ms until it holds or within ms have passed; its last answer.
async function within(ms, check) {
  const start = Date.now();
  for (;;) {
    const result = await check();
    if (result.ok || Date.now() - start > ms) return result;
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('two servers on one PostgreSQL database', () => {
  let dir;
  let db;
  let logins;
  let a;
  let b;
  before(async () => {
    dir = tempDir();
    db = dir.database();
    assert.match(db, /^postgresql:\/\//, 'this suite runs on PostgreSQL');
    logins = writeDemo(db, 1, ['--patients', '12']);
    // As behind the documented nginx: the client's address is the proxy's X-Forwarded-For.
    [a, b] = await Promise.all([startServer(db, ['--trust-forwarded-for']),
      startServer(db, ['--trust-forwarded-for'])]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    dir.remove();
  });

  const get = (server, cookie, path) => fetch(server.url + path, { headers: { cookie } });
  const login = (server, username, password, from = '203.0.113.9') => fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.1, ${from}` },
    body: JSON.stringify({ username, password }),
  });

  it('keeps a session on both and ends it on both at sign-out', async () => {
    const facilitator = loginOf(logins, 'facilitator');
    const cookie = await signIn(a.url, facilitator.username, facilitator.password);
    assert.equal((await get(b, cookie, '/api/v1/users/me')).status, 200);
    const out = await fetch(`${a.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, origin: a.url } });
    assert.equal(out.status, 204);
    const ended = await within(1000, async () => {
      const status = (await get(b, cookie, '/api/v1/users/me')).status;
      return { ok: status === 401, status };
    });
    assert.equal(ended.status, 401);
  });

  it('throttles a username guessed at on one server on the other within a second', async () => {
    const researcher = loginOf(logins, 'researcher');
    for (let i = 0; i < 5; i++) {
      assert.equal((await login(a, researcher.username, 'not the password')).status, 401);
    }
    await new Promise((done) => setTimeout(done, 1000));
    const refused = await login(b, researcher.username, researcher.password);
    assert.equal(refused.status, 429, 'the right password too, at the other server');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    // The throttle holds the forwarded address, not the proxy's: from elsewhere it signs in.
    assert.equal((await login(b, researcher.username, researcher.password, '203.0.113.10')).status, 200);
  });

  it('lists and charts a measure defined on one server on the other within a second', async () => {
    const admin = loginOf(logins, 'admin');
    const cookieA = await signIn(a.url, admin.username, admin.password);
    const cookieB = await signIn(b.url, admin.username, admin.password);
    // Both copies of the measure store loaded before the definition.
    assert.equal((await get(b, cookieB, '/api/v1/measures/phq9-below-10/sites?period=month')).status, 200);
    const system = (await (await get(a, cookieA, '/api/v1/measures')).json()).items
      .find((m) => m.id === 'phq9-mean').system;
    const defined = await fetch(`${a.url}/api/v1/measures`, {
      method: 'POST',
      headers: { cookie: cookieA, origin: a.url, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'phq9-two-servers', name: 'PHQ-9 of 15 or more', kind: 'proportion', system,
        code: 'phq-9', threshold: 15, direction: 'lower', quadrant: 'clinical', unit: '1',
      }),
    });
    assert.equal(defined.status, 201, await defined.clone().text());
    const seen = await within(1000, async () => {
      const response = await get(b, cookieB, '/api/v1/measures/phq9-two-servers/sites?period=month');
      return { ok: response.status === 200, response };
    });
    assert.equal(seen.response.status, 200);
    const onB = await seen.response.json();
    const onA = await (await get(a, cookieA, '/api/v1/measures/phq9-two-servers/sites?period=month')).json();
    assert.ok(onB.series.length > 0);
    assert.deepEqual(onB.series.map((s) => s.points.map((p) => p.y)), onA.series.map((s) => s.points.map((p) => p.y)));
  });

  it('answers requests alternated between the servers and keeps one audit chain', async () => {
    const professional = logins.find((l) => l.role === 'professional');
    const cookie = await signIn(a.url, professional.username, professional.password);
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      get(i % 2 ? b : a, cookie, i % 4 < 2 ? '/api/v1/users/me' : '/api/v1/patients?limit=5').then((r) => r.status)));
    assert.deepEqual([...new Set(statuses)], [200]);
    const verified = run(['audit', 'verify', '--db', db]);
    assert.equal(verified.status, 0, verified.stderr + verified.stdout);
  });
});
