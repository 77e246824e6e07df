// De-identified research exports over HTTP and the command line: a researcher's project, the
// site's own admin's approval, and every column of every file checked against the rules with
// people whose real data the test knows (linked to their pseudonyms by values only they have):
// no identifier, name, birth date or free text; one date shift per person, never 0, within the
// project's days; ages banded; small counts withheld. A researcher gets 403 on every
// identifiable route, approved or not.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { demoCallers, loginOf, run, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';
import { csvObjects } from '../support/csv.mjs';

const dayOf = (date) => Date.parse(`${date}T00:00:00Z`) / 86400000;

const KNOWN = [
  { identifier: 'VAS-RX-0001', family: 'Lindqvist', given: 'Astrid', birth: '1925-04-02', diagnosis: '2019-09-09', consent: 'consented', value: 101.5, band: '90+' },
  { identifier: 'VAS-RX-0002', family: 'Håkansson', given: 'Nils', birth: '1984-11-30', diagnosis: '', consent: 'consented', value: 202.5 },
  { identifier: 'VAS-RX-0003', family: 'Oskarsson', given: 'Maja', birth: '2001-07-15', diagnosis: '2023-01-20', consent: 'consented', value: 303.5 },
  { identifier: 'VAS-RX-0004', family: 'Ekström', given: 'Lars', birth: '1970-01-01', diagnosis: '', consent: 'declined', value: 404.5 },
];
const DATES = ['2025-03-03', '2025-06-17'];

describe('de-identified research exports', () => {
  let dir, server, logins, call, cookie, site, project;

  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'));
    ({ call, cookie } = demoCallers(server, logins));
    site = loginOf(logins, 'professional.vastera').site_id;
    const population = (await call('professional.vastera', 'GET', `/api/v1/populations?site_id=${site}`)).body.items[0].id;
    const post = async (csv) => {
      const response = await fetch(`${server.url}/api/v1/sites/${site}/registry-files`, {
        method: 'POST', headers: { cookie: await cookie('professional.vastera'), 'content-type': 'text/csv', origin: server.url }, body: csv,
      });
      assert.equal(response.status, 200, await response.clone().text());
    };
    await post(['identifier,population_id,birth_date,sex,family,given,diagnosis_date,consent,home',
      ...KNOWN.map((k) => `${k.identifier},${population},${k.birth},female,${k.family},${k.given},${k.diagnosis},${k.consent},Storgatan 1 Västerås`)].join('\n') + '\n');
    await post(['identifier,code,value,effective', ...KNOWN.flatMap((k) => DATES.map((d) => `${k.identifier},rx-probe,${k.value},${d}`))].join('\n') + '\n');
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('exports the approved site\'s consented people by the documented rules, nothing identifying', async () => {
    const made = await call('researcher', 'POST', '/api/v1/research-projects', { title: 'Relapse and self-efficacy', purpose: 'Outcomes over time', shift_days: 20 });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    project = made.body;
    const file = (name, who = 'researcher') => call(who, 'GET', `/api/v1/research-projects/${project.id}/export/${name}`);
    const before = await fetch(`${server.url}/api/v1/research-projects/${project.id}/export/people.csv`, { headers: { cookie: await cookie('researcher') } });
    assert.equal(before.status, 409, 'no site approves yet');

    for (const who of ['lead.fjordvik', 'admin', 'researcher', 'professional.vastera']) {
      assert.equal((await call(who, 'PUT', `/api/v1/research-projects/${project.id}/approvals/${site}`)).status, 403, who);
    }
    const listed = await call('siteadmin.vastera', 'GET', '/api/v1/research-projects');
    assert.ok(listed.body.items.some((p) => p.id === project.id && p.purpose === 'Outcomes over time'));
    const approved = await call('siteadmin.vastera', 'PUT', `/api/v1/research-projects/${project.id}/approvals/${site}`);
    assert.equal(approved.status, 200);
    assert.deepEqual(approved.body.approvals.map((a) => [a.site_id, a.revoked_ms]), [[site, null]]);

    const texts = {};
    for (const name of project.files) {
      const response = await fetch(`${server.url}/api/v1/research-projects/${project.id}/export/${name}`, { headers: { cookie: await cookie('researcher') } });
      assert.equal(response.status, 200, name);
      assert.match(response.headers.get('content-type'), /^text\/csv/);
      texts[name] = await response.text();
    }
    const files = Object.fromEntries(Object.entries(texts).map(([n, t]) => [n, csvObjects(t)]));
    for (const who of ['siteadmin.vastera', 'admin', 'professional.vastera', 'facilitator']) {
      assert.equal((await file('people.csv', who)).status, 403, who);
    }

    // Every column is one the dictionary describes, and only those the rules allow.
    const described = new Set(files['dictionary.csv'].rows.map((r) => `${r.file}:${r.column}`));
    const expected = {
      'people.csv': ['person', 'site_id', 'population_id', 'sex', 'age_band_at_enrolment', 'enrolled', 'diagnosed'],
      'observations.csv': ['person', 'site_id', 'population_id', 'system', 'code', 'value', 'unit', 'date', 'age_band'],
      'scores.csv': ['person', 'site_id', 'population_id', 'questionnaire', 'scale', 'value', 'band', 'date', 'age_band'],
      'codes.csv': ['system', 'code', 'display', 'unit', 'people', 'observations', 'suppressed'],
      'summary.csv': ['site_id', 'site', 'population_id', 'population', 'people', 'observations', 'scores', 'suppressed'],
    };
    for (const [name, columns] of Object.entries(expected)) {
      assert.deepEqual(files[name].header, columns, name);
      for (const column of columns) assert.ok(described.has(`${name}:${column}`), `${name}:${column} is described`);
    }
    const person = /^R[0-9a-f]{16}$/, band = /^(\d+-\d+|90\+)$/, day = /^\d{4}-\d{2}-\d{2}$/;
    for (const name of ['people.csv', 'observations.csv', 'scores.csv']) {
      for (const row of files[name].rows) {
        assert.match(row.person, person);
        assert.equal(Number(row.site_id), site, 'the approved site only');
      }
    }
    for (const row of files['people.csv'].rows) {
      assert.match(row.age_band_at_enrolment, band);
      assert.match(row.enrolled, day);
      assert.ok(row.diagnosed === '' || day.test(row.diagnosed));
      assert.ok(['female', 'male', 'other', 'unknown'].includes(row.sex));
    }
    for (const row of [...files['observations.csv'].rows, ...files['scores.csv'].rows]) {
      assert.match(row.date, day);
      assert.match(row.age_band, band);
      assert.ok(Number.isFinite(Number(row.value)));
    }
    assert.ok(files['scores.csv'].rows.length > 0, 'the demo\'s questionnaire scores are exported');

    // The known people: linked by their values, every date moved by one shift of 1-20 days.
    const probes = files['observations.csv'].rows.filter((r) => r.code === 'rx-probe');
    assert.ok(!probes.some((r) => Number(r.value) === 404.5), 'the declined are never exported');
    const today = new Date().toISOString().slice(0, 10);
    for (const k of KNOWN.filter((x) => x.consent === 'consented')) {
      const rows = probes.filter((r) => Number(r.value) === k.value);
      assert.equal(rows.length, 2);
      assert.equal(rows[0].person, rows[1].person, 'one pseudonym per person');
      const shifts = rows.map((r) => dayOf(r.date) - dayOf(DATES[rows.indexOf(r)]));
      const shift = shifts[0];
      assert.notEqual(shift, 0, 'no real date');
      assert.ok(Math.abs(shift) <= 20);
      assert.deepEqual(shifts, [shift, shift]);
      const me = files['people.csv'].rows.find((r) => r.person === rows[0].person);
      assert.ok(Math.abs(dayOf(me.enrolled) - dayOf(today) - shift) <= 1, 'enrolment shifted alike');
      if (k.diagnosis) assert.equal(dayOf(me.diagnosed) - dayOf(k.diagnosis), shift);
      if (k.band) assert.equal(me.age_band_at_enrolment, k.band);
    }

    // Nothing identifying anywhere: identifiers, names, birth dates, free text, real dates.
    const patients = [];
    for (let cursor = ''; ;) {
      const page = await call('professional.vastera', 'GET', `/api/v1/patients?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      patients.push(...page.body.items);
      if (!page.body.next) break;
      cursor = page.body.next;
    }
    assert.ok(patients.length > KNOWN.length);
    const fields = new Set(Object.values(files).flatMap((f) => [...f.header, ...f.rows.flatMap((r) => Object.values(r))]));
    for (const p of patients) {
      assert.ok(!fields.has(p.identifier), `identifier ${p.identifier}`);
      if (p.family) assert.ok(!fields.has(p.family), p.family);
    }
    const all = Object.values(texts).join('\n');
    for (const k of KNOWN) {
      for (const never of [k.identifier, k.family, k.given]) assert.ok(!all.includes(never), never);
    }
    assert.ok(!all.includes('Storgatan'), 'population fields are free text: never exported');
    // A known person's rows hold none of their real dates (another person's shifted day may
    // fall on one by chance, so this is checked per person).
    for (const k of KNOWN.filter((x) => x.consent === 'consented')) {
      const pseudonym = probes.find((r) => Number(r.value) === k.value).person;
      const mine = JSON.stringify([...files['people.csv'].rows, ...files['observations.csv'].rows, ...files['scores.csv'].rows].filter((r) => r.person === pseudonym));
      for (const never of [k.birth, k.diagnosis, ...DATES].filter(Boolean)) assert.ok(!mine.includes(never), `${k.identifier}: ${never}`);
    }

    // Counts of fewer than 5 people are withheld.
    const probe = files['codes.csv'].rows.find((r) => r.code === 'rx-probe');
    assert.deepEqual([probe.people, probe.observations, probe.suppressed], ['', '', 'true']);
    for (const row of files['summary.csv'].rows) {
      if (row.suppressed === 'false') assert.ok(Number(row.people) >= 5);
    }

    // The command line writes the same files.
    const out = mkdtempSync(join(dir.dir, 'export-'));
    const cli = run(['export', 'research', '--db', dir.file('covalue.db'), '--project', String(project.id), '--out', out]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(readFileSync(join(out, 'people.csv'), 'utf8'), texts['people.csv']);
    assert.equal(readFileSync(join(out, 'scores.csv'), 'utf8'), texts['scores.csv']);
    const refused = run(['export', 'research', '--db', dir.file('covalue.db'), '--project', '999', '--out', out]);
    assert.notEqual(refused.status, 0);

    // Revoked: nothing more leaves the site.
    assert.equal((await call('siteadmin.vastera', 'DELETE', `/api/v1/research-projects/${project.id}/approvals/${site}`)).status, 200);
    assert.equal((await file('people.csv')).status, 409);
    assert.equal((await file('passwords.csv')).status, 404);
    const bad = await call('researcher', 'POST', '/api/v1/research-projects', { title: 'x', shift_days: 0 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, '/shift_days');
  });

  it('refuses a researcher every identifiable route, approved or not', async () => {
    await call('siteadmin.vastera', 'PUT', `/api/v1/research-projects/${project.id}/approvals/${site}`);
    const [patient] = (await call('professional.vastera', 'GET', '/api/v1/patients?q=VAS-RX-0001')).body.items;
    const observations = await call('professional.vastera', 'GET', `/fhir/r4/Observation?patient=${patient.id}`);
    const observation = observations.body.entry[0].resource.id;
    const routes = [
      ['GET', '/api/v1/patients'],
      ['GET', `/api/v1/patients?site_id=${site}`],
      ['GET', `/api/v1/patients/${patient.id}/dashboard`],
      ['GET', `/api/v1/patients/${patient.id}/like-me?code=rx-probe&system=urn:covalue:fhir:codesystem:registry`],
      ['GET', `/api/v1/patients/${patient.id}/due`],
      ['GET', `/api/v1/patients/${patient.id}/visits`],
      ['PATCH', `/api/v1/patients/${patient.id}`, { family: 'X' }],
      ['POST', `/api/v1/patients/${patient.id}/notes`, { kind: 'visit_note', text: 'x' }],
      ['GET', '/fhir/r4/Patient'],
      ['GET', `/fhir/r4/Patient/${patient.id}`],
      ['GET', '/fhir/r4/Observation'],
      ['GET', `/fhir/r4/Observation?patient=${patient.id}`],
      ['GET', `/fhir/r4/Observation/${observation}`],
      ['GET', '/fhir/r4/QuestionnaireResponse'],
      ['GET', '/fhir/r4/Flag'],
      ['GET', '/api/v1/alerts'],
      ['GET', '/api/v1/alerts/overdue'],
      ['GET', `/api/v1/schedules/overdue?site_id=${site}`],
      ['GET', `/api/v1/sites/${site}/redcap-export?questionnaire_id=phq-9`],
      ['GET', '/api/v1/audit/export'],
    ];
    const failures = [];
    for (const [method, path, body] of routes) {
      const response = await call('researcher', method, path, body);
      if (response.status !== 403) failures.push(`${method} ${path}: ${response.status}`);
    }
    assert.deepEqual(failures, []);
  });
});
