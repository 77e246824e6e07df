// covalue's FHIR API driven by a real FHIR client library from npm (fhir-kit-client) and by what a
// form filler such as LHC-Forms posts: create, read, vread through the Location header, searches
// with a "+01:00" time zone paged to the end through next links, every fullUrl read back, errors
// as OperationOutcomes with their status, canonical questionnaire references, Prefer and the
// legacy media type, and CORS for a browser app's origin. Everything received validates against
// the official FHIR R4 JSON schema.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Client } from '../../web/node_modules/fhir-kit-client/dist/index.js';
import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';
import { schemaErrors } from '../support/fhir_schema.mjs';

const APP_ORIGIN = 'http://app.example.org';

const valid = (resource) =>
  assert.deepEqual(schemaErrors(resource), [], JSON.stringify(resource).slice(0, 300));

// The error a client call rejects with: its status and its OperationOutcome.
async function failure(call) {
  try {
    await call();
  } catch (error) {
    const data = typeof error.response?.data === 'string' ? JSON.parse(error.response.data) : error.response?.data;
    return { status: error.response?.status, outcome: data };
  }
  assert.fail('the call succeeded');
}

describe('FHIR clients', () => {
  let dir, server, base, logins, tokens = {}, population;
  const clientOf = (who) => new Client({ baseUrl: base, bearerToken: tokens[who] });
  const get = (who, url, headers = {}) =>
    fetch(url.startsWith('http') ? url : base + url, { headers: { authorization: `Bearer ${tokens[who]}`, ...headers } });

  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'), ['--cors-origin', APP_ORIGIN]);
    base = `${server.url}/fhir/r4`;
    for (const name of ['professional.vastera', 'siteadmin.vastera', 'admin']) {
      const login = loginOf(logins, name);
      const cookie = await signIn(server.url, login.username, login.password);
      const response = await fetch(`${server.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ name: 'fhir client' }),
      });
      assert.equal(response.status, 201);
      tokens[name] = (await response.json()).token;
    }
    const site = loginOf(logins, 'professional.vastera').site_id;
    const populations = await (await fetch(`${server.url}/api/v1/populations`, { headers: { authorization: `Bearer ${tokens.admin}` } })).json();
    population = populations.items.find((p) => p.site_id === site).id;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  const newPatient = (identifier) => ({
    resourceType: 'Patient',
    identifier: [{ system: 'urn:example:mrn', value: identifier }],
    gender: 'female',
    birthDate: '1990-04-02',
    extension: [{ url: 'urn:covalue:fhir:extension:population', valueString: String(population) }],
  });

  it('creates a Patient, reads it, and vreads it through the Location header', async () => {
    const client = clientOf('professional.vastera');
    const created = await client.create({ resourceType: 'Patient', body: newPatient('FKC-0001') });
    const { response } = Client.httpFor(created);
    assert.equal(response.status, 201);
    valid(created);
    const location = response.headers.get('location');
    const [, id, version] = /\/Patient\/(\d+)\/_history\/([\w.-]+)$/.exec(location) ?? [];
    assert.equal(id, created.id, location);
    assert.equal(version, created.meta.versionId);
    const read = await client.read({ resourceType: 'Patient', id });
    assert.deepEqual(read, created);
    const vread = await client.vread({ resourceType: 'Patient', id, version });
    assert.deepEqual(vread, created);
    assert.deepEqual(await (await get('professional.vastera', location)).json(), created);
    const older = await failure(() => client.vread({ resourceType: 'Patient', id, version: '7' }));
    assert.equal(older.status, 404);
    valid(older.outcome);

    // Prefer: return=minimal answers no body, but the Location still reads the resource.
    const minimal = await fetch(`${base}/Patient`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['professional.vastera']}`, 'content-type': 'application/json+fhir', prefer: 'return=minimal' },
      body: JSON.stringify(newPatient('FKC-0002')),
    });
    assert.equal(minimal.status, 201);
    assert.equal(await minimal.text(), '');
    const minimalRead = await get('professional.vastera', minimal.headers.get('location'));
    assert.equal(minimalRead.status, 200);
    assert.equal((await minimalRead.json()).identifier[0].value, 'FKC-0002');

    // Prefer: return=OperationOutcome answers an outcome naming where it was stored.
    const outcome = await fetch(`${base}/Patient`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['professional.vastera']}`, 'content-type': 'application/fhir+json', prefer: 'return=OperationOutcome' },
      body: JSON.stringify(newPatient('FKC-0003')),
    });
    assert.equal(outcome.status, 201);
    const body = await outcome.json();
    assert.equal(body.resourceType, 'OperationOutcome');
    assert.match(body.issue[0].diagnostics, /Patient\/\d+\/_history\/1/);
    valid(body);
  });

  it('searches with a +01:00 time zone and pages to the end through next links', async () => {
    const client = clientOf('professional.vastera');
    const patients = await client.search({ resourceType: 'Patient', searchParams: { _count: '5' } });
    const patient = patients.entry.find((e) => e.resource.identifier[0].value.startsWith('vastera-')).resource;
    const since = '2024-01-01T00:00:00+01:00';
    let bundle = await client.search({ resourceType: 'Observation', searchParams: { patient: patient.id, date: `ge${since}`, _count: '7' } });
    const seen = [];
    let pages = 0;
    while (bundle) {
      valid(bundle);
      pages += 1;
      for (const link of bundle.link) {
        // Every link carries the parameters as sent, re-encoded: the '+' as %2B, never a space.
        assert.match(link.url, /date=ge2024-01-01T00%3A00%3A00%2B01%3A00|date=ge2024-01-01T00:00:00%2B01:00/, link.url);
      }
      for (const entry of bundle.entry.filter((e) => e.search.mode === 'match')) {
        seen.push(entry.resource.id);
        assert.ok(Date.parse(entry.resource.effectiveDateTime) >= Date.parse(since), entry.resource.effectiveDateTime);
      }
      bundle = await client.nextPage({ bundle });
    }
    assert.ok(pages > 2, `paged ${pages} times`);
    assert.equal(new Set(seen).size, seen.length, 'no observation twice');
    // The same search in one page finds the same observations; a '+' sent unencoded (a space to a
    // query parser) is taken as the time zone's.
    const whole = await (await get('professional.vastera', `/Observation?patient=${patient.id}&date=ge2024-01-01T00:00:00+01:00&_count=500`)).json();
    assert.deepEqual(whole.entry.map((e) => e.resource.id), seen);
    // A value with '&' and '=' travels back in the self link encoded.
    const odd = await (await get('professional.vastera', `/Patient?identifier=${encodeURIComponent('a&b=c')}`)).json();
    valid(odd);
    assert.ok(odd.link[0].url.endsWith('identifier=a%26b%3Dc'), odd.link[0].url);
  });

  it('answers a GET on every fullUrl it lists, and a vread of every version it names', async () => {
    // A PHQ-9 whose ninth answer raises a Flag, so that there is one to list.
    const patients = await clientOf('professional.vastera').search({ resourceType: 'Patient', searchParams: { identifier: 'FKC-0001' } });
    const frequency = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
    const phq9 = await fetch(`${base}/QuestionnaireResponse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['professional.vastera']}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'Questionnaire/phq-9',
        subject: { reference: `Patient/${patients.entry[0].resource.id}` }, authored: '2026-11-28T10:00:00+01:00',
        item: [1, 1, 2, 1, 0, 1, 1, 0, 2].map((a, i) => ({ linkId: `phq9-${i + 1}`, answer: [{ valueCoding: { system: 'http://loinc.org', code: frequency[a] } }] })),
      }),
    });
    assert.equal(phq9.status, 201);
    const searches = {
      'professional.vastera': ['Patient', 'Observation', 'QuestionnaireResponse', 'Flag?status=active', 'Questionnaire', 'Measure',
        `MeasureReport?measure=phq9-below-10&reporter=Organization/${loginOf(logins, 'professional.vastera').site_id}`],
      admin: ['MeasureReport?measure=phq9-mean&period-kind=quarter'],
    };
    for (const [who, paths] of Object.entries(searches)) {
      for (const path of paths) {
        const response = await get(who, `/${path}${path.includes('?') ? '&' : '?'}_count=3`);
        assert.equal(response.status, 200, path);
        const bundle = await response.json();
        valid(bundle);
        const matches = bundle.entry.filter((e) => e.search.mode === 'match').slice(0, 3);
        assert.ok(matches.length > 0, `${path} lists something`);
        for (const entry of matches) {
          const read = await get(who, entry.fullUrl);
          assert.equal(read.status, 200, entry.fullUrl);
          const resource = await read.json();
          valid(resource);
          assert.deepEqual(resource, entry.resource, entry.fullUrl);
          const version = resource.meta?.versionId;
          if (version) {
            const vread = await get(who, `${entry.fullUrl}/_history/${version}`);
            assert.equal(vread.status, 200, `${entry.fullUrl}/_history/${version}`);
            assert.deepEqual(await vread.json(), resource);
          }
        }
      }
    }
  });

  it('writes whole numbers as integers', async () => {
    const text = await (await get('professional.vastera', '/Observation?_count=50')).text();
    assert.doesNotMatch(text, /"value":-?\d+\.0[,}]/);
    const reports = await (await get('professional.vastera',
      `/MeasureReport?measure=phq9-below-10&reporter=Organization/${loginOf(logins, 'professional.vastera').site_id}`)).text();
    assert.match(reports, /"count":\d+[,}]/);
    assert.doesNotMatch(reports, /"count":\d+\.\d/);
  });

  it('answers every error under /fhir/r4 as an OperationOutcome with its status', async () => {
    const client = clientOf('professional.vastera');
    const cases = [
      [() => client.read({ resourceType: 'Questionnaire', id: 'no-such-questionnaire' }), 404, 'not-found'],
      [() => client.read({ resourceType: 'Patient', id: '99999999' }), 403, 'forbidden'],
      [() => client.request('Basic/1'), 404, 'not-found'],
      [() => client.request('Patient/1', { method: 'DELETE' }), 405, 'invalid'],
      [() => client.search({ resourceType: 'Observation', searchParams: { _count: 'many' } }), 400, 'invalid'],
      [() => client.search({ resourceType: 'Observation', searchParams: { date: 'yesterday' } }), 400, 'invalid'],
      [() => client.create({ resourceType: 'Patient', body: { resourceType: 'Patient' } }), 400, 'invalid'],
      [() => new Client({ baseUrl: base }).read({ resourceType: 'Patient', id: '1' }), 401, 'login'],
      [() => new Client({ baseUrl: base, bearerToken: 'not-a-token' }).read({ resourceType: 'Patient', id: '1' }), 401, 'login'],
      [() => client.read({ resourceType: 'Patient', id: '1', options: { headers: { accept: 'application/fhir+xml' } } }), 406, 'not-supported'],
    ];
    for (const [call, status, code] of cases) {
      const { status: got, outcome } = await failure(call);
      assert.equal(got, status, JSON.stringify(outcome));
      assert.equal(outcome.resourceType, 'OperationOutcome');
      assert.equal(outcome.issue[0].code, code);
      valid(outcome);
    }
    const bad = await fetch(`${base}/Patient?_format=xml`, { headers: { authorization: `Bearer ${tokens['professional.vastera']}` } });
    assert.equal(bad.status, 406);
    assert.match(bad.headers.get('content-type'), /application\/fhir\+json/);
  });

  it('accepts what LHC-Forms posts for an imported questionnaire named by its canonical URL', async () => {
    const admin = clientOf('admin');
    const url = 'http://example.org/fhir/Questionnaire/sleep-check';
    // A Questionnaire with neither name nor title is named by its url.
    const option = (code) => ({ valueCoding: { system: 'urn:example:sleep', code, display: code } });
    const questionnaire = (version, codes) => ({
      resourceType: 'Questionnaire', url, version, status: 'active', subjectType: ['Patient'],
      item: [{ linkId: 'sleep', text: 'How did you sleep?', type: 'choice', required: true, answerOption: codes.map(option) }],
    });
    // Version 2.0 adds the answer "fair", so which version a response was read against shows.
    const first = await admin.create({ resourceType: 'Questionnaire', body: questionnaire('1.0', ['good', 'poor']) });
    valid(first);
    assert.equal(first.id, 'sleep-check');
    const second = await admin.create({ resourceType: 'Questionnaire', body: questionnaire('2.0', ['good', 'fair', 'poor']) });
    assert.equal(second.id, first.id);
    assert.equal(second.meta.versionId, '2');

    const patients = await clientOf('professional.vastera').search({ resourceType: 'Patient', searchParams: { identifier: 'FKC-0001' } });
    const subject = { reference: `Patient/${patients.entry[0].resource.id}` };
    // As LHC-Forms writes a response (lforms' getFormFHIRData): its SDC profile, the canonical with
    // the version, the items' texts and codings.
    const lforms = (questionnaireRef, code = 'poor') => ({
      resourceType: 'QuestionnaireResponse',
      meta: { profile: ['http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse|2.7'], tag: [{ code: 'lformsVersion: 36.3.2' }] },
      status: 'completed',
      authored: '2026-11-30T08:15:00.000Z',
      questionnaire: questionnaireRef,
      subject,
      item: [{ linkId: 'sleep', text: 'How did you sleep?', answer: [option(code)] }],
    });
    const client = clientOf('professional.vastera');
    for (const [ref, code] of [[`${url}|1.0`, 'poor'], [url, 'fair'], [`${url}|2.0`, 'fair']]) {
      const created = await client.create({ resourceType: 'QuestionnaireResponse', body: lforms(ref, code) });
      const { response } = Client.httpFor(created);
      assert.equal(response.status, 201, ref);
      valid(created);
      const stored = await (await get('professional.vastera', response.headers.get('location'))).json();
      assert.equal(stored.id, created.id);
      assert.equal(stored.questionnaire, ref);
    }
    // Pinned to 1.0, "fair" is no answer of that version.
    const pinned = await failure(() => client.create({ resourceType: 'QuestionnaireResponse', body: lforms(`${url}|1.0`, 'fair') }));
    assert.equal(pinned.status, 400, JSON.stringify(pinned.outcome));
    valid(pinned.outcome);
    const unknown = await failure(() => client.create({ resourceType: 'QuestionnaireResponse', body: lforms(`${url}|9.9`) }));
    assert.equal(unknown.status, 400);
    assert.match(unknown.outcome.issue[0].diagnostics, /sleep-check\|9\.9/);
    valid(unknown.outcome);

    // A guide is answered as a workbook, and says so.
    const guide = await failure(() => client.create({ resourceType: 'QuestionnaireResponse', body: lforms('Questionnaire/improvement-passport') }));
    assert.equal(guide.status, 400);
    assert.match(guide.outcome.issue[0].diagnostics, /answered as workbooks/);
    assert.deepEqual(guide.outcome.issue[0].expression, ['QuestionnaireResponse.questionnaire']);
  });

  it('lets a browser app of an allowed origin call it with a bearer token, never with a cookie', async () => {
    const preflight = await fetch(`${base}/Patient`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-methods'), /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers'), /Authorization/i);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);

    const read = await get('professional.vastera', '/Patient?_count=1', { origin: APP_ORIGIN });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.match(read.headers.get('access-control-expose-headers'), /Location/);

    const stranger = await get('professional.vastera', '/Patient?_count=1', { origin: 'http://evil.example.org' });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    const strangerPreflight = await fetch(`${base}/Patient`, {
      method: 'OPTIONS', headers: { origin: 'http://evil.example.org', 'access-control-request-method': 'GET' },
    });
    assert.equal(strangerPreflight.headers.get('access-control-allow-origin'), null);

    const login = loginOf(logins, 'professional.vastera');
    const cookie = await signIn(server.url, login.username, login.password);
    const withCookie = await fetch(`${base}/Patient?_count=1`, { headers: { cookie, origin: APP_ORIGIN } });
    assert.equal(withCookie.status, 401);
    const outcome = await withCookie.json();
    assert.equal(outcome.resourceType, 'OperationOutcome');
    assert.match(outcome.issue[0].diagnostics, /bearer token/);
  });
});
