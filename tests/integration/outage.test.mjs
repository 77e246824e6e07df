// PostgreSQL goes away under load and comes back, under two servers: while it is away every
// answer is a 2xx only if it was committed, and otherwise a 503 with Retry-After, each within
// 10 s, never a hang or a 500; once it accepts connections again both servers write again
// within 10 s, without a restart, and nothing acknowledged is lost. Its own cluster (scripts/test-postgres), since the
// test stops it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  loginOf, psql, signIn, startServer, tempDir, testPostgres as cluster, writeDemo,
} from '../support/covalue_server.mjs';

describe('PostgreSQL away and back', () => {
  let dir;
  let db;
  let servers = [];
  let logins;
  before(async () => {
    dir = tempDir();
    cluster('start', dir.file('cluster'));
    const url = readFileSync(dir.file('cluster/url'), 'utf8').trim();
    psql(url, 'CREATE DATABASE outage');
    db = url.replace(/\/postgres$/, '/outage');
    logins = writeDemo(db, 1, ['--patients', '12']);
    servers = await Promise.all([startServer(db), startServer(db)]);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    cluster('stop', dir.file('cluster'));
    dir.remove();
  });

  it('answers 503 with Retry-After while it is away and writes again once it is back', async () => {
    const patient = loginOf(logins, 'patient.vastera');
    const cookie = await signIn(servers[0].url, patient.username, patient.password);
    const patientId = (await (await fetch(`${servers[0].url}/api/v1/patients`, { headers: { cookie } })).json()).items[0].id;
    const acknowledged = [];
    const write = async (server, text) => {
      const started = Date.now();
      const response = await fetch(`${server.url}/api/v1/patients/${patientId}/notes`, {
        method: 'POST',
        headers: { cookie, origin: server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'what_matters', text }),
        signal: AbortSignal.timeout(15_000),
      });
      const took = Date.now() - started;
      assert.ok(took <= 10_000, `an answer within 10 s (${took} ms)`);
      assert.ok([201, 503].includes(response.status), `${response.status}: ${await response.text()}`);
      if (response.status === 503) assert.ok(Number(response.headers.get('retry-after')) > 0);
      if (response.status === 201) acknowledged.push(text);
      return response.status;
    };
    const read = async (server) => {
      const response = await fetch(`${server.url}/api/v1/patients/${patientId}/dashboard`, {
        headers: { cookie }, signal: AbortSignal.timeout(15_000),
      });
      assert.ok([200, 503].includes(response.status), `${response.status}`);
      return response.status;
    };
    for (const server of servers) assert.equal(await write(server, 'before'), 201);

    cluster('pause', dir.file('cluster'));
    const away = [];
    for (let i = 0; i < 6; i++) {
      for (const server of servers) away.push(await write(server, `away ${i}`), await read(server));
    }
    assert.ok(away.every((status) => status === 503), `while away: ${away}`);

    cluster('resume', dir.file('cluster'));
    const back = Date.now();
    for (const [i, server] of servers.entries()) {
      let status;
      do {
        status = await write(server, `back ${i} ${Date.now() - back}`);
        if (status !== 201) await new Promise((done) => setTimeout(done, 200));
      } while (status !== 201 && Date.now() - back < 10_000);
      assert.equal(status, 201, `server ${i} writes again within 10 s of the database coming back`);
      assert.equal(await read(server), 200);
    }

    const stored = psql(db, `SELECT text FROM patient_notes WHERE patient_id = ${patientId}`);
    const texts = new Set(stored.split('\n'));
    for (const text of acknowledged) assert.ok(texts.has(text), `acknowledged "${text}" is stored`);
  });
});
