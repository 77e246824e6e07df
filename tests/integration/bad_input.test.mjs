// Bad input over real HTTP: each gets a 4xx problem+json naming what is wrong, never a 500,
// never a crash; the server keeps serving afterwards. Also run against the sanitizer build.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

// Sends raw bytes and resolves with the first response's status line, headers and body text.
function rawRequest(url, bytes, { endAfterWrite = false } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: hostname, port: Number(port) });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      resolve({ status, head, body: rest.join('\r\n\r\n') });
    });
    socket.write(bytes);
    if (endAfterWrite) socket.end();
    setTimeout(() => socket.destroy(), 10_000).unref();
  });
}

describe('bad input', () => {
  let dir, server, url, cookie;
  before(async () => {
    dir = tempDir();
    const logins = writeDemo(dir.database());
    server = await startServer(dir.database());
    url = server.url;
    const admin = loginOf(logins, 'admin');
    cookie = await signIn(url, admin.username, admin.password);
  });
  after(async () => {
    const { code } = await server.stop();
    assert.equal(code, 0);
    dir.remove();
  });

  async function post(path, body, headers = {}) {
    const response = await fetch(url + path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), problem: JSON.parse(text) };
  }

  const cases = [
    ['malformed JSON', '/api/v1/sites', '{"name": "A", "country": ', 400, 'body'],
    ['a JSON array instead of an object', '/api/v1/sites', '["A", "SE"]', 400, 'body'],
    ['a wrong type', '/api/v1/sites', '{"name": 42, "country": "SE"}', 400, '/name'],
    ['a number beyond a double', '/api/v1/sites', '{"name": 1e999, "country": "SE"}', 400, '/name'],
    ['a nested number beyond a double', '/api/v1/measures/preview', '{"id": "x", "target": -1e999}', 400, '/target'],
    ['an unknown field', '/api/v1/sites', '{"name": "A", "country": "SE", "colour": "red"}', 400, '/colour'],
    ['a missing required field', '/api/v1/sites', '{"name": "A"}', 400, '/country'],
    ['a bad value', '/api/v1/sites', '{"name": "A", "country": "Sweden"}', 400, '/country'],
    ['an empty name', '/api/v1/sites', '{"name": "  ", "country": "SE"}', 400, '/name'],
    ['a fractional id', '/api/v1/teams', '{"population_id": 1.5, "name": "T"}', 400, '/population_id'],
    ['an id out of range', '/api/v1/teams', '{"population_id": 99999999999999999999, "name": "T"}', 400, '/population_id'],
    ['a population that does not exist', '/api/v1/teams', '{"population_id": 9999, "name": "T"}', 400, '/population_id'],
    ['an unknown role', '/api/v1/users', '{"username": "newuser", "display_name": "N", "password": "a long password", "memberships": [{"role": "king"}]}', 400, '/memberships/0/role'],
    ['a nested unknown field', '/api/v1/users', '{"username": "newuser", "display_name": "N", "password": "a long password", "memberships": [{"role": "patient", "site_id": 1, "x": 1}]}', 400, '/memberships/0/x'],
    ['a short password', '/api/v1/users', '{"username": "newuser", "display_name": "N", "password": "short"}', 400, '/password'],
    ['deep nesting', '/api/v1/sites', '{"a":' + '['.repeat(100) + ']'.repeat(100) + '}', 400, 'body'],
    ['a duplicate name', '/api/v1/sites', '{"name": "Bergli Epilepsy Centre", "country": "NO"}', 409, '/name'],
  ];
  for (const [what, path, body, status, field] of cases) {
    it(`answers ${what} with ${status} naming ${field}`, async () => {
      const { status: got, type, problem } = await post(path, body);
      assert.equal(got, status, JSON.stringify(problem));
      assert.equal(type, 'application/problem+json');
      assert.equal(problem.field, field);
      assert.equal(problem.status, status);
      assert.ok(problem.detail.length > 0);
    });
  }

  it('answers invalid UTF-8 in a JSON body with 400', async () => {
    const response = await fetch(`${url}/api/v1/sites`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    });
    assert.equal(response.status, 400);
  });

  it('answers a body that is not JSON with 415', async () => {
    const { status, problem } = await post('/api/v1/sites', 'name=A', { 'content-type': 'text/plain' });
    assert.equal(status, 415);
    assert.equal(problem.field, 'content-type');
  });

  it('answers a body over 1 MiB with 413 from Content-Length, before the body is sent', async () => {
    const response = await rawRequest(
      url,
      'POST /api/v1/sites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Cookie: ${cookie}\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`,
    );
    assert.equal(response.status, 413);
    assert.match(response.head, /application\/problem\+json/);
    assert.equal(JSON.parse(response.body).field, 'body');
  });

  it('answers an oversized chunked body with 413', async () => {
    const chunk = 'a'.repeat(64 * 1024);
    let bytes =
      'POST /api/v1/sites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Cookie: ${cookie}\r\nTransfer-Encoding: chunked\r\n\r\n`;
    for (let i = 0; i < 20; i++) bytes += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
    bytes += '0\r\n\r\n';
    const response = await rawRequest(url, bytes);
    assert.equal(response.status, 413);
  });

  it('answers oversized headers with 431, the problem stating its own status', async () => {
    const response = await rawRequest(url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(32 * 1024)}\r\n\r\n`);
    assert.equal(response.status, 431);
    assert.equal(JSON.parse(response.body).status, 431);
  });

  it('refuses a Host it does not serve (DNS rebinding), and serves its own', async () => {
    const { host } = new URL(url);
    const rebound = await rawRequest(url, `GET /api/v1/users/me HTTP/1.1\r\nHost: attacker.example:${new URL(url).port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    assert.equal(rebound.status, 421);
    assert.equal(JSON.parse(rebound.body).field, 'host');
    for (const name of [host, `localhost:${new URL(url).port}`]) {
      const own = await rawRequest(url, `GET /healthz HTTP/1.1\r\nHost: ${name}\r\nConnection: close\r\n\r\n`);
      assert.equal(own.status, 200, name);
    }
  });

  it('answers a malformed request line with 400', async () => {
    const response = await rawRequest(url, 'THIS IS NOT HTTP\r\n\r\n');
    assert.equal(response.status, 400);
  });

  it('answers bad query and path parameters naming them', async () => {
    for (const [path, field] of [
      ['/api/v1/sites?limit=100000', 'limit'],
      ['/api/v1/sites?limit=-1', 'limit'],
      ['/api/v1/sites?cursor=%00', 'cursor'],
      ['/api/v1/sites/abc', 'id'],
      ['/api/v1/populations?site_id=x', 'site_id'],
    ]) {
      const response = await fetch(url + path, { headers: { cookie } });
      assert.equal(response.status, 400, path);
      assert.equal((await response.json()).field, field, path);
    }
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    assert.equal((await fetch(`${url}/api/v1/nothing`, { headers: { cookie } })).status, 404);
    const wrong = await fetch(`${url}/api/v1/sites`, { method: 'DELETE', headers: { cookie } });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, POST');
    assert.equal((await wrong.json()).status, 405);
  });

  it('marks every API answer no-store and nosniff', async () => {
    for (const path of ['/api/v1/users/me', '/api/v1/patients', '/fhir/r4/Observation', '/api/v1/nothing']) {
      const response = await fetch(url + path, { headers: { cookie } });
      assert.equal(response.headers.get('cache-control'), 'no-store', path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    }
  });

  it('reads the edges of time in FHIR date searches, never an empty value', async () => {
    for (const date of ['9999', '9999-12', 'ge9999-12-31', 'lt0001-01-02', 'gt9999', 'le9999-12-31T23:59:59Z', '0001']) {
      const response = await fetch(`${url}/fhir/r4/Observation?date=${encodeURIComponent(date)}`, { headers: { cookie } });
      assert.ok([200, 400, 403].includes(response.status), `${date}: ${response.status}`);
      const body = await response.json();
      assert.ok(['Bundle', 'OperationOutcome'].includes(body.resourceType), date);
    }
  });

  it('names a FHIR search parameter it does not support, or refuses it under strict handling', async () => {
    const lenient = await fetch(`${url}/fhir/r4/Questionnaire?colour=red&_count=5`, { headers: { cookie } });
    assert.equal(lenient.status, 200);
    const bundle = await lenient.json();
    const self = bundle.link.find((l) => l.relation === 'self').url;
    assert.ok(!self.includes('colour'), self);
    const outcome = bundle.entry.find((e) => e.search.mode === 'outcome');
    assert.equal(outcome.resource.resourceType, 'OperationOutcome');
    assert.deepEqual(outcome.resource.issue[0].expression, ['colour']);
    const strict = await fetch(`${url}/fhir/r4/Questionnaire?colour=red`, { headers: { cookie, prefer: 'handling=strict' } });
    assert.equal(strict.status, 400);
    const refused = await strict.json();
    assert.equal(refused.resourceType, 'OperationOutcome');
    assert.deepEqual(refused.issue[0].expression, ['colour']);
  });

  it('still serves after all of it', async () => {
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    const sites = await (await fetch(`${url}/api/v1/sites?limit=500`, { headers: { cookie } })).json();
    assert.equal(sites.items.length, 12, 'no bad request wrote anything');
  });
});
