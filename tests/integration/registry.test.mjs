// The registry over the FHIR API: a patient answers the PHQ-9, the server validates, scores and
// stores it with its Observation; searches by patient, date and code page through Bundles;
// another patient is refused (403) and the refusal is audited; every resource validates
// against the official FHIR R4 JSON schema.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new JSONSchemaValidator();
const LOINC = 'http://loinc.org';
const FREQUENCY = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']; // ordinal values 0..3
const SCORE = 'urn:covalue:fhir:codesystem:score';
// PHQ-9 severity (Kroenke, Spitzer & Williams 2001).
const phq9Band = (t) => (t <= 4 ? 'minimal' : t <= 9 ? 'mild' : t <= 14 ? 'moderate' : t <= 19 ? 'moderately severe' : 'severe');

const phq9Response = (patientId, answers, authored = '2026-11-20T09:30:00+01:00') => ({
  resourceType: 'QuestionnaireResponse',
  status: 'completed',
  questionnaire: 'Questionnaire/phq-9',
  subject: { reference: `Patient/${patientId}` },
  authored,
  item: answers.map((a, i) => ({ linkId: `phq9-${i + 1}`, answer: [{ valueCoding: { system: LOINC, code: FREQUENCY[a] } }] })),
});

describe('registry', () => {
  let dir, server, logins, cookies = {};
  const as = (who, path, options = {}) =>
    fetch(`${server.url}/fhir/r4${path}`, { ...options, headers: { cookie: cookies[who], 'content-type': 'application/fhir+json', ...(options.headers ?? {}) } });
  const post = (who, path, body, headers = {}) =>
    as(who, path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });
  const valid = (resource) => assert.deepEqual(validator.validate(resource), [], JSON.stringify(resource).slice(0, 300));
  let pia; // patient.vastera's Patient resource

  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.database());
    server = await startServer(dir.database());
    for (const name of ['patient.vastera', 'patient.fjordvik', 'professional.vastera', 'admin']) {
      const login = loginOf(logins, name);
      cookies[name] = await signIn(server.url, login.username, login.password);
    }
    const mine = await (await as('patient.vastera', '/Patient')).json();
    assert.equal(mine.entry.length, 1, 'a patient finds their own record');
    pia = mine.entry[0].resource;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('tells the truth in its CapabilityStatement, without credentials', async () => {
    const response = await fetch(`${server.url}/fhir/r4/metadata`);
    assert.equal(response.status, 200);
    const statement = await response.json();
    // R4 is 4.0.1 (the technical correction); the npm schema is the 4.0.0 edition, whose list
    // of versions predates 4.0.1, so the version is checked here and the rest by the schema.
    assert.equal(statement.fhirVersion, '4.0.1');
    valid({ ...statement, fhirVersion: '4.0.0' });
    const types = statement.rest[0].resource.map((r) => r.type).sort();
    assert.deepEqual(types, ['Flag', 'Measure', 'MeasureReport', 'Observation', 'Patient', 'Questionnaire', 'QuestionnaireResponse']);
    const observation = statement.rest[0].resource.find((r) => r.type === 'Observation');
    assert.deepEqual(observation.interaction.map((i) => i.code), ['read', 'vread', 'search-type']);
    // What it says it can do, it does: each search parameter is accepted.
    // A MeasureReport search names its measure, and a site's staff read their own site's.
    const site = pia.managingOrganization?.reference ?? `Organization/${loginOf(logins, 'professional.vastera').site_id}`;
    const reports = { measure: 'Measure/phq9-below-10', reporter: site, 'period-kind': 'month' };
    for (const resource of statement.rest[0].resource) {
      for (const param of resource.searchParam) {
        let value = param.type === 'date' ? 'ge2000-01-01' : param.type === 'reference' ? `Patient/${pia.id}` : 'x';
        if (resource.type === 'Flag' && param.name === 'status') value = 'active';
        let query = `${param.name}=${encodeURIComponent(value)}`;
        if (resource.type === 'MeasureReport') {
          value = reports[param.name];
          query = new URLSearchParams({ ...reports, [param.name]: value }).toString();
        }
        const searched = await as('professional.vastera', `/${resource.type}?${query}`);
        assert.equal(searched.status, 200, `${resource.type}?${param.name}`);
      }
    }
  });

  it('scores a patient’s PHQ-9 from the answers and stores the total as an Observation', async () => {
    valid(pia);
    assert.equal(pia.identifier[0].value, 'DEMO-patient.vastera');
    const answers = [2, 1, 3, 0, 1, 2, 1, 0, 0];
    const total = answers.reduce((a, b) => a + b, 0);
    const created = await post('patient.vastera', '/QuestionnaireResponse', phq9Response(pia.id, answers));
    assert.equal(created.status, 201, await created.clone().text());
    const stored = await created.json();
    valid(stored);
    assert.match(created.headers.get('location'), new RegExp(`/QuestionnaireResponse/${stored.id}/_history/1$`));

    // The day it was answered: her earlier scores are the demo's history of her (to October 2026).
    const bundle = await (await as('patient.vastera', `/Observation?patient=Patient/${pia.id}&code=${encodeURIComponent(`${SCORE}|phq-9`)}&date=2026-11-20`)).json();
    valid(bundle);
    assert.equal(bundle.entry.length, 1);
    const observation = bundle.entry[0].resource;
    valid(observation);
    assert.equal(observation.valueQuantity.value, total);
    assert.equal(observation.interpretation[0].text, phq9Band(total));
    assert.deepEqual(observation.derivedFrom, [{ reference: `QuestionnaireResponse/${stored.id}` }]);
    assert.equal(observation.effectiveDateTime, '2026-11-20T08:30:00Z');
    assert.equal(observation.subject.reference, `Patient/${pia.id}`);

    const read = await as('professional.vastera', `/Observation/${observation.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('etag'), 'W/"1"');
  });

  it('refuses an invalid response with an OperationOutcome naming the item, storing nothing', async () => {
    const before = (await (await as('patient.vastera', `/QuestionnaireResponse?patient=${pia.id}&_count=500`)).json()).entry.length;
    const notAnOption = phq9Response(pia.id, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    notAnOption.item[4].answer[0].valueCoding.code = 'LA9999-9';
    const missing = phq9Response(pia.id, [0, 0, 0, 0, 0, 0, 0, 0]);
    const wrongType = phq9Response(pia.id, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    wrongType.item[0].answer = [{ valueInteger: 2 }];
    for (const [body, item] of [[notAnOption, 'phq9-5'], [missing, 'phq9-9'], [wrongType, 'phq9-1']]) {
      const refused = await post('patient.vastera', '/QuestionnaireResponse', body);
      assert.equal(refused.status, 400);
      const outcome = await refused.json();
      valid(outcome);
      assert.deepEqual(outcome.issue[0].expression, [`QuestionnaireResponse.item.where(linkId='${item}')`]);
    }
    for (const [body, status] of [
      ['{"resourceType": "QuestionnaireResponse", "item": [', 400],
      [{ ...phq9Response(pia.id, [0, 0, 0, 0, 0, 0, 0, 0, 0]), subject: undefined }, 400],
      [{ ...phq9Response(pia.id, [0, 0, 0, 0, 0, 0, 0, 0, 0]), questionnaire: 'Questionnaire/nothing' }, 400],
      [{ ...phq9Response(pia.id, [0, 0, 0, 0, 0, 0, 0, 0, 0]), authored: 'yesterday' }, 400],
      [{ ...phq9Response(pia.id, [0, 0, 0, 0, 0, 0, 0, 0, 0]), status: 'amended' }, 400],
    ]) {
      const refused = await post('patient.vastera', '/QuestionnaireResponse', body);
      assert.equal(refused.status, status, JSON.stringify(body).slice(0, 120));
      valid(await refused.json());
    }
    const amended = await post('patient.vastera', '/QuestionnaireResponse', { ...phq9Response(pia.id, [0, 0, 0, 0, 0, 0, 0, 0, 0]), status: 'amended' });
    assert.deepEqual((await amended.json()).issue[0].expression, ['status'], 'a field that is not an item stays as it is');
    const after = (await (await as('patient.vastera', `/QuestionnaireResponse?patient=${pia.id}&_count=500`)).json()).entry.length;
    assert.equal(after, before);
  });

  it('refuses another patient’s Observation with 403 and audits the refusal', async () => {
    const mine = await (await as('patient.vastera', `/Observation?patient=${pia.id}`)).json();
    const id = mine.entry[0].resource.id;
    const refused = await as('patient.fjordvik', `/Observation/${id}`, { headers: { 'x-request-id': 'it-deny-observation' } });
    assert.equal(refused.status, 403);
    valid(await refused.json());
    const searched = await as('patient.fjordvik', `/Observation?patient=${pia.id}`);
    assert.equal(searched.status, 403);
    const records = [];
    let cursor = null;
    do {
      const page = await (await fetch(`${server.url}/api/v1/audit?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { cookie: cookies.admin } })).json();
      records.push(...page.items);
      cursor = page.next;
    } while (cursor);
    const denial = records.find((r) => r.request_id === 'it-deny-observation');
    assert.equal(denial?.outcome, 'denied');
    assert.equal(denial?.action, 'patient.read');
    assert.ok(records.some((r) => r.action === 'patient.read' && r.outcome === 'allowed' && r.resource_type === 'observation'));
  });

  it('searches by date range and pages with next links', async () => {
    for (const [day, a] of [['2026-11-01', 0], ['2026-11-15', 1], ['2026-12-01', 2]]) {
      const created = await post('professional.vastera', '/QuestionnaireResponse', phq9Response(pia.id, Array(9).fill(a), `${day}T08:00:00Z`));
      assert.equal(created.status, 201);
    }
    // November holds these and the first test's (10, on the 20th); her history ends in October.
    const november = await (await as('patient.vastera', `/Observation?patient=${pia.id}&date=2026-11`)).json();
    assert.deepEqual(november.entry.map((e) => e.resource.valueQuantity.value).sort((a, b) => a - b), [0, 9, 10]);
    const range = await (await as('patient.vastera', `/Observation?patient=${pia.id}&date=gt2026-11-01&date=lt2026-12-02`)).json();
    assert.deepEqual(range.entry.map((e) => e.resource.valueQuantity.value).sort((a, b) => a - b), [9, 10, 18]);
    const pages = [];
    let next = `${server.url}/fhir/r4/QuestionnaireResponse?patient=${pia.id}&_count=1`;
    while (next) {
      const page = await (await fetch(next, { headers: { cookie: cookies['patient.vastera'] } })).json();
      valid(page);
      pages.push(...page.entry.map((e) => e.resource.authored));
      next = page.link.find((l) => l.relation === 'next')?.url;
    }
    assert.equal(pages.length, 4);
    assert.equal((await as('patient.vastera', '/Observation?date=someday')).status, 400);
  });

  it('enrols patients for the site’s staff only', async () => {
    const patient = {
      resourceType: 'Patient',
      identifier: [{ system: 'urn:example:mrn', value: 'MRN-4711' }],
      gender: 'male',
      birthDate: '1975-05-17',
      extension: [
        { url: 'urn:covalue:fhir:extension:population', valueString: pia.extension.find((e) => e.url === 'urn:covalue:fhir:extension:population').valueString },
        { url: 'urn:covalue:fhir:extension:diagnosis-date', valueDate: '2019-02-01' },
        { url: 'urn:covalue:fhir:extension:field', extension: [{ url: 'name', valueString: 'edss' }, { url: 'value', valueString: '2.5' }] },
      ],
    };
    const created = await post('professional.vastera', '/Patient', patient);
    assert.equal(created.status, 201);
    const resource = await created.json();
    valid(resource);
    assert.equal(resource.birthDate, '1975-05-17');
    assert.equal((await post('professional.vastera', '/Patient', patient)).status, 409);
    assert.equal((await post('patient.vastera', '/Patient', { ...patient, identifier: [{ value: 'MRN-4712' }] })).status, 403);
    const bad = await post('professional.vastera', '/Patient', { ...patient, birthDate: '2099-01-01', identifier: [{ value: 'MRN-4713' }] });
    assert.equal(bad.status, 400);
    assert.equal((await as('patient.fjordvik', `/Patient/${resource.id}`)).status, 403);
    const all = await (await as('professional.vastera', '/Patient?_count=500')).json();
    assert.ok(all.entry.some((e) => e.resource.id === resource.id));
    assert.ok(all.entry.every((e) => e.resource.managingOrganization.identifier.value === pia.managingOrganization.identifier.value));
  });

  it('shows patients like me as bands only, and hides a cohort of 19', async () => {
    const likeMe = (who, query) =>
      fetch(`${server.url}/api/v1/patients/${pia.id}/like-me?${query}`, { headers: { cookie: cookies[who] } });
    const response = await likeMe('patient.vastera', 'code=phq-9');
    assert.equal(response.status, 200);
    const view = await response.json();
    // The demo registry holds 40 patients in Västerå's MS population besides Pia.
    assert.equal(view.hidden, false);
    assert.equal(view.cohort, 40);
    assert.ok(view.bands.length > 10);
    for (const band of view.bands) {
      assert.deepEqual(Object.keys(band).sort(), ['median', 'month', 'n', 'p25', 'p75']);
      assert.ok(band.n >= 20 && band.p25 <= band.median && band.median <= band.p75);
    }
    assert.equal(view.own[0].month, 0, 'her own line starts at her baseline');
    assert.deepEqual(Object.keys(view).sort(), ['bands', 'code', 'cohort', 'hidden', 'k', 'min_cohort', 'own', 'patient_id']);

    const nineteen = await (await likeMe('patient.vastera', 'code=phq-9&k=19')).json();
    assert.equal(nineteen.hidden, true);
    assert.deepEqual(nineteen.bands, []);
    assert.equal((await likeMe('patient.vastera', 'code=phq-9&min_cohort=5')).status, 400);
    assert.equal((await likeMe('patient.fjordvik', 'code=phq-9')).status, 403);
    assert.equal((await likeMe('professional.vastera', 'code=phq-9')).status, 200);
    assert.equal((await likeMe('patient.vastera', 'code=nothing')).status, 404);
  });
});
