// The running server over real HTTP: credentials, privacy, the audit trail, tokens, metrics.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

describe('covalue serve', () => {
  let dir, server, logins, url;
  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.database());
    const started = Date.now();
    server = await startServer(dir.database());
    url = server.url;
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.ok(Date.now() - started < 5000, 'healthz answered within 5 s of start');
  });
  after(async () => {
    const { code } = await server.stop();
    assert.equal(code, 0, 'a graceful stop exits 0');
    dir.remove();
  });

  const as = (cookie) => ({ headers: { cookie } });

  it('answers 401 on every /api/v1 route but login and the OpenAPI document', async () => {
    const doc = await (await fetch(`${url}/api/v1/openapi.json`)).json();
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, operation] of Object.entries(item)) {
        const withBody = 'requestBody' in operation;
        const response = await fetch(url + path.replace(/\{\w+\}/g, '1'), {
          method: method.toUpperCase(),
          headers: withBody ? { 'content-type': 'application/json' } : {},
          body: withBody ? '{}' : undefined,
        });
        const open = path === '/api/v1/auth/login' || path === '/api/v1/openapi.json';
        if (open) {
          assert.notEqual(response.status, 401, `${method} ${path}`);
        } else {
          assert.equal(response.status, 401, `${method} ${path}`);
          assert.equal(response.headers.get('content-type'), 'application/problem+json');
        }
        checked++;
      }
    }
    assert.ok(checked >= 20, `checked ${checked} operations`);
  });

  it('signs in every demo login, one of every role', async () => {
    const roles = new Set();
    for (const login of logins) {
      const cookie = await signIn(url, login.username, login.password);
      const me = await (await fetch(`${url}/api/v1/users/me`, as(cookie))).json();
      assert.equal(me.username, login.username);
      roles.add(login.role);
    }
    assert.deepEqual([...roles].sort(), ['admin', 'facilitator', 'patient', 'professional', 'researcher', 'team_lead', 'team_member']);
  });

  it('refuses a patient other accounts and other sites’ teams, and audits both outcomes', async () => {
    const patient = loginOf(logins, 'patient.vastera');
    const lead = loginOf(logins, 'lead.fjordvik');
    const cookie = await signIn(url, patient.username, patient.password);
    const leadCookie = await signIn(url, lead.username, lead.password);
    const leadUser = await (await fetch(`${url}/api/v1/users/me`, as(leadCookie))).json();
    const leadTeam = leadUser.memberships[0].team_id;

    const otherUser = await fetch(`${url}/api/v1/users/${leadUser.id}`, { headers: { cookie, 'x-request-id': 'it-deny-user' } });
    assert.equal(otherUser.status, 403);
    assert.equal((await otherUser.json()).request_id, 'it-deny-user');
    const otherTeam = await fetch(`${url}/api/v1/teams/${leadTeam}`, { headers: { cookie, 'x-request-id': 'it-deny-team' } });
    assert.equal(otherTeam.status, 403);
    const ownRead = await fetch(`${url}/api/v1/teams/${leadTeam}`, { headers: { cookie: leadCookie, 'x-request-id': 'it-allow-team' } });
    assert.equal(ownRead.status, 200);
    const ownAccount = await fetch(`${url}/api/v1/users/me`, { headers: { cookie, 'x-request-id': 'it-allow-me' } });
    assert.equal(ownAccount.status, 200);

    const admin = loginOf(logins, 'admin');
    const adminCookie = await signIn(url, admin.username, admin.password);
    const records = [];
    let cursor = null;
    do {
      const page = await (await fetch(`${url}/api/v1/audit?limit=500${cursor ? `&cursor=${cursor}` : ''}`, as(adminCookie))).json();
      records.push(...page.items);
      cursor = page.next;
    } while (cursor);
    const find = (id) => records.find((r) => r.request_id === id);
    assert.equal(find('it-deny-user')?.outcome, 'denied');
    assert.equal(find('it-deny-user')?.action, 'user.read');
    assert.equal(find('it-deny-team')?.outcome, 'denied');
    assert.equal(find('it-deny-team')?.action, 'team.read');
    assert.equal(find('it-allow-team')?.outcome, 'allowed');
    assert.equal(find('it-allow-me')?.outcome, 'allowed');
    assert.equal((await fetch(`${url}/api/v1/audit`, as(cookie))).status, 403);
  });

  it('lists teams by membership, and all teams for facilitators', async () => {
    const member = loginOf(logins, 'member.vastera');
    const facilitator = loginOf(logins, 'facilitator');
    const mine = await (await fetch(`${url}/api/v1/teams`, as(await signIn(url, member.username, member.password)))).json();
    assert.equal(mine.items.length, 1);
    assert.equal(mine.next, null);
    const all = await (await fetch(`${url}/api/v1/teams`, as(await signIn(url, facilitator.username, facilitator.password)))).json();
    assert.equal(all.items.length, 12);
  });

  it('pages lists with a cursor and 50 items by default', async () => {
    const admin = loginOf(logins, 'admin');
    const cookie = await signIn(url, admin.username, admin.password);
    const first = await (await fetch(`${url}/api/v1/sites?limit=5`, as(cookie))).json();
    assert.equal(first.items.length, 5);
    const second = await (await fetch(`${url}/api/v1/sites?limit=5&cursor=${first.next}`, as(cookie))).json();
    assert.equal(second.items[0].id, first.items[4].id + 1);
    const audit = await (await fetch(`${url}/api/v1/audit`, as(cookie))).json();
    assert.equal(audit.items.length, 50);
    assert.equal(typeof audit.next, 'string');
  });

  it('issues bearer tokens shown once, which work until revoked', async () => {
    const professional = loginOf(logins, 'professional.vastera');
    const cookie = await signIn(url, professional.username, professional.password);
    const created = await fetch(`${url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'analysis laptop' }),
    });
    assert.equal(created.status, 201);
    const token = await created.json();
    assert.deepEqual(Object.keys(token).sort(), ['created_ms', 'expires_ms', 'id', 'last_used_ms', 'name', 'token']);
    assert.equal(token.token.length, 43);
    // The default lifetime is 90 days.
    assert.equal(token.expires_ms - token.created_ms, 90 * 86_400_000);
    assert.equal(token.last_used_ms, null);
    const bearer = { headers: { authorization: `Bearer ${token.token}` } };
    const before = Date.now();
    assert.equal((await fetch(`${url}/api/v1/sites`, bearer)).status, 200);
    const listed = await (await fetch(`${url}/api/v1/auth/tokens`, bearer)).json();
    assert.ok(listed.items.every((t) => !('token' in t)), 'listing never shows the secret');
    const mine = listed.items.find((t) => t.id === token.id);
    assert.ok(mine.last_used_ms >= before - 1000, 'the listing shows when the token was last used');
    const revoked = await fetch(`${url}/api/v1/auth/tokens/${token.id}`, { method: 'DELETE', ...bearer });
    assert.equal(revoked.status, 204);
    assert.equal((await fetch(`${url}/api/v1/sites`, bearer)).status, 401);
  });

  it('refuses cross-origin cookie writes and accepts same-origin ones', async () => {
    const admin = loginOf(logins, 'admin');
    const cookie = await signIn(url, admin.username, admin.password);
    const body = JSON.stringify({ name: 'Cross-origin Health', country: 'SE' });
    const cross = await fetch(`${url}/api/v1/sites`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'https://attacker.example' },
      body,
    });
    assert.equal(cross.status, 403);
    const same = await fetch(`${url}/api/v1/sites`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: url },
      body,
    });
    assert.equal(same.status, 201);
  });

  it('sets an HttpOnly SameSite=Strict session cookie and ends it at logout', async () => {
    const patient = loginOf(logins, 'patient.fjordvik');
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: patient.username, password: patient.password }),
    });
    const setCookie = response.headers.get('set-cookie');
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    assert.equal((await fetch(`${url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } })).status, 204);
    assert.equal((await fetch(`${url}/api/v1/users/me`, as(cookie))).status, 401);
  });

  it('throttles password guessing with 429 and Retry-After', async () => {
    let last;
    for (let i = 0; i < 6; i++) {
      // Without --trust-forwarded-for, a forged X-Forwarded-For changes nothing.
      last = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` },
        body: JSON.stringify({ username: 'researcher', password: 'not the password' }),
      });
    }
    assert.equal(last.status, 429);
    assert.ok(Number(last.headers.get('retry-after')) > 0);
  });

  it('gives every response a request id and counts requests in /metrics', async () => {
    const response = await fetch(`${url}/healthz`);
    assert.match(response.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /covalue_http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+/);
    assert.match(metrics, /covalue_store_commits_total \d+/);
    assert.match(metrics, /covalue_http_request_duration_seconds_bucket\{route="\/api\/v1\/sites",le="\+Inf"\} \d+/);
  });

  it('serves the OpenAPI 3.1 document without credentials', async () => {
    const doc = await (await fetch(`${url}/api/v1/openapi.json`)).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/teams/{id}'].get);
  });
});
