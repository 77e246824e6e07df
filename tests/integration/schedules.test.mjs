// Questionnaire schedules over HTTP: a site's admin assigns PHQ-9 and GAD-7 to a population, the
// patient sees what is due with the due day, a professional plans visits and sees who is overdue,
// the counts per population, the iCalendar feed at its secret address, and every bad input named.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { demoCallers, loginOf, run, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

const DAY = 86_400_000;
const startOfDay = (ms) => Math.floor(ms / DAY) * DAY;
// An iCalendar's lines unfolded (RFC 5545 §3.1: a long line goes on after CRLF and a space).
const unfold = (text) => text.replace(/\r\n[ \t]/g, '');

describe('questionnaire schedules', () => {
  let dir, server, logins, call, population, patientId, siteId;

  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'));
    ({ call } = demoCallers(server, logins));
    siteId = loginOf(logins, 'professional.vastera').site_id;
    const populations = await call('siteadmin.vastera', 'GET', '/api/v1/populations');
    population = populations.body.items.find((p) => p.site_id === siteId).id;
    const me = await call('patient.vastera', 'GET', '/api/v1/patients?limit=1');
    patientId = me.body.items[0].id;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('imports a visits file whole or not at all, naming every refused line', async () => {
    const upload = async (who, text) => fetch(`${server.url}/api/v1/sites/${siteId}/visit-files`, {
      method: 'POST', headers: { cookie: await demoCallers(server, logins).cookie(who), 'content-type': 'text/csv', origin: server.url }, body: text,
    });
    const bad = 'identifier,at,note\nDEMO-patient.vastera,2027-01-10T09:00:00+01:00,Follow-up\nNO-SUCH,2027-01-11T09:00:00Z,\nDEMO-patient.vastera,next tuesday,\n';
    const refused = await upload('professional.vastera', bad);
    assert.equal(refused.status, 400);
    const problem = await refused.json();
    assert.equal(problem.field, 'line 3');
    assert.match(problem.detail, /line 3 \(identifier\): is no patient of the site; line 4 \(at\)/);
    assert.deepEqual((await call('professional.vastera', 'GET', `/api/v1/patients/${patientId}/visits`)).body.items, [], 'nothing of it');
    assert.equal((await upload('lead.fjordvik', bad)).status, 403);
    assert.equal((await upload('professional.vastera', 'who,when\nx,y\n')).status, 400);
    const good = await upload('professional.vastera', 'identifier,at,note\nDEMO-patient.vastera,2027-01-10T09:00:00+01:00,"Follow-up, room 2"\n');
    assert.equal(good.status, 200);
    assert.deepEqual(await good.json(), { visits: 1 });
    const visits = (await call('patient.vastera', 'GET', `/api/v1/patients/${patientId}/visits`)).body.items;
    assert.deepEqual(visits.map((v) => [v.at_ms, v.note]), [[Date.parse('2027-01-10T08:00:00Z'), 'Follow-up, room 2']]);
    // The command line takes the same file.
    const file = dir.file('visits.csv');
    (await import('node:fs')).writeFileSync(file, 'identifier,at\nDEMO-patient.vastera,2027-02-01T10:00:00Z\n');
    await server.stop();
    const cli = run(['import', 'visits', '--db', dir.file('covalue.db'), '--site', String(siteId), file]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /planned 1 visits/);
    server = await startServer(dir.file('covalue.db'));
    ({ call } = demoCallers(server, logins));
    const all = (await call('patient.vastera', 'GET', `/api/v1/patients/${patientId}/visits`)).body.items;
    assert.equal(all.length, 2);
    for (const v of all) assert.equal((await call('professional.vastera', 'DELETE', `/api/v1/visits/${v.id}`)).status, 204);
  });

  it('refuses a schedule that is not whole, naming the field', async () => {
    const base = { population_id: population, questionnaire_id: 'phq-9', kind: 'every', every: 1, unit: 'months' };
    for (const [change, field] of [
      [{ every: 0 }, '/every'],
      [{ kind: 'weekly' }, '/kind'],
      [{ unit: 'years' }, '/unit'],
      [{ window_days: 400 }, '/window_days'],
      [{ until: '2027-02-30' }, '/until'],
      [{ questionnaire_id: 'no-such' }, '/questionnaire_id'],
      [{ colour: 'red' }, '/colour'],
    ]) {
      const refused = await call('siteadmin.vastera', 'POST', '/api/v1/schedules', { ...base, ...change });
      assert.equal(refused.status, 400, JSON.stringify(change));
      assert.equal(refused.body.field, field, JSON.stringify(refused.body));
    }
    const byProfessional = await call('professional.vastera', 'POST', '/api/v1/schedules', base);
    assert.equal(byProfessional.status, 403);
    const elsewhere = await call('lead.fjordvik', 'GET', `/api/v1/schedules?site_id=${siteId}`);
    assert.equal(elsewhere.status, 403);
  });

  it('shows the patient what is due, with the due day', async () => {
    const monthly = await call('siteadmin.vastera', 'POST', '/api/v1/schedules',
      { population_id: population, questionnaire_id: 'phq-9', kind: 'every', every: 3, unit: 'months', window_days: 14 });
    assert.equal(monthly.status, 201, JSON.stringify(monthly.body));
    assert.equal(monthly.body.site_id, siteId);
    const listed = await call('professional.vastera', 'GET', `/api/v1/schedules?site_id=${siteId}`);
    assert.deepEqual(listed.body.items.map((s) => s.questionnaire_id), ['phq-9']);

    const due = await call('patient.vastera', 'GET', `/api/v1/patients/${patientId}/due`);
    assert.equal(due.status, 200);
    const phq9 = due.body.items.find((d) => d.questionnaire_id === 'phq-9');
    assert.ok(phq9, JSON.stringify(due.body));
    assert.match(phq9.title, /PHQ-9/);
    // Enrolled when the demo was written: the first occasion opened that day, due 14 days on.
    assert.equal(phq9.state, 'due');
    assert.equal(phq9.due_ms - phq9.opens_ms, 15 * DAY - 1);
    assert.ok(phq9.opens_ms <= Date.now() && Date.now() <= phq9.due_ms);
    const stranger = await call('lead.fjordvik', 'GET', `/api/v1/patients/${patientId}/due`);
    assert.equal(stranger.status, 403);

    // Paused, it asks nothing.
    const paused = await call('siteadmin.vastera', 'PUT', `/api/v1/schedules/${monthly.body.id}`,
      { kind: 'every', every: 3, unit: 'months', window_days: 14, active: false });
    assert.equal(paused.status, 200);
    assert.equal(paused.body.active, false);
    const none = await call('patient.vastera', 'GET', `/api/v1/patients/${patientId}/due`);
    assert.equal(none.body.items.find((d) => d.questionnaire_id === 'phq-9'), undefined);
    await call('siteadmin.vastera', 'PUT', `/api/v1/schedules/${monthly.body.id}`,
      { kind: 'every', every: 3, unit: 'months', window_days: 14 });
  });

  it('opens a window before each planned visit, and a missed one is on the worklist', async () => {
    const beforeVisits = await call('siteadmin.vastera', 'POST', '/api/v1/schedules',
      { population_id: population, questionnaire_id: 'gad-7', kind: 'before_visits', window_days: 7 });
    assert.equal(beforeVisits.status, 201);
    for (const [body, field] of [[{ at: 'tomorrow' }, '/at'], [{ at: '2026-03-02' }, '/at']]) {
      const refused = await call('professional.vastera', 'POST', `/api/v1/patients/${patientId}/visits`, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.field, field);
    }
    // A visit three days ago that nobody prepared for: GAD-7 is overdue.
    const past = new Date(startOfDay(Date.now()) - 3 * DAY + 9 * 3600_000).toISOString();
    const visit = await call('professional.vastera', 'POST', `/api/v1/patients/${patientId}/visits`, { at: past, note: 'Neurology, room 4' });
    assert.equal(visit.status, 201, JSON.stringify(visit.body));
    const overdue = await call('professional.vastera', 'GET', `/api/v1/schedules/overdue?site_id=${siteId}`);
    assert.equal(overdue.status, 200);
    const line = overdue.body.items.find((o) => o.patient_id === patientId);
    assert.equal(line.questionnaire_id, 'gad-7');
    assert.equal(line.state, 'overdue');
    assert.equal(line.visit_id, visit.body.id);
    assert.equal(line.identifier, 'DEMO-patient.vastera');
    const counts = await call('professional.vastera', 'GET', `/api/v1/schedules/counts?site_id=${siteId}`);
    const mine = counts.body.items.find((c) => c.population_id === population);
    assert.ok(mine.overdue >= 1 && mine.patients >= mine.overdue + mine.due + mine.completed, JSON.stringify(mine));
    assert.equal((await call('lead.fjordvik', 'GET', `/api/v1/schedules/overdue?site_id=${siteId}`)).status, 403);
    // Counts of a site's people are the site's: no community-wide role reads them.
    for (const who of ['admin', 'facilitator']) {
      assert.equal((await call(who, 'GET', `/api/v1/schedules/counts?site_id=${siteId}`)).status, 403, who);
    }
    // The professional's feed names the patient by the site's identifier.
    const professionalFeed = await call('professional.vastera', 'POST', '/api/v1/calendar-feed');
    const professional = unfold(await (await fetch(server.url + professionalFeed.body.path)).text());
    assert.match(professional, /SUMMARY:DEMO-patient.vastera: Neurology\\, room 4/);
    assert.match(professional, /SUMMARY:DEMO-patient.vastera overdue: [^\r]*GAD-7/);

    // The next visit, in five days: GAD-7 is due now (its window of 7 days is open).
    const next = new Date(startOfDay(Date.now()) + 5 * DAY + 14 * 3600_000).toISOString();
    const upcoming = await call('professional.vastera', 'POST', `/api/v1/patients/${patientId}/visits`, { at: next });
    const due = await call('patient.vastera', 'GET', `/api/v1/patients/${patientId}/due`);
    const gad7 = due.body.items.find((d) => d.questionnaire_id === 'gad-7');
    assert.equal(gad7.state, 'due');
    assert.equal(gad7.visit_id, upcoming.body.id);
    const visits = await call('patient.vastera', 'GET', `/api/v1/patients/${patientId}/visits`);
    assert.deepEqual(visits.body.items.map((v) => v.id), [visit.body.id, upcoming.body.id]);

    // The patient subscribes: the feed needs no session, and a new address stops the old one.
    const feed = await call('patient.vastera', 'POST', '/api/v1/calendar-feed');
    assert.equal(feed.status, 201);
    const calendar = await fetch(server.url + feed.body.path);
    assert.equal(calendar.status, 200);
    assert.match(calendar.headers.get('content-type'), /^text\/calendar/);
    const text = unfold(await calendar.text());
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(text, /SUMMARY:[^\r]*GAD-7\) due\r\n/);
    assert.match(text, /SUMMARY:Neurology\\, room 4\r\n/);
    const again = await call('patient.vastera', 'POST', '/api/v1/calendar-feed');
    assert.equal((await fetch(server.url + feed.body.path)).status, 404);
    assert.equal((await fetch(server.url + again.body.path)).status, 200);
    assert.equal((await fetch(`${server.url}/calendar/guess.ics`)).status, 404);

    // Cancelled, the visit asks nothing.
    assert.equal((await call('professional.vastera', 'DELETE', `/api/v1/visits/${visit.body.id}`)).status, 204);
    assert.equal((await call('professional.vastera', 'DELETE', `/api/v1/visits/${visit.body.id}`)).status, 404);
    const after = await call('professional.vastera', 'GET', `/api/v1/schedules/overdue?site_id=${siteId}`);
    assert.equal(after.body.items.find((o) => o.patient_id === patientId && o.questionnaire_id === 'gad-7'), undefined);
  });
});
