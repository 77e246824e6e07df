// The shared dashboard over real HTTP: the patient's scores over time with the instrument's
// bands, what changed since the last visit (the newest visit note), the patient's own words
// and the professional's notes, and a questionnaire left in progress to resume. Each note is
// written only by whose it is; another patient is refused and the refusal is audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const LOINC = 'http://loinc.org';
const FREQUENCY = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']; // ordinal values 0..3

const phq9 = (patientId, perItem, authored, status = 'completed') => ({
  resourceType: 'QuestionnaireResponse',
  status,
  questionnaire: 'Questionnaire/phq-9',
  subject: { reference: `Patient/${patientId}` },
  authored,
  item: perItem.map((a, i) => ({ linkId: `phq9-${i + 1}`, answer: [{ valueCoding: { system: LOINC, code: FREQUENCY[a] } }] })),
});

describe('shared dashboard', () => {
  let dir, server, patientId;
  const cookies = {};
  const call = (who, method, path, body) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: cookies[who], 'content-type': path.startsWith('/fhir') ? 'application/fhir+json' : 'application/json', 'x-request-id': `dash-${who}-${method}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const dashboard = async (who) => {
    const response = await call(who, 'GET', `/api/v1/patients/${patientId}/dashboard`);
    assert.equal(response.status, 200);
    return response.json();
  };

  before(async () => {
    dir = tempDir();
    const logins = writeDemo(dir.database());
    server = await startServer(dir.database());
    for (const name of ['patient.vastera', 'patient.fjordvik', 'professional.vastera', 'siteadmin.vastera', 'admin']) {
      const login = loginOf(logins, name);
      cookies[name] = await signIn(server.url, login.username, login.password);
    }
    const mine = await (await call('patient.vastera', 'GET', '/api/v1/patients')).json();
    assert.equal(mine.items.length, 1, 'a patient lists only their own record');
    patientId = mine.items[0].id;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('plots each score over time with the instrument’s bands', async () => {
    const totals = [];
    // After the demo's history of her (monthly to October 2026): her own scores continue it.
    const history = (await dashboard('patient.vastera')).series.find((s) => s.code === 'phq-9').points.length;
    assert.ok(history >= 20, 'the demo account has scores of her own');
    for (const [day, perItem] of [['2026-11-02', 2], ['2026-11-09', 1]]) {
      const created = await call('patient.vastera', 'POST', '/fhir/r4/QuestionnaireResponse', phq9(patientId, Array(9).fill(perItem), `${day}T08:00:00Z`));
      assert.equal(created.status, 201, await created.clone().text());
      totals.push(9 * perItem);
    }
    const view = await dashboard('patient.vastera');
    assert.equal(view.patient.id, patientId);
    const series = view.series.find((s) => s.code === 'phq-9');
    assert.equal(series.points.length, history + 2);
    assert.deepEqual(series.points.slice(-2).map((p) => p.value), totals);
    assert.deepEqual(series.points.slice(-2).map((p) => p.band), ['moderately severe', 'mild']);
    // The PHQ-9's published cut-offs (Kroenke, Spitzer & Williams 2001), contiguous over 0–27.
    assert.deepEqual(series.bands.map((b) => [b.min, b.max]), [[0, 4], [5, 9], [10, 14], [15, 19], [20, 27]]);
    assert.equal(series.before.value, 18, 'without a visit note the latest is compared with the one before');
    const offered = view.questionnaires.map((q) => q.id);
    assert.ok(offered.includes('coproduction-value-patient'));
    assert.ok(!offered.includes('coproduction-value-professional'), 'a questionnaire for professionals is not offered to patients');
    const phq = view.questionnaires.find((q) => q.id === 'phq-9');
    assert.equal(phq.last_completed_ms, Date.parse('2026-11-09T08:00:00Z'));
    assert.equal(phq.draft_response_id, null);
  });

  it('keeps the patient’s words and the professional’s visit notes, each written only by whose it is', async () => {
    const wrote = async (who, kind, text) => call(who, 'POST', `/api/v1/patients/${patientId}/notes`, { kind, text });
    assert.equal((await wrote('patient.vastera', 'what_matters', 'Walking my dog every morning')).status, 201);
    assert.equal((await wrote('patient.vastera', 'visit_question', 'Can I lower the dose?')).status, 201);
    assert.equal((await wrote('patient.vastera', 'visit_note', 'I wrote my own note')).status, 403);
    assert.equal((await wrote('professional.vastera', 'what_matters', 'Not theirs to write')).status, 403);
    assert.equal((await wrote('siteadmin.vastera', 'visit_note', 'An administrator is not a clinician')).status, 403);
    assert.equal((await wrote('patient.fjordvik', 'visit_question', 'Not my record')).status, 403);
    const bad = await wrote('patient.vastera', 'diary', 'x');
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).field, '/kind');
    assert.equal((await wrote('patient.vastera', 'what_matters', '   ')).status, 400);
    assert.equal((await wrote('patient.vastera', 'what_matters', 'x'.repeat(2001))).status, 400);
    const note = await wrote('professional.vastera', 'visit_note', 'Sleep better; keep the plan.');
    assert.equal(note.status, 201);
    const written = await note.json();
    assert.equal(written.kind, 'visit_note');
    assert.ok(written.author.length > 0);

    const view = await dashboard('professional.vastera');
    assert.deepEqual(view.notes.map((n) => n.kind), ['visit_note', 'visit_question', 'what_matters']);
    assert.equal(view.last_visit_ms, written.created_ms);
    // The visit is after the latest score: nothing new to compare yet.
    assert.equal(view.series.find((s) => s.code === 'phq-9').before, null);

    const created = await call('patient.vastera', 'POST', '/fhir/r4/QuestionnaireResponse', phq9(patientId, Array(9).fill(0), new Date(written.created_ms + 60_000).toISOString()));
    assert.equal(created.status, 201);
    const since = (await dashboard('patient.vastera')).series.find((s) => s.code === 'phq-9');
    assert.equal(since.points.at(-1).value, 0);
    assert.equal(since.before.value, 9, 'compared with the value at the last visit');
  });

  it('offers an in-progress questionnaire to resume until it is completed', async () => {
    const scored = (await dashboard('patient.vastera')).series.find((s) => s.code === 'phq-9').points.length;
    const draft = phq9(patientId, [1, 1, 1], '2026-11-21T10:00:00Z', 'in-progress');
    const saved = await call('patient.vastera', 'POST', '/fhir/r4/QuestionnaireResponse', draft);
    assert.equal(saved.status, 201, await saved.clone().text());
    const savedId = Number((await saved.json()).id);
    let phq = (await dashboard('patient.vastera')).questionnaires.find((q) => q.id === 'phq-9');
    assert.equal(phq.draft_response_id, savedId);
    const series = (await dashboard('patient.vastera')).series.find((s) => s.code === 'phq-9');
    assert.equal(series.points.length, scored, 'an unfinished response has no score');
    const done = await call('patient.vastera', 'POST', '/fhir/r4/QuestionnaireResponse', phq9(patientId, Array(9).fill(1), '2026-11-21T10:05:00Z'));
    assert.equal(done.status, 201);
    phq = (await dashboard('patient.vastera')).questionnaires.find((q) => q.id === 'phq-9');
    assert.equal(phq.draft_response_id, null);
  });

  it('shows a patient only their own and a professional only their site’s, auditing each read', async () => {
    const refused = await call('patient.fjordvik', 'GET', `/api/v1/patients/${patientId}/dashboard`);
    assert.equal(refused.status, 403);
    const records = [];
    let cursor = null;
    do {
      const page = await (await call('admin', 'GET', `/api/v1/audit?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).json();
      records.push(...page.items);
      cursor = page.next;
    } while (cursor);
    assert.ok(records.some((r) => r.request_id === 'dash-patient.fjordvik-GET' && r.outcome === 'denied' && r.action === 'patient.read'));
    assert.ok(records.some((r) => r.resource_type === 'dashboard' && r.outcome === 'allowed'));
    assert.ok(records.some((r) => r.action === 'visit_note.write' && r.outcome === 'allowed'));
    const list = await (await call('professional.vastera', 'GET', '/api/v1/patients?limit=500')).json();
    assert.ok(list.items.some((p) => p.id === patientId));
    assert.ok(list.items.every((p) => p.site_id === list.items[0].site_id), 'one site’s patients');
    assert.equal((await call('patient.vastera', 'GET', '/api/v1/patients?population_id=x')).status, 400);
    const found = await (await call('professional.vastera', 'GET', '/api/v1/patients?q=vastera-00001')).json();
    assert.deepEqual(found.items.map((p) => p.identifier), Array.from({ length: 10 }, (_, i) => `vastera-00001${i}`));
    const exact = await (await call('professional.vastera', 'GET', '/fhir/r4/Patient?identifier=vastera-000003')).json();
    assert.deepEqual(exact.entry.map((e) => e.resource.identifier[0].value), ['vastera-000003']);
    // Identifiable data never leaves its site: the community's admin reads no patient's record.
    assert.equal((await call('admin', 'GET', '/api/v1/patients')).status, 403);
    assert.equal((await call('admin', 'GET', `/api/v1/patients/${patientId}/dashboard`)).status, 403);
    assert.equal((await call('admin', 'GET', '/fhir/r4/Observation?code=phq-9')).status, 403);
  });
});
