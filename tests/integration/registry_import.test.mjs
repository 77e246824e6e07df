// Registry CSV files into a site, all or nothing, from the command line (with progress on
// stderr) and over HTTP: patients with their population's fields, then their observations;
// every refused line named with its column and reason, and nothing written when any is.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { loginOf, run, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const SCORE = 'urn:covalue:fhir:codesystem:registry';

describe('registry files', () => {
  let dir, db, logins, server, site, population;
  const cookies = {};
  const write = (name, text) => {
    writeFileSync(dir.file(name), text);
    return dir.file(name);
  };
  const importCli = (path) => run(['import', 'registry', '--db', db, '--site', String(site), path]);
  const upload = (who, text, type = 'text/csv', target = site) =>
    fetch(`${server.url}/api/v1/sites/${target}/registry-files`, { method: 'POST', headers: { cookie: cookies[who], 'content-type': type }, body: text });
  const patients = async () => {
    const all = [];
    let cursor = null;
    do {
      const page = await (await fetch(`${server.url}/api/v1/patients?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { cookie: cookies['siteadmin.vastera'] } })).json();
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return all;
  };
  const observationsOf = async (patientId) => {
    const bundle = await (await fetch(`${server.url}/fhir/r4/Observation?patient=${patientId}&code=${encodeURIComponent(`${SCORE}|edss`)}&_count=500`, { headers: { cookie: cookies['siteadmin.vastera'] } })).json();
    return (bundle.entry ?? []).map((e) => e.resource);
  };

  before(async () => {
    dir = tempDir();
    db = dir.file('covalue.db');
    logins = writeDemo(db);
    site = loginOf(logins, 'siteadmin.vastera').site_id;
    server = await startServer(db);
    for (const name of ['siteadmin.vastera', 'professional.vastera', 'patient.vastera', 'lead.fjordvik']) {
      const login = loginOf(logins, name);
      cookies[name] = await signIn(server.url, login.username, login.password);
    }
    const populations = await (await fetch(`${server.url}/api/v1/populations?site_id=${site}`, { headers: { cookie: cookies['siteadmin.vastera'] } })).json();
    population = populations.items[0].id;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('imports patients and then their observations from the command line', async () => {
    const header = 'identifier,population_id,birth_date,sex,diagnosis_date,consent,edss,phenotype\n';
    const good = `${header}CSV-1,${population},1980-04-02,female,2015-06-01,consented,3.5,relapsing\nCSV-2,${population},1975-01-09,male,,,,\n`;
    // One bad line: nothing of the file is written, and every refused line is named.
    const bad = run(['import', 'registry', '--db', db, '--site', String(site), write('bad.csv', `${good}CSV-3,${population},2999-01-01,female,,,,\nCSV-1,${population},1980-04-02,female,,,,\nCSV-4,999,1980-04-02,female,,,,\n`)]);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /bad\.csv:4: birth_date birth_date is in the future/);
    assert.match(bad.stderr, /bad\.csv:5: identifier appears on line 2 too/);
    assert.match(bad.stderr, /bad\.csv:6: population_id population 999 is not one of the site's/);
    assert.match(bad.stderr, /nothing was imported: 3 of the 5 lines/);
    assert.equal((await patients()).filter((p) => p.identifier.startsWith('CSV-')).length, 0);

    const imported = importCli(write('patients.csv', good));
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, new RegExp(`imported 2 patients from .*patients\\.csv into site ${site}`));
    const csv1 = (await patients()).find((p) => p.identifier === 'CSV-1');
    assert.deepEqual(csv1.fields, { edss: '3.5', phenotype: 'relapsing' });
    assert.equal(csv1.consent, 'consented');
    assert.equal(importCli(dir.file('patients.csv')).status, 2, 'the same identifiers twice are refused');

    // 25,000 observations: progress on stderr while they are read and written.
    let rows = 'identifier,code,value,effective,display\n';
    for (let i = 0; i < 25_000; i++) {
      const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      rows += `CSV-${1 + (i % 2)},edss,${(i % 19) / 2},${day},EDSS\n`;
    }
    const many = importCli(write('observations.csv', rows));
    assert.equal(many.status, 0, many.stderr);
    assert.match(many.stdout, /imported 25000 observations/);
    assert.match(many.stderr, /Reading: +40% \(10,001 of 25,001\)\n(.|\n)*Reading: 100% \(25,001 of 25,001\)/);
    assert.match(many.stderr, /Writing: 100% \(25,000 of 25,000\)/);
    const values = await observationsOf(csv1.id);
    assert.equal(values.length, 500, 'a page of CSV-1’s 12,500');
    assert.equal(values[0].valueQuantity.value, 0);
    assert.equal(values[0].code.coding[0].display, 'EDSS');
    assert.equal(values[0].effectiveDateTime.slice(0, 10), '2000-01-01');

    const unknown = importCli(write('unknown.csv', 'identifier,code,value,effective\nCSV-1,edss,1,2024-01-01\nNOBODY,edss,1,2024-01-01\n'));
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown\.csv:3: identifier the site has no patient with it/);
    const notCsv = importCli(write('header.csv', 'name,age\nPia,44\n'));
    assert.equal(notCsv.status, 2);
    assert.match(notCsv.stderr, /line 1: the header names neither/);
  });

  it('imports over HTTP for the site’s staff, listing refused lines in the problem', async () => {
    const text = `identifier,population_id,birth_date,sex,relapses\nHTTP-1,${population},1990-03-03,other,2\nHTTP-2,${population},1990-03-03,female,\n`;
    const refused = await upload('siteadmin.vastera', `${text}HTTP-3,${population},not a day,female,\nHTTP-4,${population},1990-03-03,,\n`);
    assert.equal(refused.status, 400);
    const problem = await refused.json();
    assert.equal(problem.rejected_total, 2);
    assert.deepEqual(problem.rejected.map((r) => [r.line, r.column]), [[4, 'birth_date'], [5, 'sex']]);
    assert.match(problem.detail, /^nothing was imported: 2 of 4 lines were refused; line 4 \(birth_date\)/);
    assert.equal(problem.field, 'line 4');
    assert.equal((await patients()).filter((p) => p.identifier.startsWith('HTTP-')).length, 0);

    assert.equal((await upload('patient.vastera', text)).status, 403);
    assert.equal((await upload('lead.fjordvik', text)).status, 403);
    assert.equal((await upload('siteadmin.vastera', text, 'application/json')).status, 415);
    assert.equal((await upload('siteadmin.vastera', 'no header here')).status, 400);
    const created = await upload('professional.vastera', text);
    assert.equal(created.status, 200, await created.clone().text());
    const report = await created.json();
    assert.deepEqual([report.kind, report.records, report.patients, report.rejected_total], ['patients', 2, 2, 0]);
    assert.equal((await patients()).find((p) => p.identifier === 'HTTP-1').fields.relapses, '2');
    const observed = await upload('professional.vastera', 'identifier,code,value,effective\nHTTP-1,edss,2.5,2026-01-15\n');
    assert.equal((await observed.json()).observations, 1);
  });
});
