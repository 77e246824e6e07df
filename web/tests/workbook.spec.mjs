// A new team lead works through the guides in Chromium: starts a workbook from the short form,
// fills all six answers, opens the full guide and finds them there, fills step 2, and prints.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { loginOf } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

const SHORT_ANSWERS = [
  'About 900 adults with MS, most diagnosed before 40.',
  'Infusions every six weeks, run by the MS nurses.',
  'Symptom plans worked out with each person.',
  'A peer group for the newly diagnosed.',
  'The national MS registry and the patient association.',
  'A monthly review of who needs which configuration.',
];

// A context whose frames record what they print instead of opening the print dialog: the
// printed document's HTML lands in the top window's __printed.
async function printingContext(browser, options) {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    window.print = () => {
      window.top.__printed = document.documentElement.outerHTML;
    };
  });
  return context;
}

async function printWith(page, control) {
  await page.evaluate(() => delete window.__printed);
  await control.click();
  return (await page.waitForFunction(() => window.__printed)).jsonValue();
}

describe('workbook mode', () => {
  let server, browser, logins;
  useShell((shell) => ({ server, browser, logins } = shell));

  it('takes a team lead from the short form into the full guide and to a printed copy', async () => {
    const page = await (await printingContext(browser, { locale: 'en-GB' })).newPage();
    const lead = loginOf(logins, 'lead.vastera');
    await signInPage(page, server.url, lead);

    await page.getByRole('link', { name: 'Västerå MS Team' }).click();
    await page.getByRole('button', { name: /Start a new workbook: Coproduction value: short-form/ }).click();
    await page.waitForURL(/\/workbooks\/\d+$/);
    for (let i = 0; i < 6; i++) {
      const answer = page.locator('textarea').first();
      await answer.fill(SHORT_ANSWERS[i]);
      await answer.blur();
      await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
      if (i < 5) await page.getByRole('button', { name: 'Next step' }).click();
    }
    await assertAccessible(page, page.url());

    // The workbook as files, linked from its page.
    for (const [name, type] of [['Markdown', /^text\/markdown/], ['Spreadsheet (XLSX)', /spreadsheetml/], ['FHIR QuestionnaireResponse', /json/]]) {
      const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
      const file = await page.request.get(server.url + href);
      assert.equal(file.status(), 200, name);
      assert.match(file.headers()['content-type'], type, name);
    }

    // The full guide starts from the short-form answers.
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('button', { name: /Start a new workbook: Coproduction value: full/ }).click();
    await page.waitForURL(/\/workbooks\/\d+$/);
    await page.getByRole('button', { name: /^Step 2\. Population/ }).click();
    const first = page.getByLabel(/Who are the people in this population\? Give both/);
    assert.equal(await first.inputValue(), SHORT_ANSWERS[0]);
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    const flow = page.getByLabel(/bird's-eye view/);
    await flow.fill('1. Referral\n2. First visit with the neurologist\n3. MS nurse call');
    await flow.blur();
    await page.getByRole('status').filter({ hasText: 'Saved' }).nth(1).waitFor();
    await page.getByLabel('Status of this step').selectOption('done');
    await page.getByRole('button', { name: /^Step 8\. Leading the mix/ }).click();
    assert.equal(await page.getByLabel(/How do leaders develop the full spectrum/).inputValue(), SHORT_ANSWERS[5]);

    // One click prints the print document, which holds every answer of the full-guide workbook.
    const printed = await printWith(page, page.getByRole('button', { name: 'Print', exact: true }));
    assert.ok(printed.includes(SHORT_ANSWERS[0]));
    assert.ok(printed.includes('2. First visit with the neurologist'));
    assert.ok(!printed.includes('Next step'), 'the app around the document does not print');
    await page.context().close();
  });

  it('draws the team’s passport: cycles over time with the six-domain profile', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB', acceptDownloads: true })).newPage();
    const lead = loginOf(logins, 'lead.fjordvik');
    await signInPage(page, server.url, lead);
    // Two cycles written through the API, as the passport's workbook mode would.
    const team = await page.evaluate(async () => (await (await fetch('/api/v1/users/me')).json()).memberships[0].team_id);
    await page.evaluate(async (teamId) => {
      const cycles = [
        { 'cycle.aim': 'Faster first nurse call', 'cycle.configuration': 'chain', 'cycle.ratings.communication': '2', 'cycle.ratings.access': '3' },
        { 'cycle.aim': 'Peer group for newly diagnosed', 'cycle.configuration': 'network', 'cycle.ratings.communication': '4', 'cycle.ratings.access': '4' },
      ];
      for (const answers of cycles) {
        const w = await (await fetch('/api/v1/workbooks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ team_id: teamId, guide_id: 'improvement-passport' }) })).json();
        for (const [link, text] of Object.entries(answers)) {
          await fetch(`/api/v1/workbooks/${w.id}/answers/${link}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
        }
      }
    }, team);
    await page.goto(`${server.url}/teams/${team}`);
    await page.getByRole('heading', { level: 2, name: 'Improvement passport' }).waitFor();
    const chart = page.getByRole('img', { name: 'Coproduction value profile over the improvement cycles' });
    await chart.waitFor();
    assert.equal(await chart.locator('polyline').count(), 2, 'two domains rated in both cycles');
    assert.equal(await chart.locator('text').filter({ hasText: 'Self-efficacy' }).count(), 1);
    const row = page.getByRole('row', { name: /^Communication/ });
    assert.deepEqual(await row.locator('td').allTextContents(), ['2', '4']);
    assert.ok(await page.getByText('Peer group for newly diagnosed').isVisible());
    assert.ok(await page.getByText('Network', { exact: true }).isVisible());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the chart (SVG)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'coproduction-value-profile.svg');
    const svg = readFileSync(await download.path(), 'utf8');
    assert.match(svg, /^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes('>Self-efficacy</text>'));
    assert.equal((svg.match(/<polyline /g) ?? []).length, 2);
    await assertAccessible(page, page.url());
    await page.context().close();
  });

  it('shows a guide whole in reference mode, finds questions by search and prints it blank', async () => {
    const page = await (await printingContext(browser, { locale: 'sv-SE' })).newPage();
    const member = loginOf(logins, 'member.vastera');
    await signInPage(page, server.url, member);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Guider' }).click();
    await page.getByRole('link', { name: 'Samproduktionsvärde: fullständig självskattningsguide' }).click();
    await page.getByRole('heading', { level: 2, name: /^Steg 9\. Pröva och dela/ }).waitFor();
    assert.equal(await page.locator('.guide-question').count(), 29);
    await page.getByLabel('Sök i guiden').fill('persona');
    await page.getByRole('status').filter({ hasText: 'frågor matchar' }).waitFor();
    const visible = await page.locator('.guide-question:visible').count();
    assert.ok(visible >= 2 && visible < 29, `${visible} questions shown`);
    await assertAccessible(page, page.url());
    const blank = await printWith(page, page.getByRole('button', { name: 'Skriv ut den tomma guiden' }));
    assert.equal((blank.match(/class="blank"/g) ?? []).length, 29);
    assert.ok(blank.includes('Vilka är människorna'));
    await page.context().close();
  });

  it('shows both texts when a stale save meets a newer one, and saves the merge', async () => {
    const leadLogin = loginOf(logins, 'lead.vastera');
    const memberLogin = loginOf(logins, 'member.vastera');
    const open = async (login) => {
      const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
      await signInPage(page, server.url, login);
      return page;
    };
    const lead = await open(leadLogin);
    await lead.getByRole('link', { name: 'Västerå MS Team' }).click();
    // The team started this guide before: a second start asks first.
    const asked = new Promise((resolve) => lead.once('dialog', (dialog) => { resolve(dialog.message()); void dialog.accept(); }));
    await lead.getByRole('button', { name: /Start a new workbook: Coproduction value: short-form/ }).click();
    assert.match(await asked, /already started 1 workbook/);
    await lead.waitForURL(/\/workbooks\/\d+$/);
    const workbookUrl = lead.url();
    await lead.locator('textarea').first().fill('First draft.');
    await lead.locator('textarea').first().blur();
    await lead.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    // Both open the same revision; the lead saves first, the member's save is stale.
    const member = await open(memberLogin);
    await member.goto(workbookUrl);
    await lead.reload();
    await lead.locator('textarea').first().fill('The lead’s text.');
    await lead.locator('textarea').first().blur();
    await lead.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await member.locator('textarea').first().fill('The member’s text.');
    await member.locator('textarea').first().blur();
    await member.getByRole('alert').filter({ hasText: 'Someone else saved this answer' }).waitFor();
    assert.equal(await member.locator('pre.theirs').textContent(), 'The lead’s text.');
    assert.equal(await member.locator('pre.yours').textContent(), 'The member’s text.');
    await member.getByRole('button', { name: 'Save merged text' }).click();
    await member.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const id = workbookUrl.split('/').pop();
    const history = await member.evaluate(async (wid) => (await fetch(`/api/v1/workbooks/${wid}/answers/short.population/revisions`)).json(), id);
    assert.deepEqual(history.items.map((r) => r.text), ['First draft.', 'The lead’s text.', 'The lead’s text.\n\nThe member’s text.']);

    // The history shows each revision's change; restoring the first makes a fourth revision.
    await member.getByRole('button', { name: 'History' }).first().click();
    await member.getByText(/^Revision 3, member\.vastera/).waitFor();
    assert.equal(await member.locator('.revisions > li').count(), 3);
    assert.equal(await member.locator('.revisions > li').nth(2).locator('ins').last().textContent(), '+ The member’s text.\n');
    await member.getByRole('button', { name: 'Comments' }).first().click();
    await member.getByLabel('New comment').fill('Let us ask the nurses on Friday.');
    await member.getByRole('button', { name: 'Add comment' }).click();
    await member.locator('.comment-list li').filter({ hasText: 'Let us ask the nurses on Friday.' }).waitFor();
    await member.getByRole('button', { name: 'Restore revision 1' }).click();
    await member.getByRole('status').filter({ hasText: 'Revision 1 restored' }).waitFor();
    assert.equal(await member.locator('textarea').first().inputValue(), 'First draft.');
  });

  it('stamps a passport at each learning session on a tablet, in Swedish, and prints it', async () => {
    const context = await printingContext(browser, {
      locale: 'sv-SE',
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await signInPage(page, server.url, loginOf(logins, 'lead.riverside'));
    const team = await page.evaluate(async () => (await (await fetch('/api/v1/users/me')).json()).memberships[0].team_id);
    await page.goto(`${server.url}/teams/${team}`);
    // The demo team keeps a passport already: a second one is asked for first.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Starta en ny arbetsbok: Förbättringspass' }).tap();
    await page.waitForURL(/\/workbooks\/\d+$/);
    const aim = page.getByLabel('Mål', { exact: true });
    await page.getByRole('button', { name: 'Mål', exact: true }).tap();
    await aim.fill('Hälften så lång väntan på första sjuksköterskesamtalet till juni.');
    await aim.blur();
    await page.getByRole('status').filter({ hasText: 'Sparat' }).first().waitFor();

    // Two learning sessions, two stamps: the second one added with a tap.
    await page.getByRole('button', { name: 'Stämplar från lärandeträffar', exact: true }).tap();
    await page.getByLabel('Lärandeträff').fill('Lärandeträff 1');
    await page.getByLabel('Datum').fill('2026-11-20');
    await page.getByLabel('Datum').blur();
    await page.getByRole('status').filter({ hasText: 'Sparat' }).nth(1).waitFor();
    await page.getByRole('button', { name: 'Lägg till ännu en (Stämplar från lärandeträffar)' }).tap();
    assert.equal(await page.getByRole('group', { name: 'Stämplar från lärandeträffar (2)' }).count(), 1);
    await page.getByLabel('Lärandeträff').nth(1).fill('Lärandeträff 2');
    await page.getByLabel('Datum').nth(1).fill('2027-02-12');
    await page.getByLabel('Datum').nth(1).blur();
    await page.getByRole('status').filter({ hasText: 'Sparat' }).nth(3).waitFor();

    // Nothing wider than the tablet's screen; every control large enough to tap.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('main button, main input, main select, main textarea, main a')]
        .filter((e) => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().height < 24)
        .map((e) => e.outerHTML.slice(0, 60)));
    assert.deepEqual(small, []);
    await assertAccessible(page, page.url());

    // The print copy holds both stamps, in Swedish.
    const printed = await printWith(page, page.getByRole('button', { name: 'Skriv ut', exact: true }));
    assert.match(printed, /<html lang="sv">/);
    assert.ok(printed.indexOf('Lärandeträff 1') < printed.indexOf('Stämplar från lärandeträffar (2)'));
    assert.ok(printed.indexOf('Stämplar från lärandeträffar (2)') < printed.indexOf('2027-02-12'));

    // The team's passport lists the cycle's stamps, one per learning session.
    await page.getByRole('link', { name: 'Tillbaka' }).tap();
    await page.getByRole('heading', { level: 2, name: 'Förbättringspass' }).waitFor();
    // The demo's own cycle, dated when it happened, comes first with its two stamps.
    const cycles = page.locator('ol.cycles > li');
    assert.equal(await cycles.count(), 2);
    assert.deepEqual(await cycles.first().locator('.stamps li').allTextContents(), ['Learning session 3 · 2025-09-16', 'Learning session 4 · 2026-02-10']);
    assert.deepEqual(await cycles.last().locator('.stamps li').allTextContents(), ['Lärandeträff 1 · 2026-11-20', 'Lärandeträff 2 · 2027-02-12']);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await assertAccessible(page, page.url());
    await context.close();
  });

  // After the tests above: the team has workbooks of the short form and the full guide.
  it('names a workbook, shows its progress, archives it and brings it back', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await signInPage(page, server.url, loginOf(logins, 'lead.vastera'));
    await page.getByRole('link', { name: 'Västerå MS Team' }).click();
    const list = page.locator('section.workbook-list');
    const first = list.locator('ul.workbooks > li', { hasText: 'Coproduction value: short-form' }).first();
    await first.waitFor();
    assert.match(await first.innerText(), /\d+ of \d+ steps done/);
    await first.getByText(/^Rename /).click();
    await first.getByLabel('Name').fill('Autumn cycle 2026');
    await first.getByRole('button', { name: 'Save' }).click();
    const named = list.locator('ul.workbooks > li', { has: page.getByRole('link', { name: 'Autumn cycle 2026' }) });
    await named.waitFor();
    await assertAccessible(page, 'a team’s workbooks with their names and progress');
    await named.getByRole('button', { name: 'Archive Autumn cycle 2026' }).click();
    await list.getByText('Archived workbooks (1)').click();
    const archived = list.locator('details.archived li');
    assert.match(await archived.innerText(), /^Autumn cycle 2026 – archived /);
    assert.equal(await list.locator('ul.workbooks').getByRole('link', { name: 'Autumn cycle 2026' }).count(), 0);
    // Archived, it keeps everything: it opens, named and marked.
    await archived.getByRole('link', { name: 'Autumn cycle 2026' }).click();
    await page.getByRole('heading', { level: 1, name: 'Autumn cycle 2026' }).waitFor();
    await page.getByText(/^archived /).waitFor();
    await page.goBack();
    await list.getByText('Archived workbooks (1)').click();
    await list.getByRole('button', { name: 'Bring back Autumn cycle 2026' }).click();
    await list.locator('ul.workbooks').getByRole('link', { name: 'Autumn cycle 2026' }).waitFor();
    assert.equal(await list.locator('details.archived').count(), 0);
  });
});
