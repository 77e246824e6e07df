// A patient's names: kept at the site (FHIR Patient.name, the JSON API's family and given, the
// registry file's columns), editable by its professionals, never by another site, and the
// patient list found by a name or any part of the identifier, whatever the case.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { demoCallers, loginOf, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

describe('patient names', () => {
  let dir, server, logins, call, cookie, site, population;

  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'));
    ({ call, cookie } = demoCallers(server, logins));
    site = loginOf(logins, 'professional.vastera').site_id;
    population = (await call('professional.vastera', 'GET', `/api/v1/populations?site_id=${site}`)).body.items[0].id;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  const find = async (q) => (await call('professional.vastera', 'GET', `/api/v1/patients?q=${encodeURIComponent(q)}`)).body.items.map((p) => p.identifier);

  it('keeps names from FHIR and from a registry file, and finds people by them', async () => {
    const created = await fetch(`${server.url}/fhir/r4/Patient`, {
      method: 'POST',
      headers: { cookie: await cookie('professional.vastera'), 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Patient', identifier: [{ value: 'VAS-NAME-0001' }], gender: 'female', birthDate: '1988-05-01',
        name: [{ use: 'official', family: 'Åström', given: ['Karin', 'Sigbritt'] }],
        extension: [{ url: 'urn:covalue:fhir:extension:population', valueString: String(population) }],
      }),
    });
    assert.equal(created.status, 201);
    const resource = await created.json();
    assert.deepEqual(resource.name, [{ use: 'official', family: 'Åström', given: ['Karin', 'Sigbritt'] }]);

    const csv = ['identifier,population_id,birth_date,sex,family,given', `VAS-NAME-0002,${population},1971-12-24,male,Wahlgren,Per Olof`].join('\n') + '\n';
    const imported = await fetch(`${server.url}/api/v1/sites/${site}/registry-files`, {
      method: 'POST', headers: { cookie: await cookie('professional.vastera'), 'content-type': 'text/csv', origin: server.url }, body: csv,
    });
    assert.equal(imported.status, 200, await imported.clone().text());

    assert.deepEqual(await find('åSTRÖM'), ['VAS-NAME-0001'], 'a family name, whatever the case');
    assert.deepEqual(await find('sigbritt'), ['VAS-NAME-0001'], 'a given name');
    assert.deepEqual(await find('per olof'), ['VAS-NAME-0002']);
    assert.deepEqual(await find('NAME-000'), ['VAS-NAME-0001', 'VAS-NAME-0002'], 'the middle of an identifier');
    assert.deepEqual(await find('%'), [], 'a wildcard is a character like any other');
    const listed = (await call('professional.vastera', 'GET', '/api/v1/patients?q=wahlgren')).body.items[0];
    assert.equal(listed.family, 'Wahlgren');
    assert.equal(listed.given, 'Per Olof');
    // Another site sees none of them.
    const elsewhere = await call('lead.fjordvik', 'GET', '/api/v1/patients?q=wahlgren');
    assert.ok(elsewhere.status === 403 || elsewhere.body.items.length === 0);
  });

  it('lets the site change a name and no one else, naming what is wrong', async () => {
    const [patient] = (await call('professional.vastera', 'GET', '/api/v1/patients?q=VAS-NAME-0002')).body.items;
    const renamed = await call('professional.vastera', 'PATCH', `/api/v1/patients/${patient.id}`, { given: 'Per-Olof' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.given, 'Per-Olof');
    assert.equal(renamed.body.family, 'Wahlgren', 'a member left out keeps its name');
    const fhir = await (await fetch(`${server.url}/fhir/r4/Patient/${patient.id}`, { headers: { cookie: await cookie('professional.vastera') } })).json();
    assert.deepEqual(fhir.name[0].given, ['Per-Olof']);
    assert.deepEqual(await find('per-olof'), ['VAS-NAME-0002']);
    const cleared = await call('professional.vastera', 'PATCH', `/api/v1/patients/${patient.id}`, { family: null });
    assert.equal(cleared.body.family, null);
    assert.deepEqual(await find('wahlgren'), []);

    for (const [body, field] of [[{ family: 'x'.repeat(201) }, '/family'], [{ given: 7 }, '/given'], [{ nickname: 'P' }, '/nickname'], [{ family: '   ' }, '/family']]) {
      const refused = await call('professional.vastera', 'PATCH', `/api/v1/patients/${patient.id}`, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.field, field);
    }
    assert.equal((await call('lead.fjordvik', 'PATCH', `/api/v1/patients/${patient.id}`, { family: 'X' })).status, 403);
    assert.equal((await call('facilitator', 'PATCH', `/api/v1/patients/${patient.id}`, { family: 'X' })).status, 403, 'no community-wide role');
    assert.equal((await call('patient.vastera', 'PATCH', `/api/v1/patients/${patient.id}`, { family: 'X' })).status, 403);
  });

  it('lists each patient’s latest questionnaire totals for the patient list, only of the caller’s sites', async () => {
    const page = (await call('professional.vastera', 'GET', '/api/v1/patients?limit=100')).body.items;
    const ids = page.map((p) => p.id);
    const latest = await call('professional.vastera', 'GET', `/api/v1/latest-scores?patient_id=${ids.join(',')}`);
    assert.equal(latest.status, 200);
    assert.ok(latest.body.items.length > 0, 'the demo patients have scores');
    // Worked independently: each (patient, questionnaire)'s newest total among the patient's
    // score observations, subscales ("…/…") left out.
    const someone = latest.body.items[0].patient_id;
    const dashboard = (await call('professional.vastera', 'GET', `/api/v1/patients/${someone}/dashboard`)).body;
    const expected = dashboard.series
      .filter((series) => series.system === 'urn:covalue:fhir:codesystem:score' && !series.code.includes('/'))
      .map((series) => [series.code, series.points.at(-1).value, series.points.at(-1).effective_ms])
      .sort((a, b) => a[0].localeCompare(b[0]));
    const mine = latest.body.items.filter((s) => s.patient_id === someone);
    assert.deepEqual(mine.map((s) => [s.questionnaire_id, s.value, s.effective_ms]), expected);
    for (const s of latest.body.items) assert.ok(ids.includes(s.patient_id));

    // Another site's patients are left out, as unknown ids are; a patient and a facilitator are
    // refused; bad lists are named.
    const other = (await call('patient.fjordvik', 'GET', '/api/v1/patients')).body.items.map((p) => p.id);
    assert.equal(other.length, 1);
    const mixed = await call('professional.vastera', 'GET', `/api/v1/latest-scores?patient_id=${[...other, someone, 99999999].join(',')}`);
    assert.equal(mixed.status, 200);
    assert.deepEqual([...new Set(mixed.body.items.map((s) => s.patient_id))], [someone]);
    assert.equal((await call('patient.vastera', 'GET', `/api/v1/latest-scores?patient_id=${someone}`)).status, 403);
    assert.equal((await call('facilitator', 'GET', `/api/v1/latest-scores?patient_id=${someone}`)).status, 403);
    for (const bad of ['', '1,,2', 'a', '-4', Array.from({ length: 101 }, (_, i) => i + 1).join(',')]) {
      const refused = await call('professional.vastera', 'GET', `/api/v1/latest-scores?patient_id=${bad}`);
      assert.equal(refused.status, 400, bad);
      assert.equal(refused.body.field, 'patient_id');
    }
  });
});
