// The crawler: every GET route of the OpenAPI document and every FHIR read and search, as every
// demo role and an admin of every site, with ids from every site. It checks the two promises
// of DESIGN.md §4 "Privacy" on everything that comes back: no identifiable value of a patient
// (their identifier, their account's username) reaches anyone but that patient's site's staff
// or the patient; and no count the community can see is from 1 to 4.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const LOINC = 'http://loinc.org';
const FREQUENCY = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
const COMMUNITY_ROLES = ['facilitator', 'researcher', 'admin'];

describe('crawler', () => {
  let dir, server, url, logins;
  const readers = []; // { username, cookie, me, staffSites:Set, ownPatient, community }
  const ids = {}; // resource kind → [{ id, site_id }]
  let patients = []; // { id, site_id, identifier }
  const accounts = []; // patient accounts: { username, site_id, patient_id }
  const problems = [];
  let requests = 0;
  // Positive controls: the crawler does see what it looks for where it may be seen.
  let identifiersSeenByStaff = 0;
  let communityCountsChecked = 0;

  const get = async (reader, path) => {
    requests++;
    const response = await fetch(url + path, { headers: { cookie: reader.cookie } });
    const text = await response.text();
    return { status: response.status, text, type: response.headers.get('content-type') ?? '' };
  };
  const as = (username) => readers.find((r) => r.username === username);
  const allPages = async (reader, path) => {
    const items = [];
    let cursor = '';
    for (;;) {
      const page = JSON.parse((await get(reader, `${path}${path.includes('?') ? '&' : '?'}limit=500${cursor}`)).text);
      items.push(...page.items);
      if (!page.next) return items;
      cursor = `&cursor=${page.next}`;
    }
  };

  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'), 1, ['--patients', '60']);
    server = await startServer(dir.file('covalue.db'));
    url = server.url;
    const addReader = async (username, password) => {
      const cookie = await signIn(url, username, password);
      const me = await (await fetch(`${url}/api/v1/users/me`, { headers: { cookie } })).json();
      const staffSites = new Set(me.memberships.filter((m) => m.site_id !== null && m.role !== 'patient').map((m) => m.site_id));
      const community = me.memberships.some((m) => m.site_id === null && COMMUNITY_ROLES.includes(m.role));
      readers.push({ username, cookie, me, staffSites, community, ownPatient: null });
    };
    for (const login of logins) await addReader(login.username, login.password);
    // An admin for every site, so that every site's patients can be known and crawled from.
    const sites = await allPages(as('admin'), '/api/v1/sites');
    ids.sites = sites.map((s) => ({ id: s.id, site_id: s.id }));
    for (const site of sites) {
      const username = `crawler.admin.${site.id}`;
      const created = await fetch(`${url}/api/v1/users`, {
        method: 'POST',
        headers: { cookie: as('admin').cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ username, display_name: `Crawler admin ${site.id}`, password: 'a crawler pass phrase', memberships: [{ role: 'admin', site_id: site.id }] }),
      });
      assert.equal(created.status, 201);
      await addReader(username, 'a crawler pass phrase');
    }
    // Every site's patients, as its own admin sees them.
    for (const site of sites) {
      const admin = as(`crawler.admin.${site.id}`);
      for (const p of await allPages(admin, '/api/v1/patients')) {
        patients.push({ id: p.id, site_id: p.site_id, identifier: p.identifier });
      }
      for (const user of await allPages(admin, '/api/v1/users')) {
        for (const m of user.memberships) {
          if (m.role === 'patient' && m.site_id === site.id) accounts.push({ username: user.username, site_id: site.id, user_id: user.id });
        }
      }
    }
    assert.ok(new Set(patients.map((p) => p.site_id)).size === 12, 'patients at every site');
    // Patients' own records, and an alert at two sites (PHQ-9 item 9).
    for (const reader of readers.filter((r) => r.me.memberships.some((m) => m.role === 'patient'))) {
      const own = JSON.parse((await get(reader, '/api/v1/patients')).text).items[0];
      reader.ownPatient = own.id;
      const response = await fetch(`${url}/api/v1/patients/${own.id}/responses`, {
        method: 'POST',
        headers: { cookie: reader.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          resourceType: 'QuestionnaireResponse', questionnaire: 'Questionnaire/phq-9', status: 'completed',
          subject: { reference: `Patient/${own.id}` },
          item: [0, 1, 0, 1, 0, 0, 0, 0, 1].map((a, i) => ({ linkId: `phq9-${i + 1}`, answer: [{ valueCoding: { system: LOINC, code: FREQUENCY[a] } }] })),
        }),
      });
      assert.equal(response.status, 201);
    }
    // One id of each kind per site.
    const perSite = (items) => {
      const seen = new Map();
      for (const item of items) if (!seen.has(item.site_id)) seen.set(item.site_id, item);
      return [...seen.values()];
    };
    ids.patients = perSite(patients);
    ids.teams = (await allPages(as('admin'), '/api/v1/teams')).map((t) => ({ id: t.id, site_id: t.site_id }));
    ids.populations = (await allPages(as('admin'), '/api/v1/populations')).map((p) => ({ id: p.id, site_id: p.site_id }));
    ids.users = (await allPages(as('admin'), '/api/v1/users')).map((u) => ({ id: u.id }));
    ids.workbooks = [];
    ids.alerts = [];
    ids.observations = [];
    ids.responses = [];
    for (const site of sites) {
      const admin = as(`crawler.admin.${site.id}`);
      const team = ids.teams.find((t) => t.site_id === site.id);
      for (const w of JSON.parse((await get(admin, `/api/v1/teams/${team.id}/workbooks`)).text).items) ids.workbooks.push({ id: w.id, site_id: site.id });
      for (const a of JSON.parse((await get(admin, '/api/v1/alerts?status=all')).text).items) ids.alerts.push({ id: a.id, site_id: site.id });
      const patient = ids.patients.find((p) => p.site_id === site.id);
      const observations = JSON.parse((await get(admin, `/fhir/r4/Observation?patient=${patient.id}&_count=1`)).text);
      for (const e of observations.entry ?? []) ids.observations.push({ id: Number(e.resource.id), site_id: site.id });
    }
    for (const reader of readers.filter((r) => r.ownPatient)) {
      const responses = JSON.parse((await get(reader, `/fhir/r4/QuestionnaireResponse?patient=${reader.ownPatient}`)).text);
      for (const e of responses.entry ?? []) ids.responses.push({ id: Number(e.resource.id), site_id: patients.find((p) => p.id === reader.ownPatient).site_id });
    }
    ids.measures = JSON.parse((await get(as('admin'), '/api/v1/measures')).text).items.map((m) => ({ id: m.id }));
    ids.guides = JSON.parse((await get(as('admin'), '/api/v1/guides')).text).items.map((g) => ({ id: g.id }));
    ids.questionnaires = JSON.parse((await get(as('admin'), '/fhir/r4/Questionnaire?_count=100')).text).entry.map((e) => ({ id: e.resource.id }));
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  // Every value in a body that tells who a patient is, and whose it is. A value the request
  // itself carried (a search's own self link) tells the asker nothing new.
  const leaks = (reader, path, text) => {
    const asked = decodeURIComponent(path);
    for (const p of patients) {
      if (reader.staffSites.has(p.site_id) || reader.ownPatient === p.id || asked.includes(p.identifier)) {
        if (!asked.includes(p.identifier) && text.includes(p.identifier)) identifiersSeenByStaff++;
        continue;
      }
      if (text.includes(p.identifier)) problems.push(`${reader.username} GET ${path}: patient identifier ${p.identifier} of site ${p.site_id}`);
    }
    for (const a of accounts) {
      // The community's admin administers every account (DESIGN.md §4 "Auth").
      const own = reader.me.id === a.user_id;
      const administers = reader.me.memberships.some((m) => m.role === 'admin' && (m.site_id === null || m.site_id === a.site_id));
      if (own || reader.staffSites.has(a.site_id) || administers) continue;
      if (new RegExp(`"${a.username.replace('.', '\\.')}"`).test(text)) problems.push(`${reader.username} GET ${path}: patient account ${a.username} of site ${a.site_id}`);
    }
  };

  const small = (n) => typeof n === 'number' && n > 0 && n < 5;
  // Counts the community sees: measure views' cells, numerators and their complements, and
  // MeasureReports' population counts.
  const counts = (reader, path, body) => {
    if (body.series && body.min_cell) {
      for (const series of body.series) {
        for (const p of series.points) {
          if (p.suppressed) continue;
          const numerator = body.chart === 'p' || body.chart === 'u' ? Math.round(p.y * p.n) : null;
          communityCountsChecked++;
          for (const [name, n] of [['cell', p.cell], ['n', p.n], ['numerator', numerator], ['others', numerator === null ? null : p.n - numerator]]) {
            if (small(n)) problems.push(`${reader.username} GET ${path}: ${series.site} ${p.x} ${name} ${n}`);
          }
        }
      }
    }
    if (body.resourceType === 'Bundle') {
      for (const e of body.entry ?? []) {
        if (e.resource.resourceType !== 'MeasureReport' || !reader.community) continue;
        for (const g of e.resource.group ?? []) {
          communityCountsChecked++;
          for (const population of g.population ?? []) {
            if (small(population.count)) problems.push(`${reader.username} GET ${path}: ${e.resource.id} ${population.count}`);
          }
        }
      }
    }
    if (Array.isArray(body.domains)) {
      for (const d of body.domains) if (small(d.people_n)) problems.push(`${reader.username} GET ${path}: ${d.domain} people_n ${d.people_n}`);
    }
  };

  const check = async (reader, path) => {
    const { status, text, type } = await get(reader, path);
    if (status >= 500) problems.push(`${reader.username} GET ${path}: ${status}`);
    if (status !== 200) return;
    leaks(reader, path, text);
    if (!type.includes('json')) return;
    const body = JSON.parse(text);
    counts(reader, path, body);
    // Every list answers {items, next} (README "HTTP API"); a document with items has an id.
    if (path.startsWith('/api/v1/') && Array.isArray(body.items) && !('id' in body) && !('next' in body)) {
      problems.push(`${reader.username} GET ${path}: a list without next`);
    }
  };

  // The paths of one route with ids from every site (or every kind it takes).
  const expand = (pattern) => {
    const kinds = {
      sites: 'sites', populations: 'populations', teams: 'teams', users: 'users', guides: 'guides', workbooks: 'workbooks',
      patients: 'patients', alerts: 'alerts', Patient: 'patients', Observation: 'observations',
      QuestionnaireResponse: 'responses', Flag: 'alerts', Questionnaire: 'questionnaires',
    };
    let paths = [pattern];
    for (const [placeholder] of pattern.matchAll(/\{(\w+)\}/g)) {
      const segments = pattern.split('/');
      const before = segments[segments.indexOf(placeholder) - 1];
      let values;
      if (placeholder === '{measure}') values = ids.measures.map((m) => m.id);
      else if (placeholder === '{linkId}') values = ['cycle.change'];
      else if (placeholder === '{vid}') values = ['1'];
      else values = (ids[kinds[before]] ?? []).map((i) => String(i.id));
      if (values.length === 0) values = ['1'];
      paths = paths.flatMap((p) => values.map((v) => p.replace(placeholder, encodeURIComponent(v))));
    }
    // Parameters that pick one site's data.
    if (pattern === '/api/v1/measures/{measure}/chart') paths = paths.flatMap((p) => ids.sites.map((s) => `${p}?site_id=${s.id}`));
    if (pattern === '/api/v1/measures/{measure}/sites') paths = paths.flatMap((p) => [p, `${p}?period=quarter`]);
    if (pattern === '/api/v1/patients/{id}/like-me') paths = paths.map((p) => `${p}?code=phq-9`);
    if (pattern === '/api/v1/patients') paths = [pattern, ...ids.populations.map((p) => `${pattern}?population_id=${p.id}`)];
    if (pattern === '/api/v1/alerts') paths = [pattern, `${pattern}?status=all`, ...ids.patients.map((p) => `${pattern}?patient_id=${p.id}&status=all`)];
    if (['/fhir/r4/Observation', '/fhir/r4/QuestionnaireResponse', '/fhir/r4/Flag'].includes(pattern)) {
      paths = [pattern, ...ids.patients.map((p) => `${pattern}?patient=${p.id}`)];
    }
    if (pattern === '/fhir/r4/Patient') paths = [pattern, ...patients.filter((p, i) => i % 7 === 0).map((p) => `${pattern}?identifier=${encodeURIComponent(p.identifier)}`)];
    if (pattern === '/fhir/r4/MeasureReport') {
      paths = ['phq9-below-10', 'phq9-mean', 'people-communication'].flatMap((m) => [
        `${pattern}?measure=${m}`,
        `${pattern}?measure=${m}&period-kind=quarter`,
        ...ids.sites.map((s) => `${pattern}?measure=${m}&reporter=Organization/${s.id}`),
      ]);
    }
    return paths;
  };

  it('shows no patient’s identity outside their site and no community count from 1 to 4', async () => {
    const doc = await (await fetch(`${url}/api/v1/openapi.json`)).json();
    const routes = Object.entries(doc.paths).filter(([path, item]) => item.get && !['/metrics', '/healthz', '/api/v1/openapi.json'].includes(path)).map(([path]) => path);
    // Exports and print pages are files; they go through the same reads and are crawled too.
    const paths = routes.flatMap(expand);
    for (const reader of readers) {
      for (let i = 0; i < paths.length; i += 8) {
        await Promise.all(paths.slice(i, i + 8).map((path) => check(reader, path)));
      }
    }
    // The community's preview of a definition is a read too.
    for (const reader of readers.filter((r) => r.community)) {
      const stored = JSON.parse((await get(reader, '/api/v1/measures')).text).items.find((m) => m.id === 'phq9-below-10');
      const { chart, ...definition } = stored;
      const preview = await fetch(`${url}/api/v1/measures/preview`, {
        method: 'POST',
        headers: { cookie: reader.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ ...definition, id: 'crawled' }),
      });
      if (preview.status === 200) counts(reader, 'preview', await preview.json());
    }
    console.log(`crawled ${requests} requests as ${readers.length} readers over ${routes.length} routes; ` +
      `${identifiersSeenByStaff} identifiers seen where allowed, ${communityCountsChecked} community cells checked`);
    assert.ok(requests > 5000, `${requests} requests`);
    assert.ok(identifiersSeenByStaff > 100, 'the crawler sees identifiers where they may be seen');
    assert.ok(communityCountsChecked > 1000, 'the crawler checks the community’s cells');
    assert.deepEqual(problems.slice(0, 40), []);
  });
});
