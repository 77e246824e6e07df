// REDCap both ways: a REDCap data dictionary is imported, patients answer its form in covalue,
// and the site's responses go back out as a REDCap data-import CSV, over HTTP and from the
// command line. The export is read back against the dictionary: the record-id field first, every
// column a field of the form (a checkbox as field___code), every value one REDCap takes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { demoCallers, loginOf, run, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';
import { parseCsv } from '../support/csv.mjs';

const DICTIONARY = 'tests/fixtures/redcap/data_dictionary.csv';

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
// The dictionary as REDCap reads it: each field's name, form, type and choice codes.
const dictionary = parseCsv(readFileSync(DICTIONARY, 'utf8').replace(/^\uFEFF/, '')).slice(1).map((r) => ({
  name: r[0], form: r[1], type: r[3], codes: r[5] && ['radio', 'dropdown', 'checkbox'].includes(r[3]) ? r[5].split('|').map((c) => c.split(',')[0].trim()) : [],
}));

const coding = (code) => ({ valueCoding: { code } });

describe('REDCap export', () => {
  let dir, db, server, logins, call, site, patients;

  before(async () => {
    dir = tempDir();
    db = dir.file('covalue.db');
    logins = writeDemo(db);
    const imported = run(['import', 'questionnaire', '--db', db, DICTIONARY]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stderr, /line 2 \(record_id\): the project's record-id field is not asked/);
    server = await startServer(db);
    ({ call } = demoCallers(server, logins));
    site = loginOf(logins, 'professional.vastera').site_id;
    patients = (await call('professional.vastera', 'GET', '/api/v1/patients?limit=2')).body.items;
    const answer = (patient, answers, symptoms, status = 'completed') => call('professional.vastera', 'POST', `/api/v1/patients/${patient.id}/responses`, {
      resourceType: 'QuestionnaireResponse', status, questionnaire: 'Questionnaire/phq9', subject: { reference: `Patient/${patient.id}` },
      authored: '2026-11-30T10:00:00+01:00',
      item: [
        ...answers.map((a, i) => ({ linkId: `phq9_${i + 1}`, answer: [coding(String(a))] })),
        ...(symptoms.length ? [{ linkId: 'symptoms', answer: symptoms.map((s) => coding(String(s))) }] : []),
        ...(symptoms.includes(3) ? [{ linkId: 'symptoms_other', answer: [{ valueString: 'Dizzy, "spinning"\nmornings' }] }] : []),
      ],
    });
    for (const [patient, answers, symptoms] of [[patients[0], [1, 2, 0, 1, 0, 0, 1, 0, 0], [1, 3]], [patients[1], [0, 0, 0, 0, 0, 0, 0, 0, 0], []], [patients[0], [2, 2, 1, 1, 0, 0, 1, 0, 0], [2]]]) {
      const submitted = await answer(patient, answers, symptoms);
      assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    }
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('writes the form back as REDCap imports it, read back against the dictionary', async () => {
    const response = await fetch(`${server.url}/api/v1/sites/${site}/redcap-export?questionnaire_id=phq9`, {
      headers: { cookie: await demoCallers(server, logins).cookie('professional.vastera') },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/csv/);
    assert.match(response.headers.get('content-disposition'), /phq9-redcap-import\.csv/);
    const text = await response.text();
    assert.ok(text.includes('\r\n'), 'CRLF line ends');
    const [header, ...rows] = parseCsv(text.replace(/\r\n$/, ''));

    // The record-id field is the dictionary's first; then REDCap's repeating-instrument columns.
    assert.deepEqual(header.slice(0, 3), [dictionary[0].name, 'redcap_repeat_instrument', 'redcap_repeat_instance']);
    assert.equal(header.at(-1), 'phq9_complete');
    const form = dictionary.filter((f) => f.form === 'phq9');
    for (const column of header.slice(3, -1)) {
      const [name, code] = column.split('___');
      const field = form.find((f) => f.name === name);
      assert.ok(field, `${column} is a field of the form`);
      assert.ok(!['calc', 'sql', 'descriptive'].includes(field.type), `${column} is REDCap's to compute`);
      if (code !== undefined) {
        assert.equal(field.type, 'checkbox');
        assert.ok(field.codes.includes(code), `${column} is one of its choices`);
      }
    }
    // Every answerable field of the form is there, in the dictionary's order.
    const expected = form.filter((f) => ['radio', 'checkbox', 'notes'].includes(f.type)).flatMap((f) => (f.type === 'checkbox' ? f.codes.map((c) => `${f.name}___${c}`) : [f.name]));
    assert.deepEqual(header.slice(3, -1).filter((c) => expected.includes(c)), expected);

    assert.equal(rows.length, 3);
    const cell = (row, column) => row[header.indexOf(column)];
    for (const row of rows) {
      assert.equal(row.length, header.length);
      assert.equal(cell(row, 'redcap_repeat_instrument'), 'phq9');
      assert.equal(cell(row, 'phq9_complete'), '2');
      for (const f of form.filter((x) => x.type === 'radio')) {
        const value = cell(row, f.name);
        assert.ok(value === '' || f.codes.includes(value), `${f.name}: '${value}' is one of its codes`);
      }
    }
    const first = rows.filter((r) => r[0] === patients[0].identifier);
    assert.deepEqual(first.map((r) => cell(r, 'redcap_repeat_instance')), ['1', '2'], 'a record\'s responses numbered in order');
    assert.equal(cell(first[0], 'phq9_2'), '2');
    assert.deepEqual(['symptoms___1', 'symptoms___2', 'symptoms___3'].map((c) => cell(first[0], c)), ['1', '0', '1']);
    assert.equal(cell(first[0], 'symptoms_other'), 'Dizzy, "spinning"\nmornings');
    assert.deepEqual(['symptoms___1', 'symptoms___2', 'symptoms___3'].map((c) => cell(first[1], c)), ['0', '1', '0']);
    const second = rows.find((r) => r[0] === patients[1].identifier);
    assert.equal(cell(second, 'redcap_repeat_instance'), '1');
    assert.equal(cell(second, 'symptoms___1'), '', 'not answered: left empty');

    // The command line writes the same.
    const cli = run(['export', 'redcap', '--db', db, '--site', String(site), '--questionnaire', 'phq9']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout, text);
  });

  it('refuses another site, a questionnaire not from REDCap, and a missing name', async () => {
    assert.equal((await call('lead.fjordvik', 'GET', `/api/v1/sites/${site}/redcap-export?questionnaire_id=phq9`)).status, 403);
    const shipped = await call('professional.vastera', 'GET', `/api/v1/sites/${site}/redcap-export?questionnaire_id=phq-9`);
    assert.equal(shipped.status, 400);
    assert.equal(shipped.body.field, 'questionnaire_id');
    const missing = await call('professional.vastera', 'GET', `/api/v1/sites/${site}/redcap-export`);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'questionnaire_id');
    const cli = run(['export', 'redcap', '--db', db, '--site', String(site), '--questionnaire', 'phq-9']);
    assert.notEqual(cli.status, 0);
    assert.match(cli.stderr, /not imported from a REDCap data dictionary/);
  });
});
