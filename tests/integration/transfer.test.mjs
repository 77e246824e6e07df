// What travels: a facilitator's cross-site view of a measure is gzip-compressed on the wire and
// small (every point's signals as codes, each part's runs stated once), a conditional GET of an
// unchanged chart is a 304, the front end's script travels compressed, and a client that does
// not ask for gzip gets the same bytes uncompressed.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

// A GET with node:http, which leaves the body as it travelled: {status, headers, body: Buffer}.
function get(url, headers) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('what travels', () => {
  let dir, server, cookie;

  before(async () => {
    dir = tempDir();
    const logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'), ['--web', process.env.COVALUE_WEB ?? 'web/dist']);
    const facilitator = loginOf(logins, 'facilitator');
    cookie = await signIn(server.url, facilitator.username, facilitator.password);
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('sends a cross-site view compressed, small, and once per change', async () => {
    const url = `${server.url}/api/v1/measures/phq9-mean/sites`;
    const zipped = await get(url, { cookie, 'accept-encoding': 'gzip' });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.match(zipped.headers.vary, /Accept-Encoding/);
    assert.ok(zipped.body.length <= 60 * 1024, `${zipped.body.length} bytes on the wire`);
    const text = gunzipSync(zipped.body).toString('utf8');
    const view = JSON.parse(text);
    assert.ok(view.series.length > 1, 'every site');
    const points = view.series.flatMap((s) => s.points);
    assert.ok(points.length > 100);
    assert.ok(points.every((p) => !('explanation' in p) && Array.isArray(p.signals)));
    assert.ok(view.series.every((s) => s.parts.every((part) => typeof part.explanation === 'string' && part.explanation.length > 0)));

    const plain = await get(url, { cookie });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString('utf8'), text, 'the same answer, uncompressed');

    // An unchanged chart is not sent again.
    const tag = zipped.headers.etag;
    assert.match(tag, /^W\/"/);
    assert.equal(zipped.headers['cache-control'], 'private, no-cache');
    const again = await get(url, { cookie, 'accept-encoding': 'gzip', 'if-none-match': tag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const other = await get(`${server.url}/api/v1/measures/phq9-below-10/sites`, { cookie, 'if-none-match': tag });
    assert.equal(other.status, 200, 'another chart has another tag');
  });

  it('sends the front end compressed', async () => {
    const page = await get(`${server.url}/`, { 'accept-encoding': 'gzip' });
    assert.equal(page.status, 200);
    const html = (page.headers['content-encoding'] === 'gzip' ? gunzipSync(page.body) : page.body).toString('utf8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'the page names its script');
    const js = await get(server.url + script, { 'accept-encoding': 'gzip, deflate' });
    assert.equal(js.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(js.body).length > js.body.length * 2);
  });
});
