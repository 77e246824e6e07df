// Value configurations over HTTP against recomputations from the files themselves: a registry
// CSV imported into a site, a unit-cost table, strata defined on the people's fields and latest
// observations with counts, utilisation and costs per person-year and score quartiles equal to a
// recomputation here (whole for the site's staff, small cells withheld for the facilitator); a
// persona on a stratum shown with its live numbers, its texts kept as workbook answers; a
// process map built through the API with its TDABC costs, a journey and a what-if equal to a
// recomputation here; revisions with a stale save refused; the map's files (its BPMN parsed by
// bpmn-moddle from npm and imported back into an equal map, its SVG holding every title as text,
// PNG and PDF); and bad input (hostile BPMN too) refused by field or line with nothing written.
import assert from 'node:assert/strict';
import net from 'node:net';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';

import { BpmnModdle } from '../../web/node_modules/bpmn-moddle/dist/index.js';
import { demoCallers, loginOf, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';
import { readZipEntry } from '../support/zip.mjs';

const DAY = 86_400_000;

// A small seeded generator (mulberry32), so the registry is the same on every run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

// The day n calendar months before day (YYYY-MM-DD), the day of the month kept where it exists.
function monthsBefore(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  const months = y * 12 + (m - 1) - n;
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return iso(Date.UTC(year, month, Math.min(d, last)));
}

function ageOn(birth, day) {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// Hyndman–Fan type 7 (R's default).
function quantile(sorted, p) {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

// A PNG written here chunk by chunk (RGB, 8 bits), with extra chunks before IEND if given.
function png(width, height, pixel, extra = []) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, () => Buffer.from(pixel))])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), ...extra.map(([t, d]) => chunk(t, Buffer.from(d, 'latin1'))), chunk('IEND', Buffer.alloc(0))]);
}

const close = (actual, expected, what) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);

describe('value configurations', () => {
  let dir, server, call, cookie, site, team, population, mapId;
  const today = iso(Date.now());
  const windowFrom = monthsBefore(today, 12);
  const people = [];
  const observations = [];
  const prices = [
    ['OPV', 1500, '2020-01-01'],
    ['OPV', 1800, monthsBefore(today, 6)],
    ['IPD', 9000.5, '2020-01-01'],
    ['ER', 4200, '2020-01-01'],
  ];

  before(async () => {
    dir = tempDir();
    const db = dir.database();
    const logins = writeDemo(db);
    server = await startServer(db);
    ({ call, cookie } = demoCallers(server, logins));
    site = loginOf(logins, 'siteadmin.vastera').site_id;
    const teams = await call('lead.vastera', 'GET', '/api/v1/teams?limit=500');
    team = teams.body.items.find((t) => t.site_id === site);
    // A population of the test's own, so the demo's people do not mix in.
    const made = await call('siteadmin.vastera', 'POST', '/api/v1/populations', { site_id: site, name: 'Strata test', description: '' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    population = made.body.id;

    const next = random(18);
    const types = ['RRMS', 'RRMS', 'SPMS', 'PPMS'];
    for (let i = 0; i < 90; i++) {
      const birth = iso(Date.UTC(1950 + Math.floor(next() * 50), Math.floor(next() * 12), 1 + Math.floor(next() * 28)));
      people.push({ identifier: `ST-${i}`, birth, sex: next() < 0.6 ? 'female' : 'male', ms_type: types[Math.floor(next() * 4)] });
    }
    // Three people only are "rare": a stratum of 3, withheld from the facilitator.
    for (const i of [5, 6, 7]) people[i].ms_type = 'rare';
    const start = Date.parse(`${monthsBefore(today, 24)}T00:00:00Z`);
    const span = Date.parse(`${today}T00:00:00Z`) - start;
    for (const p of people) {
      for (let k = 0; k < 3; k++) {
        observations.push({ identifier: p.identifier, code: 'EDSS', value: Math.round(next() * 18) / 2, day: iso(start + Math.floor(next() * span / DAY) * DAY) });
      }
      for (let k = 0; k < 4; k++) {
        const code = ['OPV', 'OPV', 'IPD', 'ER'][Math.floor(next() * 4)];
        observations.push({ identifier: p.identifier, code, value: 1 + Math.floor(next() * 3), day: iso(start + Math.floor(next() * span / DAY) * DAY) });
      }
    }
    // Events on the window's edges: the day the window starts after (out) and today (in).
    observations.push({ identifier: 'ST-10', code: 'OPV', value: 5, day: windowFrom });
    observations.push({ identifier: 'ST-11', code: 'OPV', value: 2, day: today });
    // Two EDSS on one day keep the later line (ids), as the registry reads latest by time then id.
    const patientsCsv = `identifier,population_id,birth_date,sex,ms_type\n${people.map((p) => `${p.identifier},${population},${p.birth},${p.sex},${p.ms_type}`).join('\n')}\n`;
    const obsCsv = `identifier,code,value,effective,display\n${observations.map((o) => `${o.identifier},${o.code},${o.value},${o.day},${o.code}`).join('\n')}\n`;
    for (const file of [patientsCsv, obsCsv]) {
      const response = await fetch(`${server.url}/api/v1/sites/${site}/registry-files`, { method: 'POST', headers: { cookie: await cookie('siteadmin.vastera'), 'content-type': 'text/csv' }, body: file });
      assert.equal(response.status, 200, await response.text());
    }
  });
  after(async () => {
    await server?.stop();
    dir?.remove();
  });

  // The status of a request whose headers announce length bytes, sent without its body: a server
  // that refuses it from its Content-Length answers before reading any.
  const statusBeforeBody = (method, path, type, length) =>
    new Promise((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const socket = net.createConnection({ host: hostname, port: Number(port) });
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => (data += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1])));
      cookie('lead.vastera').then((c) => socket.write(`${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nCookie: ${c}\r\nContent-Length: ${length}\r\n\r\n`));
      setTimeout(() => socket.destroy(), 10_000).unref();
    });

  const putCosts = async (who, csv) => fetch(`${server.url}/api/v1/sites/${site}/unit-costs`, { method: 'PUT', headers: { cookie: await cookie(who), 'content-type': 'text/csv' }, body: csv });

  it('keeps a unit-cost table replaced whole, and refuses a faulty one by line and column', async () => {
    const csv = `code,unit_cost,currency,valid_from\n${prices.map(([c, u, v]) => `${c},${u},SEK,${v}`).join('\n')}\n`;
    assert.equal((await putCosts('lead.vastera', csv)).status, 403);
    const put = await putCosts('siteadmin.vastera', csv);
    assert.equal(put.status, 200, await put.clone().text());
    const bad = await putCosts('siteadmin.vastera', 'code,unit_cost,currency,valid_from\nOPV,10,SEK,2026-01-01\nIPD,12,SEK,2026-02-31\n');
    assert.equal(bad.status, 400);
    const problem = await bad.json();
    assert.match(problem.detail, /line 3, valid_from/);
    const table = await call('professional.vastera', 'GET', `/api/v1/sites/${site}/unit-costs`);
    assert.equal(table.status, 200);
    assert.equal(table.body.items.length, prices.length, 'the refused table changed nothing');
    const wrongType = await fetch(`${server.url}/api/v1/sites/${site}/unit-costs`, { method: 'PUT', headers: { cookie: await cookie('siteadmin.vastera'), 'content-type': 'application/json' }, body: '{}' });
    assert.equal(wrongType.status, 415);
    const patched = await call('siteadmin.vastera', 'PATCH', `/api/v1/sites/${site}`, { person_time_value_per_minute: 4.5 });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.person_time_value_per_minute, 4.5);
    assert.equal(patched.body.currency, 'SEK');
    assert.equal((await call('lead.vastera', 'PATCH', `/api/v1/sites/${site}`, { person_time_value_per_minute: 1 })).status, 403);
    assert.equal((await call('siteadmin.vastera', 'PATCH', `/api/v1/sites/${site}`, { person_time_value_per_minute: -1 })).body.field ?? 'x', '/person_time_value_per_minute');
    assert.equal((await call('patient.vastera', 'GET', `/api/v1/sites/${site}`)).body.person_time_value_per_minute, 4.5);
  });

  it('gives strata numbers equal to a recomputation from the files', async () => {
    const rule = {
      name: 'By need',
      strata: [
        { name: 'Rare', conditions: [{ field: 'ms_type', op: 'eq', value: 'rare' }] },
        { name: 'High disability', conditions: [{ observation: 'EDSS', op: 'ge', value: 6 }] },
        { name: 'Young relapsing', conditions: [{ field: 'ms_type', op: 'in', value: ['RRMS', 'CIS'] }, { field: 'age', op: 'lt', value: 50 }] },
      ],
      scores: ['EDSS'],
    };
    const unknown = await call('lead.vastera', 'POST', `/api/v1/populations/${population}/stratifications`, { ...rule, strata: [{ name: 'x', conditions: [{ field: 'shoe_size', op: 'gt', value: 40 }] }] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, '/strata/0/conditions/0/field');
    const badOp = await call('lead.vastera', 'POST', `/api/v1/populations/${population}/stratifications`, { ...rule, strata: [{ name: 'x', conditions: [{ field: 'age', op: 'like', value: 4 }] }] });
    assert.equal(badOp.status, 400);
    assert.equal(badOp.body.field, '/strata/0/conditions/0/op');
    assert.equal((await call('lead.fjordvik', 'POST', `/api/v1/populations/${population}/stratifications`, rule)).status, 403);
    const made = await call('lead.vastera', 'POST', `/api/v1/populations/${population}/stratifications`, rule);
    assert.equal(made.status, 201, JSON.stringify(made.body));

    // The recomputation: latest EDSS per person (by day, then line), their stratum, events in
    // (windowFrom, today] valued at the price valid on their day.
    const latest = new Map();
    observations.forEach((o) => {
      if (o.code !== 'EDSS') return;
      const seen = latest.get(o.identifier);
      if (!seen || o.day >= seen.day) latest.set(o.identifier, o);
    });
    const stratumOf = (p) => {
      if (p.ms_type === 'rare') return 0;
      if (latest.has(p.identifier) && latest.get(p.identifier).value >= 6) return 1;
      if (['RRMS', 'CIS'].includes(p.ms_type) && ageOn(p.birth, today) < 50) return 2;
      return 3;
    };
    const priceOn = (code, day) => prices.filter(([c, , v]) => c === code && v <= day).sort((a, b) => (a[2] < b[2] ? -1 : 1)).at(-1)?.[1] ?? 0;
    const expected = [0, 1, 2, 3].map(() => ({ people: 0, quantity: 0, cost: 0, edss: [] }));
    const byId = new Map(people.map((p) => [p.identifier, p]));
    for (const p of people) {
      const e = expected[stratumOf(p)];
      e.people++;
      if (latest.has(p.identifier)) e.edss.push(latest.get(p.identifier).value);
    }
    for (const o of observations) {
      if (o.code === 'EDSS' || !(o.day > windowFrom && o.day <= today)) continue;
      const e = expected[stratumOf(byId.get(o.identifier))];
      e.quantity += o.value;
      e.cost += o.value * priceOn(o.code, o.day);
    }

    const whole = await call('lead.vastera', 'GET', `/api/v1/stratifications/${made.body.id}/summary`);
    assert.equal(whole.status, 200, JSON.stringify(whole.body));
    assert.equal(whole.body.currency, 'SEK');
    assert.deepEqual(whole.body.window, { from: windowFrom, to: today, months: 12 });
    assert.deepEqual(whole.body.strata.map((s) => s.name), ['Rare', 'High disability', 'Young relapsing', 'Other']);
    whole.body.strata.forEach((s, k) => {
      const e = expected[k];
      assert.equal(s.people, e.people, s.name);
      assert.equal(s.suppressed, false);
      close(s.utilisation_per_person_year, e.quantity / e.people, `${s.name} utilisation`);
      close(s.cost_per_person_year, e.cost / e.people, `${s.name} cost`);
      const sorted = e.edss.sort((a, b) => a - b);
      assert.deepEqual(s.scores.EDSS, { median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) }, s.name);
      assert.equal(Object.values(s.sexes).reduce((a, b) => a + b, 0), e.people);
    });
    assert.equal(expected[0].people, 3);

    // The facilitator sees the stratum of 3 withheld, and the next smallest with it.
    const outside = await call('facilitator', 'GET', `/api/v1/stratifications/${made.body.id}/summary`);
    assert.equal(outside.status, 200);
    assert.equal(outside.body.whole, false);
    const [rare] = outside.body.strata;
    assert.deepEqual([rare.people, rare.suppressed, rare.cost_per_person_year, rare.utilisation_per_person_year, rare.scores.EDSS], [null, true, null, null, null]);
    const others = outside.body.strata.slice(1);
    const smallest = Math.min(...expected.slice(1).map((e) => e.people));
    const hidden = others.filter((s) => s.suppressed);
    assert.equal(hidden.length, 1, 'complementary suppression hides exactly one more');
    assert.equal(expected[outside.body.strata.indexOf(hidden[0])].people, smallest);
    for (const s of others.filter((x) => !x.suppressed)) {
      for (const n of [...Object.values(s.ages), ...Object.values(s.sexes)]) assert.ok(n === null || n === 0 || n >= 5, `${s.name}: ${n}`);
    }
    assert.equal((await call('lead.vastera', 'GET', `/api/v1/stratifications/${made.body.id}/summary?months=0`)).status, 400);
  });

  it('costs a process map, a journey and a what-if as recomputed here', async () => {
    const nurse = await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/resources`, { name: 'MS nurse', kind: 'staff', annual_cost: 720000, capacity_minutes: 96000 });
    assert.equal(nurse.status, 201, JSON.stringify(nurse.body));
    assert.equal(nurse.body.rate_per_minute, 7.5);
    const neuro = await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/resources`, { name: 'Neurologist', rate_per_minute: 25 });
    const room = await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/resources`, { name: 'Infusion room', kind: 'room', rate_per_minute: 1.2 });
    assert.equal((await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/resources`, { name: 'x', rate_per_minute: 1, annual_cost: 5 })).status, 400);
    const rates = { [nurse.body.id]: 7.5, [neuro.body.id]: 25, [room.body.id]: 1.2 };
    const lanes = [
      { id: 'person', title: 'Person with MS', perspective: 'person' },
      { id: 'clinic', title: 'Neurology clinic', perspective: 'professional' },
      { id: 'pharmacy', title: 'Pharmacist', perspective: 'professional' },
    ];
    const configurations = ['chain', 'shop', 'network', 'access'];
    const steps = Array.from({ length: 12 }, (_, i) => ({
      id: `s${i + 1}`,
      lane_id: lanes[i % 3].id,
      position: i + 1,
      title: `Step ${i + 1}`,
      configuration: configurations[i % 4],
      coproduction: ['active', 'opportunity', 'none'][i % 3],
      resources: i % 3 === 0 ? [] : [{ resource_id: nurse.body.id, minutes: 10 + i }, ...(i % 2 ? [{ resource_id: neuro.body.id, minutes: 5 }] : []), ...(i === 4 ? [{ resource_id: room.body.id, minutes: 90 }] : [])],
      person_minutes: 15 * (i % 4),
      carer_minutes: i === 3 ? 60 : 0,
      travel_cost: i % 5 === 0 ? 85 : 0,
      out_of_pocket: i === 7 ? 250 : 0,
    }));
    const arrows = steps.slice(1).map((s, i) => ({ from: steps[i].id, to: s.id }));
    const created = await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/process-maps`, { name: 'MS service', lanes, steps, arrows });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.note, null, '12 steps: no note');
    assert.equal(created.headers.get('etag'), created.body.etag);
    const map = created.body.id;
    mapId = map;
    const journey = await call('lead.vastera', 'POST', `/api/v1/process-maps/${map}/journeys`, { name: "Anna's year", steps: [{ step_id: 's1', frequency: 4 }, { step_id: 's5', frequency: 12 }, { step_id: 's8', frequency: 0.5 }] });
    assert.equal(journey.status, 201, JSON.stringify(journey.body));

    const value = 4.5;  // the site's value of a person's time, set above
    const costOf = (s) => {
      const direct = s.resources.reduce((sum, u) => sum + u.minutes * rates[u.resource_id], 0);
      const person = (s.person_minutes + s.carer_minutes) * value + s.travel_cost + s.out_of_pocket;
      return { direct, person, total: direct + person };
    };
    const check = (body, stepsNow, frequency = {}) => {
      let total = 0;
      const byConfiguration = { chain: 0, shop: 0, network: 0, access: 0 };
      const byLane = { person: 0, clinic: 0, pharmacy: 0 };
      body.steps.forEach((got, i) => {
        const s = stepsNow[i];
        const c = costOf(s);
        assert.equal(got.step_id, s.id);
        assert.equal(got.configuration, s.configuration);
        close(got.direct, c.direct, `${s.id} direct`);
        close(got.person, c.person, `${s.id} person`);
        close(got.total, c.total, `${s.id} total`);
        total += c.total;
        byConfiguration[s.configuration] += c.total;
        byLane[s.lane_id] += c.total;
      });
      close(body.total, total, 'total');
      for (const k of configurations) close(body.by_configuration[k], byConfiguration[k], k);
      for (const k of Object.keys(byLane)) close(body.by_lane[k], byLane[k], k);
      const perYear = [['s1', 4], ['s5', 12], ['s8', 0.5]].reduce((sum, [id, f]) => sum + (frequency[id] ?? f) * costOf(stepsNow.find((s) => s.id === id)).total, 0);
      close(body.journeys[0].per_year, perYear, 'journey');
      return byConfiguration;
    };
    const costs = await call('lead.vastera', 'GET', `/api/v1/process-maps/${map}/costs`);
    assert.equal(costs.status, 200, JSON.stringify(costs.body));
    assert.equal(costs.body.currency, 'SEK');
    const before = check(costs.body, steps);

    // What-if: two shop steps move to the network; s5's minutes and frequency change.
    const shopSteps = steps.filter((s) => s.configuration === 'shop').slice(0, 2).map((s) => s.id);
    const scenario = await call('lead.vastera', 'POST', `/api/v1/process-maps/${map}/scenarios`, { name: 'Peers plan', changes: [...shopSteps.map((id) => ({ step_id: id, configuration: 'network' })), { step_id: 's5', minutes: 20, frequency: 6 }] });
    assert.equal(scenario.status, 201, JSON.stringify(scenario.body));
    const whatIf = await call('lead.vastera', 'GET', `/api/v1/process-maps/${map}/costs?scenario=${scenario.body.id}`);
    assert.equal(whatIf.status, 200);
    const changed = steps.map((s) => ({
      ...s,
      configuration: shopSteps.includes(s.id) ? 'network' : s.configuration,
      resources: s.id === 's5' ? s.resources.map((u) => ({ ...u, minutes: 20 })) : s.resources,
    }));
    const after = check(whatIf.body, changed, { s5: 6 });
    assert.ok(after.shop < before.shop && after.network > before.network);
    assert.equal((await call('lead.vastera', 'GET', `/api/v1/process-maps/${map}/costs?scenario=999999`)).status, 404);

    // Revisions: a save needs the ETag it was made on; a stale one gets 409 with the current map.
    const save = (body, etag) => call('lead.vastera', 'PUT', `/api/v1/process-maps/${map}`, body, etag ? { 'if-match': etag } : {});
    assert.equal((await save({ lanes, steps, arrows })).status, 428);
    const second = await save({ lanes, steps: steps.slice(0, 11), arrows: arrows.slice(0, 10) }, created.body.etag);
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.revision, 2);
    const stale = await save({ lanes, steps, arrows }, created.body.etag);
    assert.equal(stale.status, 409);
    assert.equal(stale.body.current.revision, 2);
    assert.equal(stale.body.current_etag, second.body.etag);
    const diff = await call('lead.vastera', 'GET', `/api/v1/process-maps/${map}/diff?from=1&to=2`);
    assert.deepEqual(diff.body.steps.removed, ['s12']);
    const restored = await call('lead.vastera', 'POST', `/api/v1/process-maps/${map}/revisions/1/restore`, undefined, { 'if-match': second.body.etag });
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.equal(restored.body.revision, 3);
    assert.equal(restored.body.steps.length, 12);
    assert.equal((await call('lead.vastera', 'GET', `/api/v1/process-maps/${map}/revisions`)).body.items.length, 3);

    // Bad input names the member; nothing is written.
    const mapsBefore = (await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/process-maps`)).body.items.length;
    const bad = async (change, field) => {
      const body = { name: 'bad', lanes, steps: structuredClone(steps), arrows };
      change(body);
      const response = await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/process-maps`, body);
      assert.equal(response.status, 400, JSON.stringify(response.body));
      assert.equal(response.body.field, field);
    };
    await bad((b) => { b.steps[2].configuration = 'bazaar'; }, '/steps/2/configuration');
    await bad((b) => { b.steps[1].resources[0].minutes = -5; }, '/steps/1/resources/0/minutes');
    await bad((b) => { b.steps[3].lane_id = 'nowhere'; }, '/steps/3/lane_id');
    await bad((b) => { b.arrows = [{ from: 's1', to: 's99' }]; }, '/arrows/0/to');
    await bad((b) => { b.steps[1].resources[0].resource_id = 999999; }, '/steps/1/resources/0/resource_id');
    assert.equal((await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/process-maps`)).body.items.length, mapsBefore);

    // The team's own: another site's lead, a patient and the facilitator are refused.
    for (const who of ['lead.fjordvik', 'patient.vastera', 'facilitator']) {
      assert.equal((await call(who, 'GET', `/api/v1/process-maps/${map}`)).status, 403, who);
      assert.equal((await call(who, 'GET', `/api/v1/process-maps/${map}/costs`)).status, 403, who);
    }
  });

  it('exports the map as BPMN that bpmn-moddle reads and that imports back equal, and as pictures', async () => {
    const get = async (format) => fetch(`${server.url}/api/v1/process-maps/${mapId}/export?format=${format}`, { headers: { cookie: await cookie('lead.vastera') } });
    const map = (await call('lead.vastera', 'GET', `/api/v1/process-maps/${mapId}`)).body;
    const bpmn = await get('bpmn');
    assert.equal(bpmn.status, 200);
    assert.equal(bpmn.headers.get('content-type'), 'application/bpmn+xml');
    const xml = await bpmn.text();
    const { rootElement: definitions, warnings } = await new BpmnModdle().fromXML(xml);
    assert.deepEqual(warnings.map((w) => w.message), []);
    const collaboration = definitions.rootElements.find((e) => e.$type === 'bpmn:Collaboration');
    assert.equal(collaboration.participants.length, 1);
    const process = definitions.rootElements.find((e) => e.$type === 'bpmn:Process');
    assert.deepEqual(process.laneSets[0].lanes.map((l) => l.name), map.lanes.map((l) => l.title));
    const tasks = process.flowElements.filter((e) => e.$type === 'bpmn:Task');
    assert.deepEqual(tasks.map((t) => t.name), map.steps.map((s) => s.title));
    const flows = process.flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow');
    const titleOf = (task) => task.name;
    const byKey = new Map(map.steps.map((s) => [s.id, s.title]));
    assert.deepEqual(flows.map((f) => [titleOf(f.sourceRef), titleOf(f.targetRef)]), map.arrows.map((a) => [byKey.get(a.from), byKey.get(a.to)]));
    for (const lane of process.laneSets[0].lanes) {
      const key = map.lanes.find((l) => l.title === lane.name).id;
      assert.deepEqual(lane.flowNodeRef.map((t) => t.name), map.steps.filter((s) => s.lane_id === key).map((s) => s.title));
    }
    const plane = definitions.diagrams[0].plane;
    assert.equal(plane.planeElement.filter((e) => e.$type === 'bpmndi:BPMNShape').length, 1 + map.lanes.length + map.steps.length);
    assert.equal(plane.planeElement.filter((e) => e.$type === 'bpmndi:BPMNEdge').length, map.arrows.length);

    // Imported back: an equal map.
    const imported = await fetch(`${server.url}/api/v1/teams/${team.id}/process-maps?name=Imported`, { method: 'POST', headers: { cookie: await cookie('lead.vastera'), 'content-type': 'application/bpmn+xml' }, body: xml });
    assert.equal(imported.status, 201, await imported.clone().text());
    const copy = await imported.json();
    assert.equal(copy.name, 'Imported');
    for (const member of ['lanes', 'steps', 'arrows']) assert.deepEqual(copy[member], map[member], member);

    const svg = await get('svg');
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    const text = await svg.text();
    const escape = (t) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    for (const s of map.steps) assert.ok(text.includes(`>${escape(s.title)}</title>`), s.title);
    assert.match(text, /<text[^>]*>C<\/text>/);
    const png = await get('png');
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const pdf = await get('pdf');
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
    assert.equal((await get('docx')).status, 400);
    assert.equal((await fetch(`${server.url}/api/v1/process-maps/${mapId}/export?format=svg`, { headers: { cookie: await cookie('lead.fjordvik') } })).status, 403);
  });

  it('refuses hostile and broken BPMN files, writing nothing', async () => {
    const before = (await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/process-maps`)).body.items.length;
    const post = async (body, type = 'application/bpmn+xml') => fetch(`${server.url}/api/v1/teams/${team.id}/process-maps`, { method: 'POST', headers: { cookie: await cookie('lead.vastera'), 'content-type': type }, body });
    const entities = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</definitions>';
    const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><definitions>&x;</definitions>';
    for (const body of [entities, xxe]) {
      const response = await post(body);
      assert.equal(response.status, 400);
      assert.match((await response.json()).detail, /DOCTYPE/);
    }
    const noLanes = await post('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"><task id="t" name="x"/></process></definitions>');
    assert.equal(noLanes.status, 400);
    assert.equal((await noLanes.json()).field, '/lanes');
    assert.equal((await post('<definitions><unclosed></definitions>')).status, 400);
    // Over 10 MiB: refused from its Content-Length, before the body is sent.
    const huge = await statusBeforeBody('POST', `/api/v1/teams/${team.id}/process-maps`, 'application/bpmn+xml', 11 << 20);
    assert.equal(huge, 413);
    assert.equal((await post('name,lanes', 'text/csv')).status, 415);
    assert.equal((await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/process-maps`)).body.items.length, before);
  });
  it('draws a persona on a stratum, shown with its live numbers, its texts kept as workbook answers', async () => {
    // A stratification of another population than the team's is refused.
    const other = (await call('lead.vastera', 'GET', `/api/v1/populations/${population}/stratifications`)).body.items[0];
    const elsewhere = await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/personas`, { name: 'x', stratification_id: other.id, stratum: 'Rare' });
    assert.equal(elsewhere.status, 400);
    assert.equal(elsewhere.body.field, '/stratification_id');
    const defined = await call('lead.vastera', 'POST', `/api/v1/populations/${team.population_id}/stratifications`, {
      name: 'By course', strata: [{ name: 'Relapsing', conditions: [{ field: 'ms_course', op: 'eq', value: 'relapsing-remitting' }] }],
    });
    assert.equal(defined.status, 201, JSON.stringify(defined.body));
    const rule = defined.body;
    const made = await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/personas`, { name: 'Anna, 27', stratification_id: rule.id, stratum: 'Relapsing' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const summary = (await call('lead.vastera', 'GET', `/api/v1/stratifications/${rule.id}/summary`)).body;
    assert.deepEqual(made.body.numbers, summary.strata.find((s) => s.name === 'Relapsing'));
    assert.ok(made.body.numbers.people > 0);
    assert.equal(made.body.currency, 'SEK');
    // Its texts: the workbook's answers, with revisions and restore.
    const workbook = made.body.workbook_id;
    const first = await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook}/answers/portrait`, { text: 'Diagnosed last spring.' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const second = await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook}/answers/portrait`, { text: 'Diagnosed last spring; studies nursing.' }, { 'if-match': first.body.etag });
    assert.equal(second.status, 200);
    const revisions = await call('lead.vastera', 'GET', `/api/v1/workbooks/${workbook}/answers/portrait/revisions`);
    assert.equal(revisions.body.items.length, 2);
    // A journey names her; another team's persona or an unknown one is refused.
    const maps = (await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/process-maps`)).body.items;
    const map = maps.find((m) => m.id === mapId);
    const journey = await call('lead.vastera', 'POST', `/api/v1/process-maps/${map.id}/journeys`, { name: "Anna's year", persona_id: made.body.id, steps: [{ step_id: 's1', frequency: 2 }] });
    assert.equal(journey.status, 201, JSON.stringify(journey.body));
    assert.equal(journey.body.persona_id, made.body.id);
    const unknown = await call('lead.vastera', 'POST', `/api/v1/process-maps/${map.id}/journeys`, { name: 'x', persona_id: 999999, steps: [] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, '/persona_id');
    const badStratum = await call('lead.vastera', 'POST', `/api/v1/teams/${team.id}/personas`, { name: 'x', stratification_id: rule.id, stratum: 'Nobody' });
    assert.equal(badStratum.status, 400);
    assert.equal(badStratum.body.field, '/stratum');
    for (const who of ['lead.fjordvik', 'patient.vastera', 'facilitator']) {
      assert.equal((await call(who, 'GET', `/api/v1/personas/${made.body.id}`)).status, 403, who);
    }
    // The persona guide is no workbook to start, and no guide the community lists.
    assert.equal((await call('lead.vastera', 'POST', '/api/v1/workbooks', { team_id: team.id, guide_id: 'persona' })).status, 400);
    assert.ok(!(await call('lead.vastera', 'GET', '/api/v1/guides')).body.items.some((g) => g.id === 'persona'));
    const listed = await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/personas`);
    assert.ok(listed.body.items.some((p) => p.name === 'Anna, 27'));
  });

  it('prints and exports a workbook with the persona and map it links, each as its reader may see them', async () => {
    const persona = (await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/personas`)).body.items.find((p) => p.name === 'Anna, 27');
    const costs = (await call('lead.vastera', 'GET', `/api/v1/process-maps/${mapId}/costs`)).body;
    const map = (await call('lead.vastera', 'GET', `/api/v1/process-maps/${mapId}`)).body;
    const started = await call('lead.vastera', 'POST', '/api/v1/workbooks', { team_id: team.id, guide_id: 'coproduction-guide-full' });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const workbook = started.body.id;
    const answer = async (key, text) => assert.equal((await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook}/answers/${key}`, { text })).status, 200);
    await answer('step-2.q1', `Our people: [Persona: Anna](/personas/${persona.id}), and [a gone one](/personas/999999).`);
    await answer('step-2.q2', `The flow: [Process map: MS service](/process-maps/${mapId}); Anna again: [Anna](/personas/${persona.id}).`);

    const print = await fetch(`${server.url}/api/v1/workbooks/${workbook}/print`, { headers: { cookie: await cookie('lead.vastera') } });
    assert.equal(print.status, 200);
    assert.equal(print.headers.get('cache-control'), 'no-store');
    const html = await print.text();
    const count = (what) => html.split(what).length - 1;
    assert.equal(count('<aside class="linked persona">'), 2, 'Anna once, and the gone one');
    assert.equal(count('<aside class="linked map">'), 1);
    assert.ok(html.includes('Persona: Anna, 27'));
    assert.ok(html.includes(`Numbers as of ${today}`), 'dated as of printing');
    assert.ok(html.includes(`<td>${persona.numbers.people}</td>`), 'the stratum\'s people');
    assert.ok(html.includes('Diagnosed last spring; studies nursing.'), 'the persona\'s latest text');
    assert.ok(html.includes('Not shown: it no longer exists.'));
    // The map: a picture holding every step's title, and its costs equal to the costs route's.
    const picture = html.slice(html.indexOf('<figure class="picture">'), html.indexOf('</figure>'));
    assert.ok(picture.startsWith('<figure class="picture"><svg'));
    for (const step of map.steps) assert.ok(picture.includes(step.title), step.title);
    for (const s of costs.steps) {
      const title = map.steps.find((x) => x.id === s.step_id).title;
      assert.ok(html.includes(`<th scope="row">${title}</th>`) && html.includes(`<td>${s.total.toFixed(2)}</td>`), title);
    }
    assert.ok(html.includes(`<th scope="row">Total</th><td>${costs.total.toFixed(2)}</td>`));

    const md = await (await fetch(`${server.url}/api/v1/workbooks/${workbook}/export.md`, { headers: { cookie: await cookie('lead.vastera') } })).text();
    assert.ok(md.includes(`| Total | ${costs.total.toFixed(2)} |`));
    const xlsx = Buffer.from(await (await fetch(`${server.url}/api/v1/workbooks/${workbook}/export.xlsx`, { headers: { cookie: await cookie('lead.vastera') } })).arrayBuffer());
    const names = readZipEntry(xlsx, 'xl/workbook.xml');
    assert.match(names, /name="Personas"/);
    assert.match(names, new RegExp(`name="Map ${mapId}"`));
    assert.ok(readZipEntry(xlsx, 'xl/media/image1.png').length > 0, 'the map\'s picture');
    assert.ok(readZipEntry(xlsx, 'xl/sharedStrings.xml').includes('Anna, 27'));

    // The facilitator: nothing until the team shares the workbook; then the persona and the map
    // only once each is shared, the stratum's numbers through the small-cell rule.
    const asFacilitator = async () => fetch(`${server.url}/api/v1/workbooks/${workbook}/print`, { headers: { cookie: await cookie('facilitator') } });
    assert.equal((await asFacilitator()).status, 403);
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook}/sharing`, { shared: true })).status, 204);
    const unshared = await (await asFacilitator()).text();
    assert.equal(unshared.split('Not shown: it is not shared with you.').length - 1, 2, 'persona and map not shared');
    assert.equal((await call('facilitator', 'GET', `/api/v1/process-maps/${mapId}`)).status, 403);
    assert.equal((await call('facilitator', 'PUT', `/api/v1/process-maps/${mapId}/sharing`, { shared: true })).status, 403);
    assert.equal((await call('member.vastera', 'PUT', `/api/v1/process-maps/${mapId}/sharing`, { shared: true })).status, 403, 'leads share, members do not');
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/process-maps/${mapId}/sharing`, { shared: 'yes' })).status, 400);
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/process-maps/${mapId}/sharing`, { shared: true })).status, 204);
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/workbooks/${persona.workbook_id}/sharing`, { shared: true })).status, 204);
    const shared = await (await asFacilitator()).text();
    assert.ok(shared.includes('Persona: Anna, 27'));
    assert.ok(shared.includes('<figure class="picture"><svg'));
    const seen = await call('facilitator', 'GET', `/api/v1/personas/${persona.id}`);
    assert.equal(seen.status, 200);
    const expected = (await call('facilitator', 'GET', `/api/v1/stratifications/${persona.stratification_id}/summary`)).body.strata.find((x) => x.name === 'Relapsing');
    assert.deepEqual(seen.body.numbers, expected, 'the facilitator\'s numbers are the suppressed summary\'s');
    assert.deepEqual((await call('facilitator', 'GET', `/api/v1/process-maps/${mapId}/costs`)).body, costs);
    const listed = await call('facilitator', 'GET', `/api/v1/teams/${team.id}/process-maps`);
    assert.deepEqual(listed.body.items.map((m) => m.id), [mapId], 'the shared map only');
    assert.equal(listed.body.items[0].shared, true);
    assert.equal((await call('facilitator', 'PUT', `/api/v1/process-maps/${mapId}`, { lanes: map.lanes, steps: map.steps, arrows: map.arrows }, { 'if-match': map.etag })).status, 403, 'read, not written');
    // Another site's lead still reads neither.
    assert.equal((await call('lead.fjordvik', 'GET', `/api/v1/process-maps/${mapId}`)).status, 403);
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/process-maps/${mapId}/sharing`, { shared: false })).status, 204);
    assert.equal((await call('facilitator', 'GET', `/api/v1/process-maps/${mapId}`)).status, 403);
  });

  it('keeps a persona picture written again from the upload, read as the persona is', async () => {
    const persona = (await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/personas`)).body.items.find((p) => p.name === 'Anna, 27');
    assert.equal(persona.picture, null);
    const put = async (who, body, type) => fetch(`${server.url}/api/v1/personas/${persona.id}/picture`, { method: 'PUT', headers: { cookie: await cookie(who), 'content-type': type }, body });
    const upload = png(40, 30, [200, 40, 40], [['tEXt', 'Comment\0Home: 59.3293N 18.0686E']]);
    assert.ok(upload.includes('59.3293N'));
    assert.equal((await put('lead.fjordvik', upload, 'image/png')).status, 403);
    assert.equal((await put('facilitator', upload, 'image/png')).status, 403);
    const gif = await put('lead.vastera', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/png');
    assert.equal(gif.status, 415, 'known by its bytes, not by its label');
    assert.equal((await put('lead.vastera', upload, 'text/plain')).status, 415);
    const cut = await put('lead.vastera', upload.subarray(0, 60), 'image/png');
    assert.equal(cut.status, 400);
    assert.equal((await cut.json()).field, 'picture');
    assert.equal(await statusBeforeBody('PUT', `/api/v1/personas/${persona.id}/picture`, 'image/png', 2 * 1024 * 1024 + 1), 413);
    assert.equal((await call('lead.vastera', 'GET', `/api/v1/personas/${persona.id}`)).body.picture, null, 'nothing written by a refusal');
    const set = await put('lead.vastera', Buffer.concat([upload, Buffer.from('trailing secret')]), 'image/png');
    assert.equal(set.status, 200, await set.clone().text());
    const body = await set.json();
    assert.deepEqual(body.picture, { width: 40, height: 30, href: `/api/v1/personas/${persona.id}/picture` });
    const got = await fetch(`${server.url}${body.picture.href}`, { headers: { cookie: await cookie('lead.vastera') } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    const kept = Buffer.from(await got.arrayBuffer());
    assert.equal(kept.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(!kept.includes('59.3293N') && !kept.includes('tEXt') && !kept.includes('trailing secret'), 'only the pixels are kept');
    assert.equal(kept.readUInt32BE(16), 40);
    assert.equal(kept.readUInt32BE(20), 30);
    // Read as the persona is: the other site's lead never; the facilitator once it is shared
    // (the previous case shared it).
    assert.equal((await fetch(`${server.url}${body.picture.href}`, { headers: { cookie: await cookie('lead.fjordvik') } })).status, 403);
    assert.equal((await fetch(`${server.url}${body.picture.href}`, { headers: { cookie: await cookie('facilitator') } })).status, 200);
    // The print carries it inside the document.
    const workbooks = (await call('lead.vastera', 'GET', `/api/v1/teams/${team.id}/workbooks?limit=100`)).body.items;
    const linking = workbooks.filter((w) => w.guide_id === 'coproduction-guide-full').at(-1);
    const html = await (await fetch(`${server.url}/api/v1/workbooks/${linking.id}/print`, { headers: { cookie: await cookie('lead.vastera') } })).text();
    assert.ok(html.includes(`<img class="portrait" alt="Picture of Anna, 27" src="data:image/png;base64,${kept.toString('base64')}">`));
    assert.equal((await call('member.vastera', 'DELETE', `/api/v1/personas/${persona.id}/picture`)).status, 204);
    assert.equal((await call('member.vastera', 'DELETE', `/api/v1/personas/${persona.id}/picture`)).status, 404);
    assert.equal((await call('lead.vastera', 'GET', `/api/v1/personas/${persona.id}`)).body.picture, null);
  });
});
