// Clinical safety over real HTTP: a PHQ-9 answer about self-harm reaches a person. The patient
// is told at once what to do; the site's professionals see it first on their worklist and as a
// FHIR Flag; it stays open until one acknowledges it with a note; nobody outside the site sees it.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';

import { demoCallers, loginOf, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new JSONSchemaValidator();
const valid = (resource) => assert.deepEqual(validator.validate(resource), [], JSON.stringify(resource).slice(0, 300));
const LOINC = 'http://loinc.org';
const FREQUENCY = [
  ['LA6568-5', 'Not at all'],
  ['LA6569-3', 'Several days'],
  ['LA6570-1', 'More than half the days'],
  ['LA6571-9', 'Nearly every day'],
];

// A PHQ-9 response: answers[i] is the frequency (0–3) of item i + 1.
function phq9(patientId, answers) {
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: 'Questionnaire/phq-9',
    status: 'completed',
    subject: { reference: `Patient/${patientId}` },
    authored: new Date().toISOString(),
    item: answers.map((a, i) => ({
      linkId: `phq9-${i + 1}`,
      answer: [{ valueCoding: { system: LOINC, code: FREQUENCY[a][0], display: FREQUENCY[a][1] } }],
    })),
  };
}

describe('clinical alerts', () => {
  let dir, server, logins, url, callers;
  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'), 1, ['--patients', '24']);
    server = await startServer(dir.file('covalue.db'));
    url = server.url;
    callers = demoCallers(server, logins);
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  const cookie = (username) => callers.cookie(username);
  const call = (...args) => callers.call(...args);
  const myPatient = async () => (await call('patient.vastera', 'GET', '/api/v1/patients')).body.items[0];

  let alertId;
  it('tells the patient what to do now when item 9 is answered "several days", never only a score', async () => {
    const me = await myPatient();
    // Total 11 (moderate), item 9 "several days": the issue's worked example.
    const created = await call('patient.vastera', 'POST', '/fhir/r4/QuestionnaireResponse',
      phq9(me.id, [2, 1, 2, 1, 1, 1, 1, 1, 1]), { 'content-type': 'application/fhir+json' });
    assert.equal(created.status, 201);
    valid(created.body);
    const outcome = created.body.contained.find((r) => r.resourceType === 'OperationOutcome');
    assert.ok(outcome, 'the alerts come as a contained OperationOutcome');
    assert.ok(created.body.extension.some((e) => e.url === 'urn:covalue:fhir:extension:alerts' && e.valueReference.reference === `#${outcome.id}`),
      'the contained OperationOutcome is referenced from the response');
    const warning = outcome.issue.find((i) => i.severity === 'warning');
    assert.match(warning.diagnostics, /better off dead/);
    assert.match(warning.diagnostics, /emergency/, 'what to do now: emergency services');
    assert.equal(warning.details.coding[0].code, 'phq9-item9');
    alertId = Number(warning.expression[0].split('/')[1]);

    // The JSON twin answers the alert and the crisis contacts in both languages.
    const json = await call('patient.vastera', 'POST', `/api/v1/patients/${me.id}/responses`, phq9(me.id, [0, 0, 0, 0, 0, 0, 0, 0, 2]));
    assert.equal(json.status, 201);
    assert.equal(json.body.alerts.length, 1);
    assert.deepEqual(Object.keys(json.body.alerts[0]).filter((k) => ['id', 'patient_id', 'rule', 'severity', 'message', 'created_ms', 'status'].includes(k)).sort(),
      ['created_ms', 'id', 'message', 'patient_id', 'rule', 'severity', 'status']);
    assert.equal(json.body.alerts[0].rule, 'phq9-item9');
    assert.equal(json.body.alerts[0].status, 'active');
    assert.match(json.body.crisis_contacts.en, /112/);
    assert.match(json.body.crisis_contacts.sv, /112/);
    assert.equal(json.headers.get('cache-control'), 'no-store');

    // Prefer: return=OperationOutcome answers the outcome alone.
    const alone = await call('patient.vastera', 'POST', '/fhir/r4/QuestionnaireResponse',
      phq9(me.id, [3, 3, 3, 3, 3, 3, 3, 3, 0]), { 'content-type': 'application/fhir+json', prefer: 'return=OperationOutcome' });
    assert.equal(alone.status, 201);
    assert.equal(alone.body.resourceType, 'OperationOutcome');
    valid(alone.body);
    assert.deepEqual(alone.body.issue.filter((i) => i.severity === 'warning').map((i) => i.details.coding[0].code), ['phq9-severe']);

    // A response without a reason raises nothing.
    const calm = await call('patient.vastera', 'POST', `/api/v1/patients/${me.id}/responses`, phq9(me.id, [0, 1, 0, 1, 0, 0, 0, 0, 0]));
    assert.deepEqual(calm.body.alerts, []);
    assert.deepEqual(calm.body.crisis_contacts, {});

    // The patient's dashboard lists the open alerts' messages.
    const dashboard = await call('patient.vastera', 'GET', `/api/v1/patients/${me.id}/dashboard`);
    assert.ok(dashboard.body.alerts.some((a) => a.id === alertId && /better off dead/.test(a.message)));
  });

  it('puts the alert first on the site’s worklist and serves it as a FHIR Flag', async () => {
    const me = await myPatient();
    const worklist = await call('professional.vastera', 'GET', '/api/v1/alerts');
    assert.equal(worklist.status, 200);
    assert.ok(worklist.body.items.length >= 3);
    const ids = worklist.body.items.map((a) => a.id);
    assert.deepEqual([...ids].sort((a, b) => b - a), ids, 'newest first');
    const mine = worklist.body.items.find((a) => a.id === alertId);
    assert.equal(mine.patient_id, me.id);
    assert.equal(mine.rule, 'phq9-item9');
    assert.equal(mine.severity, 'high');

    const flags = await fetch(`${url}/fhir/r4/Flag?patient=${me.id}&status=active`, { headers: { cookie: await cookie('professional.vastera') } });
    assert.equal(flags.status, 200);
    const bundle = await flags.json();
    const flag = bundle.entry.map((e) => e.resource).find((r) => r.id === String(alertId));
    assert.equal(flag.resourceType, 'Flag');
    valid(flag);
    valid(bundle);
    assert.equal(flag.status, 'active');
    assert.equal(flag.category[0].coding[0].code, 'clinical');
    assert.equal(flag.code.coding[0].code, 'phq9-item9');
    assert.equal(flag.subject.reference, `Patient/${me.id}`);
    const read = await fetch(`${url}/fhir/r4/Flag/${alertId}`, { headers: { cookie: await cookie('professional.vastera') } });
    assert.equal(read.status, 200);
    assert.equal((await read.json()).id, String(alertId));
    // The patient reads their own Flags too.
    const own = await fetch(`${url}/fhir/r4/Flag?patient=${me.id}`, { headers: { cookie: await cookie('patient.vastera') } });
    assert.equal(own.status, 200);
  });

  it('never shows an alert to anyone outside the patient’s record, and says so the same for unknown ids', async () => {
    for (const who of ['admin', 'facilitator', 'researcher', 'lead.vastera', 'member.vastera', 'lead.fjordvik', 'patient.fjordvik']) {
      assert.equal((await call(who, 'GET', `/api/v1/alerts/${alertId}`)).status, 403, who);
      const flag = await fetch(`${url}/fhir/r4/Flag/${alertId}`, { headers: { cookie: await cookie(who) } });
      assert.equal(flag.status, 403, `${who} Flag`);
      const search = await fetch(`${url}/fhir/r4/Flag?patient=${(await myPatient()).id}`, { headers: { cookie: await cookie(who) } });
      assert.equal(search.status, 403, `${who} Flag search`);
    }
    for (const who of ['admin', 'facilitator', 'researcher', 'lead.vastera', 'patient.fjordvik']) {
      assert.equal((await call(who, 'GET', '/api/v1/alerts')).status, 403, `${who} worklist`);
    }
    assert.equal((await call('professional.vastera', 'GET', '/api/v1/alerts/987654')).status, 403);
  });

  it('stays open until a professional acknowledges it with a note, which the audit trail keeps', async () => {
    const ack = (who, body) => call(who, 'POST', `/api/v1/alerts/${alertId}/acknowledgement`, body);
    assert.equal((await ack('patient.vastera', { note: 'I am fine' })).status, 403);
    assert.equal((await ack('siteadmin.vastera', { note: 'seen' })).status, 403);
    const missing = await ack('professional.vastera', {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, '/note');
    const done = await ack('professional.vastera', { note: 'Phoned her the same afternoon; safety plan agreed.' });
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'inactive');
    assert.equal(done.body.note, 'Phoned her the same afternoon; safety plan agreed.');
    assert.equal((await ack('professional.vastera', { note: 'again' })).status, 409);

    const worklist = await call('professional.vastera', 'GET', '/api/v1/alerts');
    assert.ok(!worklist.body.items.some((a) => a.id === alertId), 'gone from the worklist');
    const all = await call('professional.vastera', 'GET', `/api/v1/alerts?patient_id=${(await myPatient()).id}&status=inactive`);
    assert.ok(all.body.items.some((a) => a.id === alertId));
    const flag = await (await fetch(`${url}/fhir/r4/Flag/${alertId}`, { headers: { cookie: await cookie('professional.vastera') } })).json();
    assert.equal(flag.status, 'inactive');
    assert.ok(flag.period.end);
    valid(flag);

    const trail = await call('siteadmin.vastera', 'GET', '/api/v1/audit?limit=500');
    const actions = trail.body.items.filter((r) => r.resource_type === 'alert' && r.resource_id === String(alertId)).map((r) => `${r.action}:${r.outcome}`);
    assert.ok(actions.includes('alert.raise:allowed'), actions.join());
    assert.ok(actions.includes('alert.acknowledge:allowed'), actions.join());
    assert.ok(actions.includes('alert.acknowledge:denied'), actions.join());
  });

  it('lets the site’s admins set their own crisis contacts and see overdue alerts', async () => {
    const site = loginOf(logins, 'siteadmin.vastera').site_id;
    const put = await call('siteadmin.vastera', 'PUT', `/api/v1/sites/${site}/settings`, {
      crisis_contacts: { en: 'Call 112 or the Västerå crisis line 010-123 45 67.', sv: 'Ring 112 eller Västerås krislinje 010-123 45 67.' },
      alert_working_days: 1,
    });
    assert.equal(put.status, 200);
    assert.equal((await call('professional.vastera', 'PUT', `/api/v1/sites/${site}/settings`, { crisis_contacts: {}, alert_working_days: 2 })).status, 403);
    const bad = await call('siteadmin.vastera', 'PUT', `/api/v1/sites/${site}/settings`, { crisis_contacts: { en: '' }, alert_working_days: 2 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, '/crisis_contacts/en');
    const me = await myPatient();
    const submitted = await call('patient.vastera', 'POST', `/api/v1/patients/${me.id}/responses`, phq9(me.id, [0, 0, 0, 0, 0, 0, 0, 0, 3]));
    assert.match(submitted.body.crisis_contacts.sv, /Västerås krislinje/);
    const overdue = await call('siteadmin.vastera', 'GET', '/api/v1/alerts/overdue');
    assert.equal(overdue.status, 200);
    assert.ok(Array.isArray(overdue.body.items));
    assert.equal((await call('professional.vastera', 'GET', '/api/v1/alerts/overdue')).status, 403);
  });

  it('shows the professional each response answer by answer', async () => {
    const me = await myPatient();
    const dashboard = await call('professional.vastera', 'GET', `/api/v1/patients/${me.id}/dashboard`);
    assert.equal(dashboard.status, 200);
    const latest = dashboard.body.responses[0];
    assert.equal(latest.questionnaire_id, 'phq-9');
    const item9 = latest.items.find((i) => i.link_id === 'phq9-9');
    assert.match(item9.text, /better off dead/);
    assert.deepEqual(item9.answers, ['Nearly every day']);
    assert.equal(latest.items.filter((i) => i.answers.length).length, 9);
    const ids = dashboard.body.responses.map((r) => r.authored_ms);
    assert.deepEqual([...ids].sort((a, b) => b - a), ids, 'newest first');
  });
});
