// A new participant of a concept map on a phone: opens the personal invitation link, consents,
// sorts 20 statements into piles by touch and by keyboard only, leaves and resumes on another
// device, then rates them one at a time; the researcher then sees the map and the go-zone. A
// Delphi panelist rates round 1 and sees their feedback in round 2; the researcher turns the
// consensus items into the core set's draft measures, which the community's admin adopts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loginOf, signIn } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB' };
const THEMES = ['Talking', 'Deciding', 'Waiting', 'Knowing'];
const STATEMENTS = Array.from({ length: 20 }, (_, i) => `${THEMES[i % 4]} statement ${i + 1}`);

// The participant's workspace as the server keeps it, read again (up to 5 s) until done(it):
// the page's last save may still be on its way when its status is read.
async function workspaceOnceSaved(server, secret, done) {
  let workspace;
  for (let attempt = 0; attempt < 50; attempt++) {
    workspace = await (await fetch(`${server.url}/api/v1/invitation`, { headers: { 'x-invitation': secret } })).json();
    if (done(workspace)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return workspace;
}

// The researcher's API calls, signed in once: (method, path, body, headers) → JSON or null.
async function researcherCaller(server, logins) {
  const cookie = await signIn(server.url, 'researcher', loginOf(logins, 'researcher').password);
  return async (method, path, body, headers = {}) => {
    const response = await fetch(server.url + path, { method, headers: { cookie, 'content-type': 'application/json', origin: server.url, ...headers }, body: body && JSON.stringify(body) });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.status === 204 ? null : response.json();
  };
}

describe('a participant sorts and rates on a phone', () => {
  let server, browser, logins, study, secret, call;
  useShell(async (shell) => {
    ({ server, browser, logins } = shell);
    call = await researcherCaller(server, logins);
    study = await call('POST', '/api/v1/studies', { kind: 'concept_map', title: 'Value of coproduction', focus_prompt: 'One way coproduction creates value for people and professionals is…', groups: ['patient', 'professional'] });
    for (const text of STATEMENTS) await call('POST', `/api/v1/studies/${study.id}/statements`, { text });
    secret = (await call('POST', `/api/v1/studies/${study.id}/invitations`, { group: 'patient' })).secret;
    // Two other participants, sorted through the API, so the map has more than one sort.
    const ids = (await call('GET', `/api/v1/studies/${study.id}/statements`)).items.map((s) => s.id);
    const others = [];
    for (const group of ['patient', 'professional']) others.push((await call('POST', `/api/v1/studies/${study.id}/invitations`, { group })).secret);
    await call('POST', `/api/v1/studies/${study.id}/stage`, { stage: 'sorting' });
    for (const other of others) {
      await call('POST', '/api/v1/invitation/consent', undefined, { 'x-invitation': other });
      await call('PUT', '/api/v1/invitation/sort', { cards: ids.map((statement_id, i) => ({ statement_id, pile: THEMES[i % 4] })) }, { 'x-invitation': other });
    }
  });

  it('takes a new participant from the link to their ratings', async () => {
    const context = await browser.newContext(PHONE);
    const phone = await context.newPage();
    await phone.goto(`${server.url}/join#${secret}`);
    await phone.getByRole('heading', { name: 'Taking part in Value of coproduction' }).waitFor();
    await phone.getByText('P-01').waitFor();
    await assertAccessible(phone, 'the consent on a phone');
    await phone.getByRole('button', { name: 'I agree to take part' }).tap();
    await phone.getByRole('heading', { name: 'Sort the statements into piles' }).waitFor();
    await assertAccessible(phone, 'sorting on a phone');

    for (const pile of THEMES) {
      await phone.getByLabel('Name of a new pile').fill(pile);
      await phone.getByRole('button', { name: 'Add pile' }).tap();
      await phone.getByRole('region', { name: pile }).waitFor();
    }
    // By touch: the first eight cards dragged by their handles onto their piles.
    const cdp = await context.newCDPSession(phone);
    const centre = async (locator) => {
      const box = await locator.boundingBox();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    for (let i = 0; i < 8; i++) {
      const card = phone.locator('.pile.unsorted .sort-card').filter({ has: phone.getByText(STATEMENTS[i], { exact: true }) });
      await card.scrollIntoViewIfNeeded();
      const from = await centre(card.locator('.drag-handle'));
      const target = phone.getByRole('region', { name: THEMES[i % 4] });
      const to = await centre(phone.locator(`.pile-bar [data-pile="${THEMES[i % 4]}"]`));
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
      for (let step = 1; step <= 5; step++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + ((to.x - from.x) * step) / 5, y: from.y + ((to.y - from.y) * step) / 5 }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await target.getByText(STATEMENTS[i], { exact: true }).waitFor();
    }
    // By keyboard only: each remaining card's pile chosen in its list, typing the pile's name.
    for (let i = 8; i < 20; i++) {
      const choose = phone.getByRole('combobox', { name: `Pile for “${STATEMENTS[i]}”` });
      await choose.focus();
      await phone.keyboard.type(THEMES[i % 4]);
      await phone.getByRole('region', { name: THEMES[i % 4] }).getByText(STATEMENTS[i], { exact: true }).waitFor();
      if (i === 13) {
        // Leave half-way and resume on another device with the same link.
        await phone.getByRole('status').getByText('Saved.').waitFor();
        const other = await (await browser.newContext(PHONE)).newPage();
        await other.goto(`${server.url}/join#${secret}`);
        for (let j = 0; j <= 13; j++) await other.getByRole('region', { name: THEMES[j % 4] }).getByText(STATEMENTS[j], { exact: true }).waitFor();
        assert.equal(await other.locator('.pile.unsorted .sort-card').count(), 6);
        await other.context().close();
      }
    }
    await phone.getByRole('status').getByText('Saved.').waitFor();
    assert.equal(await phone.locator('.pile.unsorted .sort-card').count(), 0);
    const widest = await phone.evaluate(() => Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)));
    assert.ok(widest <= 390, `nothing is wider than the phone (${widest}px)`);
    const saved = await workspaceOnceSaved(server, secret, (w) => w.sort.length === 20);
    assert.equal(saved.sort.length, 20);
    for (const card of saved.sort) {
      const text = saved.statements.find((s) => s.id === card.statement_id).text;
      assert.equal(card.pile, THEMES[(STATEMENTS.indexOf(text)) % 4], text);
    }

    // Rating, one statement at a time.
    await call('POST', `/api/v1/studies/${study.id}/stage`, { stage: 'rating' });
    await phone.reload();
    await phone.getByRole('heading', { name: 'Rate the statements' }).waitFor();
    await assertAccessible(phone, 'rating on a phone');
    for (let i = 0; i < 20; i++) {
      await phone.getByText(`Statement ${i + 1} of 20`).waitFor();
      const text = await phone.locator('.rate-one .statement').textContent();
      const theme = THEMES.findIndex((t) => text.startsWith(t));
      await phone.getByRole('group', { name: 'importance' }).getByRole('radio', { name: String(1 + theme) }).check();
      await phone.getByRole('group', { name: 'feasibility' }).getByRole('radio', { name: String(5 - theme) }).check();
      if (i < 19) await phone.getByRole('button', { name: 'Next' }).tap();
    }
    await phone.getByRole('status').getByText('Saved.').waitFor();
    const rated = await workspaceOnceSaved(server, secret, (w) => w.ratings.length === 40);
    assert.equal(rated.ratings.length, 40);
    await context.close();

    // The researcher sees the map and the go-zone.
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInPage(desk, server.url, loginOf(logins, 'researcher'));
    await desk.goto(`${server.url}/studies/${study.id}`);
    await desk.getByRole('heading', { name: 'Live analysis' }).waitFor();
    await desk.getByText('20 statements, 3 sorters, 1 raters').waitFor();
    await desk.getByText(/In the go-zone \(all raters, above both means\): \d+ statements\./).waitFor();
    const map = desk.getByRole('img', { name: 'Maps of the study' });
    await map.waitFor();
    // The picture loads after its element appears: a loaded one within 10 s (slow under a full run).
    const drawn = () => map.evaluate((img) => img.complete && img.naturalWidth > 0);
    for (let i = 0; i < 100 && !(await drawn()); i++) await desk.waitForTimeout(100);
    assert.ok(await drawn(), 'the maps are drawn');
    await desk.getByLabel('Clusters (k)').selectOption('4');
    await desk.waitForURL(/\?k=4$/);
    await desk.getByText(/^Split-half reliability of the sorts: r = [\d.−-]+ between halves of 2 and 1 sorters; Spearman–Brown/).waitFor();
    // Every sorter named their piles by theme: the four clusters are suggested those names.
    const suggested = await desk.locator('.cluster-names li').allTextContents();
    assert.deepEqual(suggested.map((line) => line.replace(/^Cluster \d: (\w+).*$/, '$1')).sort(), [...THEMES].sort());
    // The researcher renames one cluster; the name is kept for this k.
    const firstName = desk.locator('#cluster-name-1');
    await firstName.fill('Talking together');
    await desk.getByRole('button', { name: 'Save the clusters’ names' }).click();
    await desk.getByText('Names saved.').waitFor();
    await desk.reload();
    assert.equal(await desk.locator('#cluster-name-1').inputValue(), 'Talking together');
    await assertAccessible(desk, 'the researcher’s study page');
    const progress = desk.getByRole('row', { name: /P-01/ });
    assert.match(await progress.textContent(), /P-01patientyes02040/);
  });

  it('imports an existing study\'s files in the browser, naming each problem by file and line', async () => {
    const draft = await call('POST', '/api/v1/studies', { kind: 'concept_map', title: 'Imported map', focus_prompt: 'One way…', groups: ['patient'] });
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInPage(desk, server.url, loginOf(logins, 'researcher'));
    await desk.goto(`${server.url}/studies/${draft.id}`);
    const form = desk.getByRole('form').filter({ has: desk.getByRole('heading', { name: 'Import an existing study' }) }).or(desk.locator('form').filter({ hasText: 'Import an existing study' }));
    const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    const statements = file('statements.csv', 'id,text\n1,Talking\n2,Deciding\n3,Waiting\n');
    await desk.getByLabel('statements.csv').setInputFiles(statements);
    await desk.getByLabel('sorts.csv').setInputFiles(file('sorts.csv', 'sorter_id,statement_id,pile_id\nA,1,x\nA,1,y\nA,9,x\n'));
    await form.getByRole('button', { name: 'Import the files' }).click();
    const problems = desk.getByRole('alert', { name: 'Problems in the files' });
    await problems.getByText(/^sorts\.csv:3: sorter A already put statement 1 in pile x on line 2/).waitFor();
    await problems.getByText('sorts.csv:4: statement 9 is not in the statements file').waitFor();
    await desk.getByText('nothing was imported.').waitFor();
    await assertAccessible(desk, 'an import refused');
    await desk.getByLabel('sorts.csv').setInputFiles(file('sorts.csv', 'sorter_id,statement_id,pile_id\nA,1,x\nA,2,x\nA,3,y\n'));
    await form.getByRole('button', { name: 'Import the files' }).click();
    await desk.getByRole('status').getByText('3 statements imported.').waitFor();
    assert.deepEqual((await call('GET', `/api/v1/studies/${draft.id}/statements`)).items.map((x) => x.text), ['Talking', 'Deciding', 'Waiting']);
  });
});

describe('a Delphi panelist rates and sees their feedback; the researcher makes the core set', () => {
  let server, browser, logins, call, study, secret, items, others;
  useShell(async (shell) => {
    ({ server, browser, logins } = shell);
    call = await researcherCaller(server, logins);
    study = await call('POST', '/api/v1/studies', { kind: 'delphi', title: 'Core measures', focus_prompt: 'How appropriate is each measure as a core coproduction value measure?', groups: ['patient', 'professional'] });
    items = [];
    for (const text of ['PROM completion', 'Shared decision score', 'Waiting time']) items.push((await call('POST', `/api/v1/studies/${study.id}/statements`, { text })).id);
    secret = (await call('POST', `/api/v1/studies/${study.id}/invitations`, { group: 'patient' })).secret;
    others = [];
    for (let i = 0; i < 5; i++) others.push((await call('POST', `/api/v1/studies/${study.id}/invitations`, { group: i < 2 ? 'patient' : 'professional' })).secret);
    await call('POST', `/api/v1/studies/${study.id}/stage`, { stage: 'rounds' });
    for (const [i, other] of others.entries()) {
      await call('POST', '/api/v1/invitation/consent', undefined, { 'x-invitation': other });
      await call('PUT', '/api/v1/invitation/ratings', { ratings: items.map((statement_id, k) => ({ statement_id, variable: 'rating', value: k === 2 ? 2 + (i % 2) : 7 + (i % 3) })) }, { 'x-invitation': other });
    }
  });

  it('rates round 1, then sees their own rating and the panel’s in round 2', async () => {
    const phone = await (await browser.newContext(PHONE)).newPage();
    await phone.goto(`${server.url}/join#${secret}`);
    await phone.getByRole('button', { name: 'I agree to take part' }).tap();
    await phone.getByRole('heading', { name: 'Round 1' }).waitFor();
    await assertAccessible(phone, 'a Delphi round on a phone');
    for (const [n, value] of [[1, 8], [2, 6], [3, 2]]) {
      await phone.getByRole('group', { name: `Your rating of item ${n}, 1–9` }).getByRole('radio', { name: String(value), exact: true }).check();
      await phone.getByRole('status').getByText('Saved.').waitFor();
    }
    await phone.getByLabel('Your comment on item 1 (optional)').fill('Counts forms, not value');
    await phone.getByLabel('Your comment on item 1 (optional)').blur();
    await phone.getByRole('status').getByText('Saved.').waitFor();
    await call('PUT', '/api/v1/invitation/comments', { statement_id: items[0], text: 'Easy to collect' }, { 'x-invitation': others[0] });
    await call('POST', `/api/v1/studies/${study.id}/stage`, { stage: 'rounds' });
    await phone.reload();
    await phone.getByRole('heading', { name: 'Round 2' }).waitFor();
    // Item 1: the others rated 7 8 9 7 8 and this panelist 8: 7 7 8 8 8 9, median 8.
    const first = phone.locator('.delphi-item').filter({ hasText: 'PROM completion' });
    await first.getByText('Last round you rated it 8.').waitFor();
    await first.getByText(/The panel’s median was 8 \(6 ratings; 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 2, 8: 3, 9: 1\)\./).waitFor();
    await first.getByText('What panelists wrote last round:').waitFor();
    assert.deepEqual((await first.getByRole('listitem').allTextContents()).sort(), ['Counts forms, not value', 'Easy to collect']);
    assert.equal(await phone.getByLabel('Your comment on item 1 (optional)').inputValue(), '', 'a new round, a new comment');
    assert.equal(await first.getByRole('radio', { checked: true }).count(), 0, 'round 2 starts unrated');
    await first.getByRole('radio', { name: '8', exact: true }).check();
    await phone.getByRole('status').getByText('Saved.').waitFor();
    await assertAccessible(phone, 'Delphi feedback on a phone');

    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInPage(desk, server.url, loginOf(logins, 'researcher'));
    await desk.goto(`${server.url}/studies/${study.id}`);
    await desk.getByRole('heading', { name: 'Results by round' }).waitFor();
    const row = desk.getByRole('row', { name: /PROM completion/ });
    assert.match(await row.textContent(), /median 8, appropriate, consensus_in \(n 6\).*median 8, appropriate, consensus_in \(n 1\)/);
    await desk.getByText('PROM completion', { exact: true }).and(desk.locator('summary')).click();
    await desk.getByText('round 1, P-01: Counts forms, not value').waitFor();
    // Round 2 is open: the core set is read from round 1, where items 1 and 2 reached consensus.
    await desk.getByRole('region', { name: 'Core set' }).getByRole('heading', { name: 'Items with consensus in round 1 (2)' }).waitFor();

    // The rest of the panel rates round 2 (items 1 and 2 at 7-9, item 3 at 2-3); the researcher
    // closes the study and turns the two consensus items' first into a measure.
    for (const [i, other] of others.entries()) {
      await call('PUT', '/api/v1/invitation/ratings', { ratings: items.map((statement_id, k) => ({ statement_id, variable: 'rating', value: k === 2 ? 2 + (i % 2) : 7 + (i % 3) })) }, { 'x-invitation': other });
    }
    await call('POST', `/api/v1/studies/${study.id}/stage`, { stage: 'closed' });
    await desk.reload();
    const coreSet = desk.getByRole('region', { name: 'Core set' });
    await coreSet.getByRole('heading', { name: 'Items with consensus in round 2 (2)' }).waitFor();
    assert.equal(await coreSet.getByRole('group', { name: 'Waiting time' }).count(), 0, 'consensus out is not a candidate');
    await assertAccessible(desk, 'the core set of a Delphi');
    const prom = coreSet.getByRole('group', { name: 'PROM completion' });
    assert.equal(await prom.getByLabel('Measure id').inputValue(), 'prom-completion');
    await prom.getByLabel('Name').fill('PROMs completed before the visit');
    await prom.getByLabel('Kind').selectOption('proportion');
    await prom.getByLabel('Value compass').selectOption('experience');
    await prom.getByLabel('Value domain').selectOption('self-efficacy');
    await coreSet.getByRole('group', { name: 'Shared decision score' }).getByLabel('Make it a measure').uncheck();
    await coreSet.getByRole('button', { name: 'Add the chosen items to the core set' }).click();
    await desk.getByRole('status').getByText('1 draft measures added to the core set.').waitFor();
    const draft = desk.getByRole('region', { name: 'Core set' }).getByRole('row', { name: /PROMs completed before the visit/ });
    assert.match(await draft.textContent(), /prom-completion.*round 2: median 8, 100 % rated 7–9 \(n 6\)draft/);
    await desk.getByRole('region', { name: 'Core set' }).getByRole('heading', { name: 'Items with consensus in round 2 (1)' }).waitFor();

    // The draft keeps its provenance; the community's admin adopts it as a measure.
    const [listed] = (await call('GET', '/api/v1/measures/drafts')).items;
    assert.deepEqual(
      { id: listed.id, kind: listed.kind, quadrant: listed.quadrant, domain: listed.domain, study: listed.provenance.study_id, item: listed.provenance.item, round: listed.provenance.round, rule: listed.provenance.percent_rule },
      { id: 'prom-completion', kind: 'proportion', quadrant: 'experience', domain: 'self-efficacy', study: study.id, item: 'PROM completion', round: 2, rule: 'consensus_in' },
    );
    const cookie = await signIn(server.url, 'admin', loginOf(logins, 'admin').password);
    const adopted = await fetch(`${server.url}/api/v1/measures/drafts/prom-completion/adopt`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ system: 'urn:covalue:fhir:codesystem:score', code: 'phq-9', threshold: 9, at_least: false }) });
    assert.equal(adopted.status, 201, await adopted.clone().text());
    assert.ok((await call('GET', '/api/v1/measures')).items.some((m) => m.id === 'prom-completion' && m.name === 'PROMs completed before the visit'));
    await desk.reload();
    assert.match(await desk.getByRole('region', { name: 'Core set' }).getByRole('row', { name: /PROMs completed/ }).textContent(), /adopted$/);
  });
});
