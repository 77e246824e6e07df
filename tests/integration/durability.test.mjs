// A write acknowledged with 2xx survives kill -9 of the server right afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

describe('durability', () => {
  let dir, logins;
  before(() => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'));
  });
  after(() => dir.remove());

  it('keeps every acknowledged write after SIGKILL', async () => {
    const admin = loginOf(logins, 'admin');
    let server = await startServer(dir.file('covalue.db'));
    const cookie = await signIn(server.url, admin.username, admin.password);
    const acknowledged = [];
    // Concurrent writes, so several share a group commit.
    const writes = Array.from({ length: 24 }, (_, i) =>
      fetch(`${server.url}/api/v1/sites`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Durable Health ${i}`, country: 'SE' }),
      }).then(async (response) => {
        if (response.status === 201) acknowledged.push((await response.json()).name);
      }),
    );
    await Promise.all(writes);
    server.process.kill('SIGKILL');
    const { signal } = await server.exited;
    assert.equal(signal, 'SIGKILL');
    assert.equal(acknowledged.length, 24);

    server = await startServer(dir.file('covalue.db'));
    const cookie2 = await signIn(server.url, admin.username, admin.password);
    const sites = await (await fetch(`${server.url}/api/v1/sites?limit=500`, { headers: { cookie: cookie2 } })).json();
    const names = new Set(sites.items.map((s) => s.name));
    for (const name of acknowledged) assert.ok(names.has(name), `${name} survived`);
    await server.stop();
  });
});
