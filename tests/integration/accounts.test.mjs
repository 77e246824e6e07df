// Accounts and roles as an attacker tries them over real HTTP: nobody gains access they were not
// given (issue: a site admin's escalation to the community admin, a team lead making a
// researcher site staff, tokens that outlived a password change, probing for ids and usernames).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { demoCallers, loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

describe('accounts and roles', () => {
  let dir, server, logins, url, callers, cookies;
  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.database(), 1, ['--patients', '24']);
    server = await startServer(dir.database());
    url = server.url;
    callers = demoCallers(server, logins);
    cookies = callers.cookies;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  const as = (username) => callers.cookie(username);
  const call = (...args) => callers.call(...args);
  const me = async (username) => (await call(username, 'GET', '/api/v1/users/me')).body;
  const audited = async (predicate) => {
    const records = [];
    let cursor = '';
    for (;;) {
      const page = await call('admin', 'GET', `/api/v1/audit?limit=500${cursor}`);
      records.push(...page.body.items);
      if (page.body.next === null) return records.filter(predicate);
      cursor = `&cursor=${page.body.next}`;
    }
  };

  it('refuses the escalation chain: a site admin cannot take over the community admin', async () => {
    const vastera = loginOf(logins, 'siteadmin.vastera').site_id;
    const team = (await me('lead.vastera')).memberships.find((m) => m.team_id).team_id;
    const admin = await me('admin');

    // Step 1: add the community admin to a team of the site.
    const added = await call('siteadmin.vastera', 'POST', `/api/v1/teams/${team}/members`,
      { user_id: admin.id, role: 'team_member' }, { 'x-request-id': 'it-escalate-1' });
    assert.equal(added.status, 403);
    assert.equal(added.body.status, 403);
    // Step 2: reset its password.
    const reset = await call('siteadmin.vastera', 'PATCH', `/api/v1/users/${admin.id}`,
      { password: 'taken over by a site admin' }, { 'x-request-id': 'it-escalate-2' });
    assert.equal(reset.status, 403);
    // Step 3: the password did not change.
    const signin = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'taken over by a site admin' }),
    });
    assert.equal(signin.status, 401);
    // Nor can the site admin give themself a community-wide role, or a role at another site.
    const self = await me('siteadmin.vastera');
    assert.equal((await call('siteadmin.vastera', 'POST', `/api/v1/users/${self.id}/memberships`,
      { role: 'admin' })).status, 403);
    assert.equal((await call('siteadmin.vastera', 'POST', `/api/v1/users/${self.id}/memberships`,
      { role: 'professional', site_id: vastera + 1 })).status, 403);
    // Both refusals of the chain are in the audit trail.
    const denied = await audited((r) => r.outcome === 'denied' && r.request_id.startsWith('it-escalate-'));
    assert.deepEqual(denied.map((r) => r.action).sort(), ['membership.grant', 'user.update']);
    assert.ok(denied.every((r) => r.client_address === '127.0.0.1'), 'the audit trail names the client');
  });

  it('lets a team lead add only the site’s own staff to their team, with team roles', async () => {
    const lead = await me('lead.vastera');
    const team = lead.memberships.find((m) => m.team_id).team_id;
    const researcher = await me('researcher');
    const facilitator = await me('facilitator');
    const patient = await me('patient.vastera');
    const professional = await me('professional.vastera');
    const fjordvik = await me('member.fjordvik');
    for (const [who, role] of [[researcher, 'team_member'], [facilitator, 'team_lead'], [patient, 'team_member'], [fjordvik, 'team_member']]) {
      const refused = await call('lead.vastera', 'POST', `/api/v1/teams/${team}/members`, { user_id: who.id, role });
      assert.equal(refused.status, 403, `${who.username} refused`);
    }
    // The researcher stays outside: the site's measure chart is still suppressed for them.
    const sitesView = await call('researcher', 'GET', `/api/v1/measures/phq9-mean/chart?site_id=${professional.memberships[0].site_id}`);
    assert.equal(sitesView.status, 200);
    assert.equal(sitesView.body.min_cell, 5);
    // A professional of the site may join.
    const added = await call('lead.vastera', 'POST', `/api/v1/teams/${team}/members`, { user_id: professional.id, role: 'team_member' });
    assert.equal(added.status, 201);
    assert.ok(added.body.members.some((m) => m.user_id === professional.id));
    // But a lead grants no site role, not even to their own team's members.
    assert.equal((await call('lead.vastera', 'POST', `/api/v1/users/${professional.id}/memberships`,
      { role: 'admin', site_id: professional.memberships[0].site_id })).status, 403);
    assert.equal((await call('lead.vastera', 'DELETE', `/api/v1/teams/${team}/members/${professional.id}`)).status, 200);
  });

  it('shows the site’s admins what the community admin granted there, and lets them revoke it', async () => {
    const vastera = loginOf(logins, 'siteadmin.vastera').site_id;
    const created = await call('admin', 'POST', '/api/v1/users', {
      username: 'quiet.reader', display_name: 'Quiet Reader', password: 'a long enough password',
      memberships: [{ role: 'professional', site_id: vastera }],
    });
    assert.equal(created.status, 201);
    const reader = await signIn(url, 'quiet.reader', 'a long enough password');
    assert.equal((await fetch(`${url}/api/v1/patients`, { headers: { cookie: reader } })).status, 200);

    const access = await call('siteadmin.vastera', 'GET', `/api/v1/sites/${vastera}/access`);
    assert.equal(access.status, 200);
    const grant = access.body.items.find((g) => g.username === 'quiet.reader');
    assert.equal(grant.role, 'professional');
    assert.equal(grant.granted_by_username, 'admin');
    assert.equal(grant.from_outside, true);
    assert.equal(grant.revocable, true);
    assert.ok(Math.abs(grant.granted_ms - Date.now()) < 60_000);
    assert.ok(access.body.items.every((g) => g.role !== 'patient'), 'patients are not listed');
    assert.ok(access.body.items.some((g) => g.username === 'facilitator' && g.community_wide && !g.revocable));
    // The grant is in the site's own audit trail.
    const trail = await call('siteadmin.vastera', 'GET', '/api/v1/audit?limit=500');
    assert.ok(trail.body.items.some((r) => r.action === 'membership.grant' && r.site_id === vastera && r.person_id === created.body.id));
    // Another site's admin sees none of it.
    assert.equal((await call('siteadmin.vastera', 'GET', `/api/v1/sites/${vastera + 1}/access`)).status, 403);

    const revoked = await call('siteadmin.vastera', 'DELETE', `/api/v1/memberships/${grant.id}`);
    assert.equal(revoked.status, 204);
    assert.equal((await fetch(`${url}/api/v1/patients`, { headers: { cookie: reader } })).status, 403);
  });

  it('ends sessions and bearer tokens with a password change, which needs the current password', async () => {
    const vastera = loginOf(logins, 'siteadmin.vastera').site_id;
    await call('siteadmin.vastera', 'POST', '/api/v1/users', {
      username: 'nurse.nora', display_name: 'Nora Nurse', password: 'first password here',
      memberships: [{ role: 'professional', site_id: vastera }],
    });
    const cookie = await signIn(url, 'nurse.nora', 'first password here');
    const nora = await (await fetch(`${url}/api/v1/users/me`, { headers: { cookie } })).json();
    const token = await (await fetch(`${url}/api/v1/auth/tokens`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'script' }),
    })).json();
    const bearer = { authorization: `Bearer ${token.token}` };
    assert.equal((await fetch(`${url}/api/v1/users/me`, { headers: bearer })).status, 200);

    const patch = (body, headers) => fetch(`${url}/api/v1/users/${nora.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
    });
    const missing = await patch({ password: 'second password here' }, bearer);
    assert.equal(missing.status, 400);
    assert.equal((await missing.json()).field, '/current_password');
    const wrong = await patch({ password: 'second password here', current_password: 'not it at all' }, bearer);
    assert.equal(wrong.status, 403);
    const changed = await patch({ password: 'second password here', current_password: 'first password here' }, bearer);
    assert.equal(changed.status, 200);
    assert.equal((await fetch(`${url}/api/v1/users/me`, { headers: bearer })).status, 401, 'the token is revoked');
    assert.equal((await fetch(`${url}/api/v1/users/me`, { headers: { cookie } })).status, 401, 'the session is over');

    // A reset by the site's admin ends the new session and tokens too.
    const again = await signIn(url, 'nurse.nora', 'second password here');
    const reset = await call('siteadmin.vastera', 'PATCH', `/api/v1/users/${nora.id}`, { password: 'reset by the admin' });
    assert.equal(reset.status, 200);
    assert.equal((await fetch(`${url}/api/v1/users/me`, { headers: { cookie: again } })).status, 401);
    // A deactivated account no longer signs in; reactivated, it does.
    assert.equal((await call('siteadmin.vastera', 'PATCH', `/api/v1/users/${nora.id}`, { active: false })).body.active, false);
    const refused = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nurse.nora', password: 'reset by the admin' }),
    });
    assert.equal(refused.status, 401);
    assert.equal((await call('siteadmin.vastera', 'PATCH', `/api/v1/users/${nora.id}`, { active: true })).status, 200);
    await signIn(url, 'nurse.nora', 'reset by the admin');
    // One cannot deactivate oneself.
    const selfOff = await call('siteadmin.vastera', 'PATCH', `/api/v1/users/${(await me('siteadmin.vastera')).id}`, { active: false });
    assert.equal(selfOff.status, 400);
    assert.equal(selfOff.body.field, '/active');
  });

  it('never tells facilitators, researchers or other sites’ staff who is a patient where', async () => {
    const vastera = loginOf(logins, 'siteadmin.vastera').site_id;
    const fjordvik = loginOf(logins, 'patient.fjordvik').site_id;
    // A fjordvik admin, and a person who works at fjordvik and is a patient at västerå.
    await call('admin', 'POST', '/api/v1/users', {
      username: 'siteadmin.fjordvik', display_name: 'Fjordvik Admin', password: 'fjordvik admin password',
      memberships: [{ role: 'admin', site_id: fjordvik }],
    });
    cookies['siteadmin.fjordvik'] = await signIn(url, 'siteadmin.fjordvik', 'fjordvik admin password');
    const both = await call('admin', 'POST', '/api/v1/users', {
      username: 'works.here.treated.there', display_name: 'Two Hats', password: 'two hats password',
      memberships: [{ role: 'professional', site_id: fjordvik }, { role: 'patient', site_id: vastera }],
    });
    assert.equal(both.status, 201);
    const seenByFjordvik = await call('siteadmin.fjordvik', 'GET', `/api/v1/users/${both.body.id}`);
    assert.equal(seenByFjordvik.status, 200);
    assert.deepEqual(seenByFjordvik.body.memberships.map((m) => m.role), ['professional']);
    const listed = await call('siteadmin.fjordvik', 'GET', '/api/v1/users?limit=500');
    for (const user of listed.body.items) {
      for (const m of user.memberships) {
        assert.ok(m.role !== 'patient' || m.site_id === fjordvik, `${user.username}: a patient at ${m.site_id}`);
      }
    }
    const seenByVastera = await call('siteadmin.vastera', 'GET', `/api/v1/users/${both.body.id}`);
    assert.ok(seenByVastera.body.memberships.some((m) => m.role === 'patient'), 'the patient’s own site knows');
    const patient = await me('patient.vastera');
    for (const who of ['facilitator', 'researcher', 'siteadmin.fjordvik', 'lead.vastera', 'professional.vastera']) {
      assert.equal((await call(who, 'GET', `/api/v1/users/${patient.id}`)).status, 403, who);
    }
    for (const who of ['facilitator', 'researcher', 'lead.vastera', 'professional.vastera']) {
      assert.equal((await call(who, 'GET', '/api/v1/users')).status, 403, who);
    }
  });

  it('refuses probing for patients and usernames alike, whether they exist or not', async () => {
    const fjordvikPatient = (await call('patient.fjordvik', 'GET', '/api/v1/patients')).body.items[0];
    const existing = await call('professional.vastera', 'GET', `/api/v1/patients/${fjordvikPatient.id}/dashboard`);
    const missing = await call('professional.vastera', 'GET', '/api/v1/patients/987654/dashboard');
    assert.equal(existing.status, 403);
    assert.equal(missing.status, 403);
    assert.equal(existing.body.detail.replace(/\d+/g, 'N'), missing.body.detail.replace(/\d+/g, 'N'));
    const fhir = async (path) => {
      const response = await fetch(url + path, { headers: { cookie: await as('professional.vastera') } });
      return { status: response.status, body: await response.json() };
    };
    const fhirExisting = await fhir(`/fhir/r4/Patient/${fjordvikPatient.id}`);
    const fhirMissing = await fhir('/fhir/r4/Patient/987654');
    assert.equal(fhirExisting.status, 403);
    assert.equal(fhirMissing.status, 403);
    assert.equal(fhirMissing.body.resourceType, 'OperationOutcome');
    const observation = await fhir('/fhir/r4/Observation/987654321');
    assert.equal(observation.status, 403);

    // Linking a new patient to an account names a username: refused alike for a real one and
    // for none.
    const population = (await call('professional.vastera', 'GET', `/api/v1/populations?site_id=${loginOf(logins, 'professional.vastera').site_id}`)).body.items[0].id;
    const createWith = async (username) => {
      const response = await fetch(`${url}/fhir/r4/Patient`, {
        method: 'POST',
        headers: { cookie: await as('professional.vastera'), 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Patient', identifier: [{ value: `PROBE-${username}` }], gender: 'female', birthDate: '1980-01-01',
          extension: [
            { url: 'urn:covalue:fhir:extension:population', valueString: String(population) },
            { url: 'urn:covalue:fhir:extension:account', valueString: username },
          ],
        }),
      });
      return { status: response.status, body: await response.json() };
    };
    const real = await createWith('admin');
    const none = await createWith('no-such-person');
    assert.equal(real.status, 403);
    assert.equal(none.status, 403);
    const shape = (text, name) => text.replace(name, 'X').replace(/request id \w+/, 'request id R');
    assert.equal(shape(real.body.issue[0].diagnostics, 'admin'), shape(none.body.issue[0].diagnostics, 'no-such-person'));
  });

  it('filters the audit trail newest first, refuses a bad filter by name, and exports it as CSV', async () => {
    const professional = await me('professional.vastera');
    await call('professional.vastera', 'GET', '/api/v1/patients', undefined, { 'x-request-id': 'audit-filter-1' });
    await call('professional.vastera', 'GET', '/api/v1/patients', undefined, { 'x-request-id': 'audit-filter-2' });
    const mine = await call('admin', 'GET', `/api/v1/audit?user_id=${professional.id}&action=patient.list`);
    assert.equal(mine.status, 200);
    assert.ok(mine.body.items.length >= 2);
    assert.ok(mine.body.items.every((r) => r.user_id === professional.id && r.action === 'patient.list'));
    assert.deepEqual(mine.body.items.slice(0, 2).map((r) => r.request_id), ['audit-filter-2', 'audit-filter-1']);
    const oldest = await call('admin', 'GET', `/api/v1/audit?user_id=${professional.id}&action=patient.list&order=oldest`);
    assert.deepEqual(oldest.body.items.map((r) => r.seq), mine.body.items.map((r) => r.seq).reverse());
    // A bulk read names every person it returned: a filter by one of them finds it.
    const person = mine.body.items[0].person_ids[0];
    const about = await call('admin', 'GET', `/api/v1/audit?person_id=${person}&action=patient.list`);
    assert.ok(about.body.items.some((r) => r.request_id === 'audit-filter-2'));
    // Days: today holds them, a day long ago nothing.
    const today = new Date().toISOString().slice(0, 10);
    assert.ok((await call('admin', 'GET', `/api/v1/audit?user_id=${professional.id}&from=${today}&to=${today}`)).body.items.length >= 2);
    assert.equal((await call('admin', 'GET', `/api/v1/audit?user_id=${professional.id}&to=2001-01-01`)).body.items.length, 0);

    for (const [query, field] of [['order=sideways', 'order'], ['from=2026-13-01', 'from'], ['to=yesterday', 'to'], ['user_id=abc', 'user_id'], ['person_id=-3', 'person_id'], ['from=2026-02-02&to=2026-02-01', 'from'], [`action=${'a'.repeat(65)}`, 'action']]) {
      const refused = await call('admin', 'GET', `/api/v1/audit?${query}`);
      assert.equal(refused.status, 400, query);
      assert.equal(refused.body.field, field, query);
      assert.equal((await call('admin', 'GET', `/api/v1/audit/export?${query}`)).status, 400, query);
    }
    // Nobody but admins reads it, as a page or a file.
    assert.equal((await call('professional.vastera', 'GET', '/api/v1/audit/export')).status, 403);

    const csv = await fetch(`${url}/api/v1/audit/export?user_id=${professional.id}&action=patient.list`, { headers: { cookie: await as('admin') } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition'), /attachment; filename="audit-trail.csv"/);
    const lines = (await csv.text()).trim().split('\r\n');
    assert.deepEqual(lines[0].split(','), ['seq', 'time', 'user_id', 'username', 'role', 'action', 'resource_type', 'resource_id', 'person_id', 'person_ids', 'site_id', 'outcome', 'client_address', 'request_id', 'hash']);
    assert.deepEqual(lines.slice(1).map((line) => Number(line.split(',')[0])), mine.body.items.map((r) => r.seq));
    const first = lines[1].split(',');
    assert.equal(first[3], 'professional.vastera');
    assert.match(first[1], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.equal(new Date(first[1]).getTime(), mine.body.items[0].time_ms);
    assert.equal(first[9], mine.body.items[0].person_ids.join(' '));
  });
});
