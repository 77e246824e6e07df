// Names in other languages: a population's, a team's and a measure's name kept by language tag,
// shown to readers of that language, refused with the member named when it is not a name, and
// the demo's populations, teams and measures named in Swedish too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { demoCallers, loginOf, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

describe('names in other languages', () => {
  let dir, server, logins, call, site;

  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'));
    ({ call } = demoCallers(server, logins));
    site = loginOf(logins, 'siteadmin.vastera').site_id;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('keeps a population’s names, replaces them on a change and refuses what is not a name', async () => {
    const created = await call('siteadmin.vastera', 'POST', '/api/v1/populations', { site_id: site, name: 'People after stroke', names: { sv: 'Personer efter stroke' } });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.names, { sv: 'Personer efter stroke' });
    const read = await call('siteadmin.vastera', 'GET', `/api/v1/populations/${created.body.id}`);
    assert.deepEqual(read.body.names, { sv: 'Personer efter stroke' });

    const changed = await call('siteadmin.vastera', 'PATCH', `/api/v1/populations/${created.body.id}`, { names: { sv: 'Personer med stroke', nb: 'Personer med hjerneslag' } });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.names, { nb: 'Personer med hjerneslag', sv: 'Personer med stroke' });
    const renamed = await call('siteadmin.vastera', 'PATCH', `/api/v1/populations/${created.body.id}`, { name: 'People with stroke' });
    assert.deepEqual(renamed.body.names, changed.body.names, 'a change without names keeps them');

    for (const [names, field] of [
      [{ Swedish: 'x' }, '/names'],
      [{ sv: '' }, '/names/sv'],
      [{ sv: 'two\nlines' }, '/names/sv'],
      [{ sv: 7 }, '/names/sv'],
      ['Personer', '/names'],
    ]) {
      const refused = await call('siteadmin.vastera', 'PATCH', `/api/v1/populations/${created.body.id}`, { names });
      assert.equal(refused.status, 400, JSON.stringify(names));
      assert.equal(refused.body.field, field, JSON.stringify(names));
    }
    assert.deepEqual((await call('siteadmin.vastera', 'GET', `/api/v1/populations/${created.body.id}`)).body.names, changed.body.names, 'a refused change leaves them');
  });

  it('keeps a team’s names, replaces them on a change and names the demo’s teams in Swedish', async () => {
    const population = (await call('siteadmin.vastera', 'GET', `/api/v1/populations?site_id=${site}`)).body.items[0].id;
    const created = await call('siteadmin.vastera', 'POST', '/api/v1/teams', { population_id: population, name: 'Rehabilitation Team', names: { sv: 'Rehabiliteringsteamet' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.names, { sv: 'Rehabiliteringsteamet' });
    assert.deepEqual((await call('siteadmin.vastera', 'GET', `/api/v1/teams/${created.body.id}`)).body.names, { sv: 'Rehabiliteringsteamet' });
    const changed = await call('siteadmin.vastera', 'PATCH', `/api/v1/teams/${created.body.id}`, { names: { sv: 'Rehabteamet', nb: 'Rehabiliteringsteamet' } });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.names, { nb: 'Rehabiliteringsteamet', sv: 'Rehabteamet' });
    const renamed = await call('siteadmin.vastera', 'PATCH', `/api/v1/teams/${created.body.id}`, { name: 'Rehab Team' });
    assert.deepEqual(renamed.body.names, changed.body.names, 'a change without names keeps them');
    const refused = await call('siteadmin.vastera', 'PATCH', `/api/v1/teams/${created.body.id}`, { names: { sv: '' } });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.field, '/names/sv');
    const demo = (await call('admin', 'GET', '/api/v1/teams?limit=100')).body.items;
    assert.equal(demo.find((t) => t.name === 'Västerå MS Team').names.sv, 'Västerås MS-team');
    // A population's description in other languages, up to 2,000 bytes, one line.
    const described = await call('siteadmin.vastera', 'PATCH', `/api/v1/populations/${population}`, { descriptions: { sv: 'Vuxna med MS' } });
    assert.equal(described.status, 200);
    assert.deepEqual(described.body.descriptions, { sv: 'Vuxna med MS' });
    assert.ok(described.body.description.length > 0, 'the written description stays');
    for (const [descriptions, field] of [[{ sv: 'x'.repeat(2001) }, '/descriptions/sv'], [{ sv: 'two\nlines' }, '/descriptions/sv']]) {
      const refused = await call('siteadmin.vastera', 'PATCH', `/api/v1/populations/${population}`, { descriptions });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.field, field);
    }
  });

  it('keeps a measure’s names and refuses a bad language tag', async () => {
    const definition = { id: 'eq-vas-50-or-more', name: 'EQ VAS of 50 or more', names: { sv: 'EQ VAS på 50 eller mer' }, kind: 'proportion', system: 'urn:covalue:fhir:codesystem:demo', code: 'eq-vas', threshold: 50, at_least: true, direction: 'higher' };
    const defined = await call('admin', 'POST', '/api/v1/measures', definition);
    assert.equal(defined.status, 201);
    assert.deepEqual(defined.body.names, { sv: 'EQ VAS på 50 eller mer' });
    const listed = (await call('facilitator', 'GET', '/api/v1/measures')).body.items.find((m) => m.id === 'eq-vas-50-or-more');
    assert.deepEqual(listed.names, { sv: 'EQ VAS på 50 eller mer' });
    // FHIR: the Measure's title carries its translation (R4 translation extension).
    const fhir = await call('facilitator', 'GET', '/fhir/r4/Measure/eq-vas-50-or-more');
    assert.equal(fhir.status, 200);
    assert.equal(fhir.body.title, 'EQ VAS of 50 or more');
    assert.deepEqual(fhir.body._title.extension, [{ url: 'http://hl7.org/fhir/StructureDefinition/translation', extension: [{ url: 'lang', valueCode: 'sv' }, { url: 'content', valueString: 'EQ VAS på 50 eller mer' }] }]);
    const refused = await call('admin', 'POST', '/api/v1/measures', { ...definition, id: 'eq-vas-40-or-more', names: { 'sv_SE': 'x' } });
    assert.equal(refused.status, 400);
    assert.match(refused.body.field, /names/);
  });

  it('names the demo’s populations and measures in Swedish, and the dashboard passes the population’s on', async () => {
    const populations = (await call('admin', 'GET', '/api/v1/populations?limit=100')).body.items;
    assert.ok(populations.length >= 12);
    for (const p of populations.filter((x) => x.name.startsWith('People') || x.name.startsWith('Older'))) {
      assert.ok(p.names.sv, `${p.name} has a Swedish name`);
      assert.notEqual(p.names.sv, p.name);
    }
    assert.equal(populations.find((p) => p.site_id === site).names.sv, 'Personer med MS');
    const measures = (await call('facilitator', 'GET', '/api/v1/measures')).body.items;
    assert.equal(measures.find((m) => m.id === 'phq9-mean').names.sv, 'PHQ-9, medelpoäng');
    for (const m of measures.filter((x) => x.id !== 'eq-vas-50-or-more')) assert.ok(m.names.sv, `${m.id} has a Swedish name`);

    const me = (await call('patient.vastera', 'GET', '/api/v1/patients')).body.items[0];
    const dashboard = await call('patient.vastera', 'GET', `/api/v1/patients/${me.id}/dashboard`);
    assert.equal(dashboard.status, 200);
    assert.equal(dashboard.body.population, 'People with MS');
    assert.deepEqual(dashboard.body.population_names, { sv: 'Personer med MS' });
    // Her own history: the demo's patient account has PHQ-9 scores over the months.
    const phq9 = dashboard.body.series.find((s) => s.code === 'phq-9');
    assert.ok(phq9 && phq9.points.length >= 20, 'a PHQ-9 series of her own');
  });
});
