// A team lead opens the team's measures, sees the change the team tested marked on the PHQ-9
// chart and the shift after it explained in words, reads the numbers as a table, and downloads
// the chart as SVG and PNG; the team's coproduction value profile sets the people's view beside
// the team's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { loginOf, signIn } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

// States "PHQ-9 of 15 or more" (a share at or above 15) in a measure workshop's form.
async function stateFifteenOrMore(form) {
  await form.getByLabel('Name', { exact: true }).fill('PHQ-9 of 15 or more');
  await form.getByLabel('Code').fill('phq-9');
  await form.getByLabel('Threshold').selectOption('15');
  await form.getByLabel('An observation meets it when it is').selectOption('true');
}

describe('team measures', () => {
  let server, browser, logins;
  useShell((shell) => ({ server, browser, logins } = shell));

  it('shows the team lead a shift after the demo improvement with its explanation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    await signInPage(page, server.url, loginOf(logins, 'lead.vastera'));
    await page.getByRole('link', { name: 'Teams' }).first().click();
    await page.getByRole('link', { name: 'Västerå MS Team' }).click();
    await page.getByRole('link', { name: 'Measures and SPC charts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Measures of Västerå MS Team' }).waitFor();

    // The value compass: the PHQ-9 mean in the clinical quadrant, its latest month an
    // improvement (below the baseline's lower limit, and lower is better).
    const clinical = page.locator('.quadrant-clinical');
    assert.match(await clinical.innerText(), /PHQ-9 mean score .*2026-10.* signal: improvement/);
    assert.match(await page.locator('.quadrant-cost').innerText(), /People's view: costs of care \d/);

    // The coproduction value profile: the people's view of the latest quarter beside the team's
    // passport ratings, the gaps named, the numbers as a table, and an SVG download.
    const profile = page.locator('section.value-profile');
    await profile.getByRole('heading', { name: 'Coproduction value profile' }).waitFor();
    assert.equal(await profile.locator('svg rect.people').count(), 6);
    assert.equal(await profile.locator('svg rect.team').count(), 6);
    assert.match(await profile.locator('svg').innerHTML(), /People, 2026-Q3/);
    await profile.getByText('Show the numbers as a table').click();
    const profileRows = profile.locator('table tbody tr');
    assert.equal(await profileRows.count(), 6);
    const teamRatings = await profileRows.evaluateAll((rows) => rows.map((r) => r.children[4].textContent));
    assert.deepEqual(teamRatings, ['4', '3', '2', '3', '4', '3']);
    assert.match(await profileRows.first().innerText(), /^Communication\t[1-5](\.\d)?\t/);
    const [profileSvg] = await Promise.all([page.waitForEvent('download'), profile.getByRole('link', { name: 'Download as SVG' }).click()]);
    assert.equal(profileSvg.suggestedFilename(), 'value-profile.svg');
    assert.match(readFileSync(await profileSvg.path(), 'utf8'), /<title>Coproduction value profile: the people’s view and the team’s<\/title>/);

    const phq9 = page.locator('#measure-phq9-mean');
    await phq9.getByRole('heading', { name: 'PHQ-9 mean score' }).waitFor();
    // The passport's change, marked on the chart and named beside it.
    assert.equal(await phq9.locator('svg line.change').count(), 1);
    assert.match(await phq9.locator('ul.changes').innerText(), /Change 2025-06-01 Personerna fyller i PHQ-9 före besöket/);
    // Judged against the baseline before the change, the months after June 2025 lie below it
    // (the demo lowers the PHQ-9 by 3 from then on): points below the lower limit, each
    // explained, and a run on one side of the centre line. (The baseline's own drift may signal
    // too: the demo's people worsen slowly before the change.)
    const points = await phq9.locator('.signals ul.points li').allInnerTexts();
    const afterChange = points.filter((signal) => signal.split(':')[0] >= '2025-06');
    assert.ok(afterChange.length >= 6, `${afterChange.length} points after the change beyond a limit`);
    for (const signal of afterChange) {
      assert.match(signal, /is below the lower limit .*: a special cause worth looking into/);
    }
    assert.match(await phq9.locator('.signals ul.runs').innerText(), /points in a row on one side of the centre line .*: a shift/);
    assert.equal(await phq9.locator('svg path.signal').count(), points.length);
    assert.match(await phq9.locator('svg path.signal title').last().textContent(), /^20\d\d-\d\d: .+below the lower limit/);
    assert.equal(await phq9.locator('svg path.centre.runs-signal').count(), 1);

    // The table view holds every point.
    await phq9.getByText('Show the numbers as a table').click();
    const rows = phq9.locator('table tbody tr');
    assert.equal(await rows.count(), 36);
    assert.equal(await rows.first().locator('th').innerText(), '2023-11');
    await assertAccessible(page, 'the team’s measures');

    // SVG: the chart itself, with real text and its title.
    const [svg] = await Promise.all([page.waitForEvent('download'), phq9.getByRole('link', { name: 'Download as SVG' }).click()]);
    assert.equal(svg.suggestedFilename(), 'phq9-mean.svg');
    const source = readFileSync(await svg.path(), 'utf8');
    assert.match(source, /<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(source, /<title>PHQ-9 mean score \(i chart\)<\/title>/);
    assert.match(source, /Change 2025-06-01/);
    // As qicharts2's plots: the title drawn, both axes named, a legend with the centre's value
    // (the table's last centre, as the chart rounds it).
    const lastCentre = Number((await rows.last().locator('td').nth(2).innerText()).replace(',', '.'));
    assert.match(source, />PHQ-9 mean score \(i chart\)<\/text>/);
    assert.match(source, />Time \(month\)<\/text>/);
    assert.match(source, />PHQ-9 mean score<\/text>/);
    for (const name of ['Data', 'Control limits']) assert.match(source, new RegExp(`class="legend"[^>]*>${name}</text>`));
    assert.ok(source.includes(`>Centre line (CL = ${Number(lastCentre.toPrecision(4))})</text>`), `centre ${lastCentre}`);
    // PNG: an image of the chart at twice its size.
    const [png] = await Promise.all([page.waitForEvent('download'), phq9.getByRole('link', { name: 'Download as PNG' }).click()]);
    assert.equal(png.suggestedFilename(), 'phq9-mean.png');
    const bytes = readFileSync(await png.path());
    assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.equal(bytes.readUInt32BE(16), 1440, 'width, at twice the chart’s 720');
    assert.equal(bytes.readUInt32BE(20), 2 * (300 + 44 + 48), 'height: the chart with its title and legend');

    // New limits at each change: the second phase has its own centre.
    await page.getByLabel('Limits').selectOption('phases');
    await page.waitForURL(/limits=phases/);
    // Wait for the redrawn chart: its table's centre column differs between the phases.
    await page.waitForFunction(() => {
      const centres = [...document.querySelectorAll('#measure-phq9-mean table tbody tr td:nth-child(4)')].map((c) => c.textContent);
      return centres.length === 36 && centres[0] !== centres[35];
    });

    // A note on a point: on the chart as a flag, in the table, and gone when removed.
    const section = page.locator('#measure-phq9-mean');
    await section.getByText('Note a point of this chart').click();
    await section.getByLabel('Point').selectOption('2025-03');
    await section.getByLabel('Note', { exact: true }).fill('Group sessions moved to evenings');
    await section.getByRole('button', { name: 'Add the note' }).click();
    await section.locator('.chart-notes').getByText('Group sessions moved to evenings').waitFor();
    assert.equal(await section.locator('svg.spc-chart path.note').count(), 1);
    assert.equal(await section.locator('svg.spc-chart path.note title').textContent(), '2025-03: Group sessions moved to evenings');
    const noted = section.locator('table tbody tr', { has: page.locator('th', { hasText: /^2025-03$/ }) });
    assert.equal(await noted.locator('td').last().textContent(), 'Group sessions moved to evenings');
    assert.match(await section.locator('.chart-notes li').innerText(), /Lena Lead|Lead/);
    await assertAccessible(page, 'a chart with a note');
    await section.getByRole('button', { name: 'Remove the note on 2025-03' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#measure-phq9-mean svg.spc-chart path.note').length === 0);

    // The team tries a measure on its own data: a whole chart, judged as its others, no notes.
    const tryIt = page.locator('form.workshop');
    await tryIt.getByRole('heading', { name: 'Try a measure on the team’s own data' }).waitFor();
    await stateFifteenOrMore(tryIt);
    await tryIt.getByRole('button', { name: 'Chart it for the team' }).click();
    const tried = page.locator('.workshop-result');
    await tried.getByRole('heading', { name: 'PHQ-9 of 15 or more for the team (a preview)' }).waitFor();
    assert.equal(await tried.locator('svg.spc-chart').count(), 1);
    assert.equal(await tried.getByText('Note a point of this chart').count(), 0, 'a preview takes no notes');
    await tried.getByText('Measures are defined for the whole community by its administrator').waitFor();
    await assertAccessible(page, 'a measure tried on the team’s data');
    await context.close();
  });

  it('shows the facilitator a measure at every site as small multiples', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signInPage(page, server.url, loginOf(logins, 'facilitator'));
    await page.getByRole('link', { name: 'Measures across sites' }).click();
    await page.getByRole('heading', { level: 1, name: 'Measures across sites' }).waitFor();
    await page.getByLabel('Measure', { exact: true }).selectOption('phq9-below-10');
    await page.waitForURL(/measure=phq9-below-10/);
    await page.getByRole('heading', { level: 2, name: 'Västerå Health System' }).waitFor();
    assert.equal(await page.locator('.small-multiples > li').count(), 12);
    assert.equal(await page.locator('.small-multiples svg.spc-chart').count(), 12);
    assert.match(await page.locator('.lede').innerText(), /fewer than 5 observations are left out/);
    await assertAccessible(page, 'measures across sites');

    // One value scale for every site by default: the same ticks on every chart; text drawn at
    // 11 px or more; time labels that never overlap.
    const drawn = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.small-multiples svg.spc-chart')].map((svg) => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const times = [...svg.querySelectorAll('text.time')].map((t) => t.getBoundingClientRect());
          return {
            ticks: [...svg.querySelectorAll('text.tick')].map((t) => t.textContent).join(' '),
            smallest: Math.min(...[...svg.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size')) * scale)),
            overlaps: times.some((r, i) => i > 0 && r.left < times[i - 1].right),
            labels: times.length,
          };
        }),
      );
    const shared = await drawn();
    assert.equal(new Set(shared.map((c) => c.ticks)).size, 1, 'every site on one scale');
    for (const chart of shared) {
      assert.ok(chart.smallest >= 11, `chart text is ${chart.smallest} px`);
      assert.ok(!chart.overlaps && chart.labels >= 2, 'time labels side by side');
    }
    await page.getByLabel('Each site on its own scale').check();
    await page.waitForURL(/scale=free/);
    await page.getByText('Each site is drawn on its own value scale').waitFor();
    assert.ok(new Set((await drawn()).map((c) => c.ticks)).size > 1, 'free scales differ');

    // Trying a measure at every site before the community has it; only its admin defines it.
    await page.getByLabel('Each site on its own scale').uncheck();
    await page.waitForURL((u) => !u.search.includes('scale=free'));
    const workshop = page.locator('form.workshop');
    await stateFifteenOrMore(workshop);
    await workshop.getByLabel('Better is').selectOption('lower');
    await workshop.getByRole('button', { name: 'Chart it at every site' }).click();
    const tried = page.locator('.workshop-result');
    await tried.getByRole('heading', { name: 'PHQ-9 of 15 or more at every site' }).waitFor();
    assert.equal(await tried.locator('.small-multiples > li').count(), 12);
    await tried.getByText('The community’s administrator defines measures for everyone').waitFor();
    await assertAccessible(page, 'a measure tried at every site');
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
    await signInPage(admin, server.url, loginOf(logins, 'admin'));
    await admin.goto(server.url + '/measures');
    const adminWorkshop = admin.locator('form.workshop');
    await stateFifteenOrMore(adminWorkshop);
    await adminWorkshop.getByLabel('Name in Swedish').fill('PHQ-9 på 15 eller mer');
    await adminWorkshop.getByRole('button', { name: 'Chart it at every site' }).click();
    await admin.getByRole('button', { name: 'Define PHQ-9 of 15 or more for the community' }).click();
    await admin.waitForURL(/measure=phq-9-of-15-or-more/);
    assert.equal(await admin.getByLabel('Measure', { exact: true }).inputValue(), 'phq-9-of-15-or-more');
    // Its name in Swedish is kept and shown to those who read covalue in Swedish.
    const defined = await admin.evaluate(async () => (await (await fetch('/api/v1/measures')).json()).items.find((m) => m.id === 'phq-9-of-15-or-more'));
    assert.deepEqual(defined.names, { sv: 'PHQ-9 på 15 eller mer' });
    await admin.evaluate(() => localStorage.setItem('covalue.lang', 'sv'));
    await admin.reload();
    await admin.getByRole('heading', { level: 1, name: 'Mått över enheter' }).waitFor();
    assert.equal(await admin.locator('#community-measure option:checked').innerText(), 'PHQ-9 på 15 eller mer');
    // Its numbers as Swedish writes them: a decimal comma in the tables and on the charts' axes.
    await admin.locator('.small-multiples svg.spc-chart').first().waitFor();
    const swedishCells = await admin.locator('.small-multiples table tbody td:nth-child(2)').allTextContents();
    assert.ok(swedishCells.some((c) => /^\d+,\d+$/.test(c)), swedishCells.slice(0, 5).join(' '));
    assert.ok(!swedishCells.some((c) => /^\d+\.\d+$/.test(c)), 'no decimal point in Swedish');
    const ticks = await admin.locator('.small-multiples svg.spc-chart text.tick').allTextContents();
    assert.ok(ticks.some((c) => c.includes(',')) && !ticks.some((c) => c.includes('.')), ticks.slice(0, 6).join(' '));
    await admin.context().close();

    // On a phone too, chart text stays readable.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'en-GB' })).newPage();
    await signInPage(phone, server.url, loginOf(logins, 'facilitator'));
    await phone.goto(server.url + '/measures?measure=phq9-below-10&period=month');
    await phone.locator('.small-multiples svg.spc-chart').first().waitFor();
    const onPhone = await phone.evaluate(() => {
      const svg = document.querySelector('.small-multiples svg.spc-chart');
      return (12 * svg.getBoundingClientRect().width) / svg.viewBox.baseVal.width;
    });
    assert.ok(onPhone >= 11, `chart text on a phone is ${onPhone} px`);
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing wider than the phone');

    // Every team's progress along the learning cycle and its latest shared passport: one team
    // starts the full guide and moves to its third step.
    const lead = loginOf(logins, 'lead.vastera');
    const leadCookie = await signIn(server.url, lead.username, lead.password);
    const send = async (method, path, body) => {
      const response = await fetch(server.url + path, { method, headers: { cookie: leadCookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.ok(response.ok, `${method} ${path}: ${response.status}`);
      return response.status === 204 ? null : response.json();
    };
    const team = (await (await fetch(server.url + '/api/v1/teams', { headers: { cookie: leadCookie } })).json()).items[0];
    const started = await send('POST', '/api/v1/workbooks', { team_id: team.id, guide_id: 'coproduction-guide-full' });
    await send('PUT', `/api/v1/workbooks/${started.id}/position`, { step: 'step-3' });
    await page.goto(server.url + '/teams');
    const progress = page.locator('section.team-progress');
    await progress.getByRole('heading', { name: 'Every team’s progress' }).waitFor();
    const teams = (await (await page.request.get(server.url + '/api/v1/teams?limit=100')).json()).items;
    assert.equal(await progress.locator('tbody tr').count(), teams.length);
    const cells = await progress.locator('tbody tr td:nth-child(3)').allInnerTexts();
    assert.ok(cells.includes('0 of 9 steps done; at step 3'), cells.join(' | '));
    const passports = await progress.locator('tbody tr td:nth-child(4)').allInnerTexts();
    assert.ok(passports.every((c) => /^Passport of |^Not shared$/.test(c)), passports.join(' | '));
    await assertAccessible(page, 'every team’s progress');

    // A team's page degrades by permission: what the facilitator may not do is said, not offered.
    await progress.getByRole('link', { name: team.name }).click();
    await page.getByRole('heading', { level: 1, name: team.name }).waitFor();
    await page.getByText('Only the team and its site’s administrators start and change its workbooks.').waitFor();
    assert.equal(await page.getByRole('button', { name: /Start a new workbook/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Archive / }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Measures and SPC charts' }).count(), 0);
    await page.getByText('The team’s own measures are for its site’s staff').waitFor();
    await assertAccessible(page, 'a team’s page as the facilitator sees it');
    await context.close();
  });
});
