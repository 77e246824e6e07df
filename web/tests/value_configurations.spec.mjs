// A new team lead maps the service with the keyboard alone, at 1280×800 and on a tablet: reads
// the population's strata with their live numbers, draws a persona on a stratum and sees its
// numbers, creates a map, adds twelve steps in three
// lanes tagged with configurations and coproduction states, moves one with Alt and an arrow
// key, gives a step its minutes of a resource, saves, reads the cost per configuration, and
// makes a what-if that moves two shop steps to the network and reads the difference. axe-core
// finds no serious or critical violation on any of the pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loginOf } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

// [title, lane index, configuration index (chain, shop, network, access), coproduction index
// (active, opportunity, none)]
const STEPS = [
  ['Notices new symptoms', 0, 2, 1],
  ['Calls the nurse line', 0, 3, 0],
  ['Nurse triage', 1, 0, 2],
  ['Plans treatment together', 1, 1, 0],
  ['MRI', 2, 0, 2],
  ['Reviews the MRI', 1, 1, 2],
  ['Prescription', 2, 0, 2],
  ['Explains the medicine', 1, 1, 1],
  ['Infusion day', 1, 0, 1],
  ['Peer group', 0, 2, 0],
  ['Answers PROMs', 0, 3, 0],
  ['Annual review', 1, 1, 0],
];

// Sets a focused <select> with the keyboard: Home, then ArrowDown n times.
async function choose(page, n) {
  await page.keyboard.press('Home');
  for (let i = 0; i < n; i++) await page.keyboard.press('ArrowDown');
}

describe('a team lead maps the service with the keyboard', () => {
  let server, browser, logins;
  useShell(async (shell) => {
    ({ server, browser, logins } = shell);
  });

  for (const [device, viewport] of [['a laptop', { width: 1280, height: 800 }], ['a tablet', { width: 820, height: 1180 }]]) {
    it(`builds, costs and compares a twelve-step map on ${device}`, async () => {
      const page = await (await browser.newContext({ viewport })).newPage();
      await signInPage(page, server.url, loginOf(logins, 'lead.vastera'));
      const team = await page.evaluate(async () => (await (await fetch('/api/v1/teams?limit=500')).json()).items.find((t) => t.name === 'Västerå MS Team').id);
      await page.goto(`${server.url}/teams/${team}/value`);
      await page.getByRole('heading', { name: /population, service and costs/ }).waitFor();
      // The demo's strata of the population, live: people counted in every stratum.
      const strata = page.getByRole('table', { name: /MS by need/ });
      await strata.waitFor();
      const people = await strata.locator('tbody tr td:nth-child(2)').allTextContents();
      assert.equal(people.length, 4);
      assert.ok(people.every((n) => /^\d+$/.test(n)), people.join());
      await assertAccessible(page, 'the team\'s population and service');
      // A persona on a stratum, with the stratum's live numbers, drawn with the keyboard.
      await page.locator('#persona-name').focus();
      await page.keyboard.type(`Anna (${device})`);
      await page.keyboard.press('Tab');
      await choose(page, 2);  // no stratum, MS by need: Severe disability, … Relapsing, on treatment
      await page.keyboard.press('Tab');  // a portrait of a professional: no
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      const anna = page.getByRole('article', { name: `Anna (${device})` });
      await anna.getByText('A person of the stratum Relapsing, on treatment').waitFor();
      const shown = await anna.locator('dd').first().textContent();
      assert.equal(shown, people[1], 'the persona shows its stratum\'s people');
      // Her own page: the same numbers, and a picture (a JPEG drawn in the browser) that the
      // server keeps as a PNG of its pixels.
      await anna.getByRole('link', { name: `Anna (${device})` }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: `Anna (${device})` }).waitFor();
      assert.equal(await page.locator('dl.facts dd').first().textContent(), people[1]);
      const jpeg = Buffer.from(await page.evaluate(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 320;
        canvas.height = 240;
        const g = canvas.getContext('2d');
        g.fillStyle = '#3a6ea5';
        g.fillRect(0, 0, 320, 240);
        g.fillStyle = '#f2c14e';
        g.beginPath();
        g.arc(160, 120, 80, 0, 2 * Math.PI);
        g.fill();
        const blob = await new Promise((done) => canvas.toBlob(done, 'image/jpeg', 0.9));
        return [...new Uint8Array(await blob.arrayBuffer())];
      }));
      await page.getByLabel('A PNG or JPEG picture').setInputFiles({ name: 'anna.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.getByRole('button', { name: 'Upload the picture' }).focus();
      await page.keyboard.press('Enter');
      const portrait = page.getByRole('img', { name: `Picture of Anna (${device})` });
      await portrait.waitFor();
      for (let i = 0; i < 50 && !(await portrait.evaluate((img) => img.complete && img.naturalWidth > 0)); i++) await page.waitForTimeout(100);
      assert.equal(await portrait.evaluate((img) => img.naturalWidth), 320);
      await assertAccessible(page, `a persona's page on ${device}`);
      await page.goBack();
      await page.locator('#map-name').waitFor();

      await page.locator('#map-name').focus();
      await page.keyboard.type(`Infusion pathway (${device})`);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `Infusion pathway (${device})` }).waitFor();
      for (const [title, lane, configuration, coproduction] of STEPS) {
        await page.locator('#add-title').focus();
        await page.keyboard.type(title);
        await page.keyboard.press('Tab');
        await choose(page, lane);
        await page.keyboard.press('Tab');
        await choose(page, configuration);
        await page.keyboard.press('Tab');
        await choose(page, coproduction);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: new RegExp(`^${title}\\s*: `) }).waitFor();
      }
      assert.equal(await page.locator('button.step').count(), 12);
      // Alt+→ moves "MRI" one position later; Enter selects it.
      const mri = page.getByRole('button', { name: /^MRI\s*: chain/ });
      await mri.focus();
      await page.keyboard.press('Alt+ArrowRight');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#step-position').inputValue(), '6');
      // The nurse's minutes for "Plans treatment together".
      await page.getByRole('button', { name: /^Plans treatment together\s*: / }).focus();
      await page.keyboard.press('Enter');
      await page.getByLabel('Minutes of MS nurse').focus();
      await page.keyboard.type('45');
      await page.keyboard.press('Tab');
      await page.locator('#save-map').focus();
      await page.keyboard.press('Enter');
      await page.getByText('Saved as revision 2.').waitFor();

      const byConfiguration = page.getByRole('table', { name: /^Cost by configuration/ });
      await byConfiguration.waitFor();
      const cost = async (table, row, column = 2) =>
        Number((await table.locator('tr', { has: page.getByRole('rowheader', { name: row, exact: true }) }).locator(`td:nth-child(${column})`).textContent()).replace(/[^\d.-]/g, ''));
      const shop = await cost(byConfiguration, 'shop');
      assert.ok(shop > 0, 'the nurse\'s 45 minutes cost the shop something');
      await assertAccessible(page, `the map editor on ${device}`);

      // What-if: "Plans treatment together" and "Explains the medicine" move to the network.
      await page.locator('#whatif-name').focus();
      await page.keyboard.type('Peers plan with her');
      for (const step of ['s4', 's8']) {
        await page.locator(`#whatif-${step}`).focus();
        await choose(page, 3);  // unchanged, chain, shop, network
      }
      await page.locator('#whatif-add').focus();
      await page.keyboard.press('Enter');
      const compared = page.getByRole('table', { name: /^Peers plan with her beside the map/ });
      await compared.waitFor();
      const shopNow = await cost(compared, 'shop', 2);
      const shopThen = await cost(compared, 'shop', 3);
      assert.equal(shopNow, shop);
      assert.ok(shopThen < shopNow, `shop ${shopNow} → ${shopThen}`);
      const difference = await compared.locator('tr', { has: page.getByRole('rowheader', { name: 'network', exact: true }) }).locator('td:nth-child(4)').textContent();
      assert.match(difference, /^\+/);
      await assertAccessible(page, `a what-if on ${device}`);

      // The map and the persona linked into the full guide's step 2, and the workbook printed.
      if (device !== 'a laptop') return;
      const workbook = await page.evaluate(async (teamId) => (await (await fetch('/api/v1/workbooks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ team_id: teamId, guide_id: 'coproduction-guide-full' }) })).json()).id, team);
      await page.goto(`${server.url}/workbooks/${workbook}`);
      await page.locator('ol.steps button').nth(1).focus();
      await page.keyboard.press('Enter');
      for (const [key, label, newest] of [['step-2.q1', `Persona: Anna (${device})`, true], ['step-2.q2', `Process map: Infusion pathway (${device})`, true], ['step-2.q3', 'Measure: ', false]]) {
        await page.locator(`[id="answer-${key}-link"]`).focus();
        await page.keyboard.press(newest ? 'End' : 'Home');  // the newest persona and map, ours; the first measure
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        // Saved: the answer's latest revision holds the link (autosave, polled).
        const saved = async () => page.evaluate(async ([id, k]) => (await (await fetch(`/api/v1/workbooks/${id}`)).json()).answers.find((a) => a.key === k)?.text ?? '', [workbook, key]);
        for (let i = 0; i < 50 && !(await saved()).includes(label); i++) await page.waitForTimeout(100);
        assert.ok((await saved()).includes(label), `${key} links ${label}`);
        if (!newest) assert.match(await saved(), new RegExp(`\\]\\(/teams/${team}/measures#measure-[a-z0-9-]+\\)`), 'to the chart on the team\'s measures page');
      }
      // The workbook view shows what each answer links: the persona's people, the map's picture.
      await page.reload();
      await page.locator('ol.steps button').nth(1).focus();
      await page.keyboard.press('Enter');
      // Each card fills on its own (a persona's may come after the map's picture): wait for both.
      await page.locator('.linked-cards img.map-thumbnail').waitFor();
      await page.locator('.linked-cards').getByRole('link', { name: `Persona: Anna (${device})` }).waitFor({ timeout: 5000 });
      await assertAccessible(page, 'a workbook linking a persona and a map');
      // The print embeds them: the persona with its stratum's numbers dated, the map as a picture
      // with its cost tables.
      await page.goto(`${server.url}/api/v1/workbooks/${workbook}/print?lang=en`);
      const persona = page.locator('aside.linked.persona');
      assert.match(await persona.locator('h4').textContent(), new RegExp(`Persona: Anna \\(${device}\\)`));
      assert.match(await persona.textContent(), /Numbers as of \d{4}-\d{2}-\d{2}/);
      const pictured = page.locator('aside.linked.map figure.picture svg');
      assert.equal(await pictured.count(), 1);
      assert.ok((await pictured.textContent()).includes('Plans treatment together'), 'the picture holds the steps\' titles');
      assert.ok(await page.locator('aside.linked.map').getByRole('rowheader', { name: 'network', exact: true }).count() > 0, 'costs by configuration');
      await assertAccessible(page, 'the printed workbook with its persona and map');
    });
  }

  it('defines strata of several conditions with the keyboard, read with their live numbers', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signInPage(page, server.url, loginOf(logins, 'lead.vastera'));
    const team = await page.evaluate(async () => (await (await fetch('/api/v1/teams?limit=500')).json()).items.find((t) => t.name === 'Västerå MS Team'));
    await page.goto(`${server.url}/teams/${team.id}/value`);
    const type = async (selector, text) => {
      await page.locator(selector).focus();
      await page.keyboard.type(text);
    };
    await type('#strata-name', 'Age and sex');
    await type('#stratum-1-name', 'Women under 50');
    await type('#stratum-1-1-what', 'age');
    await page.locator('#stratum-1-1-op').focus();
    await choose(page, 2);  // eq, ne, lt
    await type('#stratum-1-1-value', '50');
    await page.getByRole('button', { name: 'Add a condition to stratum 1' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'stratum-1-2-kind', 'the new condition takes the focus');
    await type('#stratum-1-2-what', 'sex');
    await type('#stratum-1-2-value', 'female');
    await type('#stratum-2-name', 'Everyone 50 or older');
    await type('#stratum-2-1-what', 'age');
    await page.locator('#stratum-2-1-op').focus();
    await choose(page, 5);  // … ge
    await type('#stratum-2-1-value', '50');
    await assertAccessible(page, 'the strata form with two conditions');
    await page.getByRole('button', { name: 'Define the strata' }).focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: /Age and sex/ });
    await table.waitFor();
    const defined = await page.evaluate(async (population) => (await (await fetch(`/api/v1/populations/${population}/stratifications`)).json()).items.find((x) => x.name === 'Age and sex'), team.population_id);
    assert.deepEqual(defined.strata.map((x) => [x.name, x.conditions.map((c) => [c.field, c.op, c.value])]), [
      ['Women under 50', [['age', 'lt', '50'], ['sex', 'eq', 'female']]],
      ['Everyone 50 or older', [['age', 'ge', '50']]],
    ]);
    const summary = await page.evaluate(async (id) => (await (await fetch(`/api/v1/stratifications/${id}/summary`)).json()), defined.id);
    const shown = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.deepEqual(shown, summary.strata.map((x) => String(x.people)));
    assert.ok(summary.strata[0].people > 0 && summary.strata[1].people > 0, JSON.stringify(summary.strata));
  });

  it('lets a facilitator read what the team shares, and nothing it keeps', async () => {
    const lead = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signInPage(lead, server.url, loginOf(logins, 'lead.vastera'));
    const { team, map, persona } = await lead.evaluate(async () => {
      const json = async (path, method = 'GET', body) => (await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) })).json();
      const team = (await json('/api/v1/teams?limit=500')).items.find((t) => t.name === 'Västerå MS Team');
      const map = (await json(`/api/v1/teams/${team.id}/process-maps`)).items[0];
      const persona = await json(`/api/v1/teams/${team.id}/personas`, 'POST', { name: 'Shared Siv', professional: false });
      await fetch(`/api/v1/process-maps/${map.id}/sharing`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"shared":true}' });
      await fetch(`/api/v1/workbooks/${persona.workbook_id}/sharing`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"shared":true}' });
      return { team: team.id, map, persona };
    });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signInPage(page, server.url, loginOf(logins, 'facilitator'));
    await page.goto(`${server.url}/teams/${team}/value`);
    await page.getByRole('link', { name: map.name }).waitFor();
    assert.equal(await page.locator('#map-name, #persona-name, #resource-name').count(), 0, 'no forms that would refuse them');
    await page.getByText('The team’s resources are the team’s own').waitFor();
    await assertAccessible(page, 'a team\'s value page as the facilitator');
    // The shared map: its picture and costs, nothing to edit.
    await page.getByRole('link', { name: map.name }).click();
    await page.getByText('The team shares this map with the community').waitFor();
    await page.getByRole('img', { name: new RegExp(`^The map ${map.name}`) }).waitFor();
    await page.locator('#costs-title').waitFor();
    await page.getByRole('table').first().waitFor();
    assert.equal(await page.locator('#save-map, button.step, form').count(), 0);
    await assertAccessible(page, 'a shared map as the facilitator');
    // The shared persona: read, without the picture form.
    await page.goto(`${server.url}/personas/${persona.id}`);
    await page.getByRole('heading', { level: 1, name: 'Shared Siv' }).waitFor();
    await page.getByText('The team shares this with the community.').waitFor();
    assert.equal(await page.locator('form').count(), 0);
    await assertAccessible(page, 'a shared persona as the facilitator');
    // Unshared again: the map's page says so instead of breaking.
    await lead.evaluate(async (id) => fetch(`/api/v1/process-maps/${id}/sharing`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"shared":false}' }), map.id);
    await page.goto(`${server.url}/process-maps/${map.id}`);
    await page.getByText('You do not have access to this page.').waitFor();
  });
});
