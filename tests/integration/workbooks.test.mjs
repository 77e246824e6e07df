// Workbooks over real HTTP: revisions with ETags, a stale save and its merge, who may see what,
// and the short form seeding the full guide.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';
import { readZipEntry } from '../support/zip.mjs';

describe('workbooks', () => {
  let dir, server, url, as, team, otherTeam;
  before(async () => {
    dir = tempDir();
    const logins = writeDemo(dir.database());
    server = await startServer(dir.database());
    url = server.url;
    as = {};
    for (const name of ['lead.vastera', 'member.vastera', 'lead.fjordvik', 'patient.vastera', 'facilitator', 'siteadmin.vastera']) {
      const login = loginOf(logins, name);
      as[name] = await signIn(url, login.username, login.password);
    }
    const me = await (await fetch(`${url}/api/v1/users/me`, { headers: { cookie: as['lead.vastera'] } })).json();
    team = me.memberships[0].team_id;
    const other = await (await fetch(`${url}/api/v1/users/me`, { headers: { cookie: as['lead.fjordvik'] } })).json();
    otherTeam = other.memberships[0].team_id;
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  const call = (who, method, path, body, headers = {}) =>
    fetch(url + path, {
      method,
      headers: { cookie: as[who], ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });

  async function start(guide) {
    const response = await call('lead.vastera', 'POST', '/api/v1/workbooks', { team_id: team, guide_id: guide });
    assert.equal(response.status, 201);
    return response.json();
  }

  it('starts a workbook of the short form with six steps, all not started', async () => {
    const workbook = await start('coproduction-guide-short');
    assert.equal(workbook.team_id, team);
    assert.equal(workbook.guide_id, 'coproduction-guide-short');
    assert.equal(workbook.steps.length, 6);
    assert.ok(workbook.steps.every((s) => s.status === 'not_started'));
    assert.equal(workbook.answers.length, 6);
    const again = await start('coproduction-guide-short');
    assert.notEqual(again.id, workbook.id, 'POST always creates a new workbook');
  });

  it("shows a step's status from its answers until the team sets one", async () => {
    const passport = await start('improvement-passport');
    const statusOf = async (link) => {
      const w = await (await call('lead.vastera', 'GET', `/api/v1/workbooks/${passport.id}`)).json();
      return w.steps.find((s) => s.link_id === link).status;
    };
    const save = (key, text) => call('lead.vastera', 'PUT', `/api/v1/workbooks/${passport.id}/answers/${key}`, { text });
    assert.equal((await save('cycle.population', 'Young adults newly diagnosed')).status, 200);
    assert.equal(await statusOf('cycle.population'), 'done', 'its one question answered');
    assert.equal((await save('cycle.ratings.communication', '4')).status, 200);
    assert.equal(await statusOf('cycle.ratings'), 'in_progress', 'one of six ratings');
    assert.equal(await statusOf('cycle.aim'), 'not_started');
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/workbooks/${passport.id}/steps/cycle.ratings`, { status: 'done' })).status, 204);
    assert.equal(await statusOf('cycle.ratings'), 'done', "the team's status wins");
  });

  it('refuses an unknown guide, a team of another site and a question not in the guide', async () => {
    assert.equal((await call('lead.vastera', 'POST', '/api/v1/workbooks', { team_id: team, guide_id: 'nothing' })).status, 404);
    assert.equal((await call('lead.vastera', 'POST', '/api/v1/workbooks', { team_id: otherTeam, guide_id: 'coproduction-guide-short' })).status, 403);
    const workbook = await start('coproduction-guide-short');
    const bad = await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook.id}/answers/step-2.q1`, { text: 'x' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).field, 'linkId');
  });

  it('keeps every revision; a stale save gets 409 with the current text, and the merge makes three', async () => {
    const workbook = await start('coproduction-guide-short');
    const path = `/api/v1/workbooks/${workbook.id}/answers/short.population`;
    const first = await call('lead.vastera', 'PUT', path, { text: 'People with MS in our region.' });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('etag'), '"1"');

    // Saving over an existing answer without If-Match is refused.
    const blind = await call('member.vastera', 'PUT', path, { text: 'Overwrite' });
    assert.equal(blind.status, 428);

    // Both read revision 1; the lead saves first, the member's copy is stale.
    const lead = await call('lead.vastera', 'PUT', path, { text: 'About 900 adults with MS.' }, { 'if-match': '"1"' });
    assert.equal(lead.status, 200);
    assert.equal(lead.headers.get('etag'), '"2"');
    const stale = await call('member.vastera', 'PUT', path, { text: 'Mostly women under 50.' }, { 'if-match': '"1"' });
    assert.equal(stale.status, 409);
    const conflict = await stale.json();
    assert.equal(conflict.current_text, 'About 900 adults with MS.');
    assert.equal(conflict.current_etag, '"2"');
    assert.equal(conflict.current_author, 'lead.vastera');

    const merged = `${conflict.current_text}\n\nMostly women under 50.`;
    const saved = await call('member.vastera', 'PUT', path, { text: merged }, { 'if-match': conflict.current_etag });
    assert.equal(saved.status, 200);
    assert.equal(saved.headers.get('etag'), '"3"');

    const history = await (await call('lead.vastera', 'GET', `${path}/revisions`)).json();
    assert.deepEqual(history.items.map((r) => [r.number, r.author]), [[1, 'lead.vastera'], [2, 'lead.vastera'], [3, 'member.vastera']]);
    assert.equal(history.items[2].text, merged);
    assert.equal(history.next, null);

    const diff = await (await call('lead.vastera', 'GET', `${path}/diff?from=2&to=3`)).json();
    assert.deepEqual(diff.lines, [
      { op: 'same', text: 'About 900 adults with MS.' },
      { op: 'added', text: '' },
      { op: 'added', text: 'Mostly women under 50.' },
    ]);
    assert.equal((await call('lead.vastera', 'GET', `${path}/diff?from=2&to=9`)).status, 404);

    // Restoring revision 1 adds a fourth revision; nothing is lost.
    const restored = await call('lead.vastera', 'POST', `${path}/revisions/1/restore`, undefined, { 'if-match': '"3"' });
    assert.equal(restored.status, 200);
    const revision = await restored.json();
    assert.equal(revision.number, 4);
    assert.equal(revision.restored_from, 1);
    assert.equal(revision.text, 'People with MS in our region.');
  });

  it('lets only the team and the site admins read; facilitators see step statuses only until it is shared', async () => {
    const workbook = await start('coproduction-guide-short');
    await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook.id}/answers/short.chain`, { text: 'Scheduled infusions.' });
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook.id}/steps/short.chain`, { status: 'in_progress' })).status, 204);
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook.id}/position`, { step: 'short.chain' })).status, 204);

    assert.equal((await call('lead.fjordvik', 'GET', `/api/v1/workbooks/${workbook.id}`)).status, 403);
    assert.equal((await call('patient.vastera', 'GET', `/api/v1/workbooks/${workbook.id}`)).status, 403);
    assert.equal((await call('lead.fjordvik', 'PUT', `/api/v1/workbooks/${workbook.id}/answers/short.chain`, { text: 'x' })).status, 403);
    const admin = await (await call('siteadmin.vastera', 'GET', `/api/v1/workbooks/${workbook.id}`)).json();
    assert.equal(admin.answers.find((a) => a.link_id === 'short.chain').text, 'Scheduled infusions.');

    const progress = await (await call('facilitator', 'GET', `/api/v1/workbooks/${workbook.id}`)).json();
    assert.equal(progress.text_visible, false);
    assert.deepEqual(progress.answers, []);
    assert.equal(progress.steps.find((s) => s.link_id === 'short.chain').status, 'in_progress');
    assert.equal(progress.position, 'short.chain');
    assert.equal((await call('facilitator', 'GET', `/api/v1/workbooks/${workbook.id}/answers/short.chain/revisions`)).status, 403);

    assert.equal((await call('member.vastera', 'PUT', `/api/v1/workbooks/${workbook.id}/sharing`, { shared: true })).status, 403);
    assert.equal((await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook.id}/sharing`, { shared: true })).status, 204);
    const shared = await (await call('facilitator', 'GET', `/api/v1/workbooks/${workbook.id}`)).json();
    assert.equal(shared.text_visible, true);
    assert.equal(shared.answers.find((a) => a.link_id === 'short.chain').text, 'Scheduled infusions.');
  });

  it('starts the full guide from the team’s short-form answers', async () => {
    const short = await start('coproduction-guide-short');
    await call('lead.vastera', 'PUT', `/api/v1/workbooks/${short.id}/answers/short.population`, { text: 'Adults with MS, 900 of them.' });
    await call('lead.vastera', 'PUT', `/api/v1/workbooks/${short.id}/answers/short.leadership`, { text: 'A monthly mix review.' });
    const full = await start('coproduction-guide-full');
    assert.equal(full.steps.length, 9);
    const byLink = Object.fromEntries(full.answers.map((a) => [a.link_id, a]));
    assert.equal(byLink['step-2.q1'].starting_text, 'Adults with MS, 900 of them.');
    assert.equal(byLink['step-8.q1'].starting_text, 'A monthly mix review.');
    assert.equal(byLink['step-2.q1'].revisions, 0);
  });

  it('exports a workbook as Markdown, print HTML and a spreadsheet with every answer', async () => {
    const workbook = await start('coproduction-guide-short');
    const answers = {
      'short.population': 'Adults with MS & their families <about 900>.',
      'short.chain': 'Infusions every six weeks.',
      'short.shop': 'Symptom plans with the MS nurse.',
      'short.network': 'A peer group for newly diagnosed.',
      'short.access': 'The national MS registry.',
      'short.leadership': 'A monthly review of the mix.',
    };
    for (const [link, text] of Object.entries(answers)) {
      await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook.id}/answers/${link}`, { text });
    }
    await call('lead.vastera', 'PUT', `/api/v1/workbooks/${workbook.id}/answers/short.chain`, { text: 'Infusions every six weeks, nurse-led.' }, { 'if-match': '"1"' });
    answers['short.chain'] = 'Infusions every six weeks, nurse-led.';

    const md = await call('lead.vastera', 'GET', `/api/v1/workbooks/${workbook.id}/export.md`);
    assert.equal(md.status, 200);
    assert.match(md.headers.get('content-type'), /^text\/markdown/);
    assert.match(md.headers.get('content-disposition'), /attachment; filename="workbook-\d+\.md"/);
    const markdown = await md.text();
    for (const text of Object.values(answers)) assert.ok(markdown.includes(text), text);

    const print = await call('lead.vastera', 'GET', `/api/v1/workbooks/${workbook.id}/print?lang=sv`);
    assert.equal(print.status, 200);
    assert.match(print.headers.get('content-security-policy'), /default-src 'none'/);
    const html = await print.text();
    assert.match(html, /<html lang="sv">/);
    for (const text of Object.values(answers)) {
      const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      assert.ok(html.includes(escaped), escaped);
    }
    assert.equal((await call('lead.vastera', 'GET', `/api/v1/workbooks/${workbook.id}/print?lang=xx`)).status, 400);
    assert.equal((await call('facilitator', 'GET', `/api/v1/workbooks/${workbook.id}/print`)).status, 403);

    const blank = await (await call('member.vastera', 'GET', '/api/v1/guides/coproduction-guide-full/print')).text();
    assert.equal((blank.match(/class="blank"/g) ?? []).length, 29, 'one box per question of the full guide');

    const xlsx = await call('lead.vastera', 'GET', `/api/v1/workbooks/${workbook.id}/export.xlsx`);
    assert.equal(xlsx.status, 200);
    const strings = readZipEntry(Buffer.from(await xlsx.arrayBuffer()), 'xl/sharedStrings.xml');
    for (const text of Object.values(answers)) {
      const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      assert.ok(strings.includes(escaped), escaped);
    }
    const sheet = readZipEntry(Buffer.from(await (await call('lead.vastera', 'GET', `/api/v1/workbooks/${workbook.id}/export.xlsx`)).arrayBuffer()), 'xl/worksheets/sheet1.xml');
    assert.match(sheet, /<c r="E3"[^>]*><v>2<\/v><\/c>/, 'short.chain has two revisions');
  });

  it('keeps comments per answer', async () => {
    const workbook = await start('coproduction-guide-short');
    const path = `/api/v1/workbooks/${workbook.id}/answers/short.shop/comments`;
    assert.equal((await call('member.vastera', 'POST', path, { text: 'Ask the MS nurses too.' })).status, 201);
    const comments = await (await call('lead.vastera', 'GET', path)).json();
    assert.equal(comments.items[0].author, 'member.vastera');
  });

  it('names a workbook and archives it, keeping everything; only its team may', async () => {
    const workbook = await start('coproduction-guide-short');
    const label = (who, body) => call(who, 'PATCH', `/api/v1/workbooks/${workbook.id}`, body);
    const named = await label('member.vastera', { name: 'Spring 2027 cycle' });
    assert.equal(named.status, 200);
    const body = await named.json();
    assert.equal(body.name, 'Spring 2027 cycle');
    assert.equal(body.archived_ms, null);
    assert.ok(Array.isArray(body.steps) && body.steps.length === 6, 'the whole workbook comes back');

    const archived = await (await label('lead.vastera', { archived: true })).json();
    assert.equal(typeof archived.archived_ms, 'number');
    assert.equal(archived.name, 'Spring 2027 cycle', 'a name stays through archiving');
    // Archiving twice keeps the first date; the list shows both.
    assert.equal((await (await label('lead.vastera', { archived: true })).json()).archived_ms, archived.archived_ms);
    const listed = (await (await call('lead.vastera', 'GET', `/api/v1/teams/${team}/workbooks?limit=100`)).json()).items.find((w) => w.id === workbook.id);
    assert.deepEqual([listed.name, listed.archived_ms], ['Spring 2027 cycle', archived.archived_ms]);
    const back = await (await label('lead.vastera', { archived: false, name: '' })).json();
    assert.deepEqual([back.name, back.archived_ms], ['', null]);

    // Refused, and named: another team's lead, a facilitator, a patient; a bad name or member.
    for (const who of ['lead.fjordvik', 'facilitator', 'patient.vastera']) {
      assert.equal((await label(who, { name: 'Mine now' })).status, 403, who);
    }
    for (const [bad, field] of [[{ name: 'x'.repeat(201) }, '/name'], [{ name: 'tab\there' }, '/name'], [{ archived: 'yes' }, '/archived'], [{ colour: 'red' }, '/colour']]) {
      const refused = await label('lead.vastera', bad);
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.equal((await refused.json()).field, field, JSON.stringify(bad));
    }
    // An unknown workbook is answered as a read of it is.
    assert.equal((await call('lead.vastera', 'PATCH', '/api/v1/workbooks/999999', { name: 'x' })).status, (await call('lead.vastera', 'GET', '/api/v1/workbooks/999999')).status);
  });
});
