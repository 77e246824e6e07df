// A new patient on a phone-sized screen fills the PHQ-9, one question per screen, and sees their
// score; their professional then finds it on the dashboard they share, with the instrument's
// bands, a table view, the patient's own words and a visit note.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { loginOf, signIn } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB' };
// The option chosen for each PHQ-9 item (0 Not at all … 3 Nearly every day), and its total.
const CHOICES = [2, 1, 2, 1, 0, 1, 1, 0, 0];
const TOTAL = CHOICES.reduce((a, b) => a + b, 0);
const LABELS = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
const NEWCOMER = { username: 'nora.newcomer', password: 'a long pass phrase for Nora' };

// The PHQ-9's published bands (Kroenke, Spitzer & Williams 2001).
const band = (t) => (t <= 4 ? 'minimal' : t <= 9 ? 'mild' : t <= 14 ? 'moderate' : t <= 19 ? 'moderately severe' : 'severe');

describe('patient questionnaire and shared dashboard', () => {
  let server, browser, logins;
  useShell(async (shell) => {
    ({ server, browser, logins } = shell);
    // The site's administrator gives Nora an account and enrols her, linked to it.
    const admin = loginOf(logins, 'siteadmin.vastera');
    const cookie = await signIn(server.url, admin.username, admin.password);
    const call = async (method, path, body, type = 'application/json') => {
      const response = await fetch(server.url + path, { method, headers: { cookie, 'content-type': type }, body: body && JSON.stringify(body) });
      assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
      return response.json();
    };
    const site = (await call('GET', '/api/v1/sites')).items.find((s) => s.name === 'Västerå Health System');
    const population = (await call('GET', `/api/v1/populations?site_id=${site.id}`)).items[0];
    await call('POST', '/api/v1/users', { ...NEWCOMER, display_name: 'Nora Newcomer', memberships: [{ role: 'patient', site_id: site.id }] });
    await call('POST', '/fhir/r4/Patient', {
      resourceType: 'Patient',
      identifier: [{ value: 'VAS-2026-0042' }],
      gender: 'female',
      birthDate: '1991-02-17',
      extension: [
        { url: 'urn:covalue:fhir:extension:population', valueString: String(population.id) },
        { url: 'urn:covalue:fhir:extension:account', valueString: NEWCOMER.username },
      ],
    }, 'application/fhir+json');
  });

  it('lets a new patient fill the PHQ-9 on a phone and shows their professional the score', async () => {
    const phone = await (await browser.newContext(PHONE)).newPage();
    await signInPage(phone, server.url, NEWCOMER);
    await phone.getByRole('link', { name: 'Your dashboard' }).first().click();
    await phone.getByRole('heading', { level: 1, name: 'Your dashboard' }).waitFor();
    assert.equal(await phone.getByText('Not filled in yet').count() > 0, true);
    await assertAccessible(phone, 'the patient’s dashboard on a phone');
    await phone.getByRole('link', { name: 'Fill in Patient Health Questionnaire (PHQ-9)' }).click();

    for (let i = 0; i < CHOICES.length; i++) {
      await phone.getByText(`Question ${i + 1} of`).waitFor();
      // One question per screen: only this question's options are on it.
      assert.equal(await phone.getByRole('radio').count(), 4);
      if (i === 0) {
        // Going on without an answer is refused, naming why.
        await phone.getByRole('button', { name: 'Next' }).click();
        await phone.getByRole('alert').filter({ hasText: 'This question needs an answer.' }).waitFor();
        await assertAccessible(phone, 'a question on a phone');
        const widest = await phone.evaluate(() => Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)));
        assert.ok(widest <= 390, `nothing is wider than the phone (${widest}px)`);
        const target = await phone.locator('label.choice').first().boundingBox();
        assert.ok(target.height >= 44, `an option is a whole row to tap (${target.height}px)`);
      }
      await phone.getByRole('radio', { name: LABELS[CHOICES[i]], exact: true }).check();
      if (i === 3) {
        // A reload keeps every answer given so far, the one on screen too.
        await phone.reload();
        await phone.getByText('Question 4 of').waitFor();
        assert.equal(await phone.getByRole('radio', { name: LABELS[CHOICES[3]], exact: true }).isChecked(), true);
        await phone.getByRole('button', { name: 'Back' }).click();
        assert.equal(await phone.getByRole('radio', { name: LABELS[CHOICES[2]], exact: true }).isChecked(), true);
        await phone.getByRole('button', { name: 'Next' }).click();
      }
      await phone.getByRole('button', { name: /Next|Check your answers/ }).click();
    }
    // Any problem on the first nine makes the difficulty question appear.
    await phone.getByText(/how difficult have these problems made it/).waitFor();
    await phone.getByRole('radio', { name: 'Somewhat difficult' }).check();
    await phone.getByRole('button', { name: 'Check your answers' }).click();
    await phone.getByRole('heading', { name: 'Check your answers' }).waitFor();
    assert.equal(await phone.getByRole('button', { name: /^Change answer \d+$/ }).count(), 10);
    await phone.getByRole('button', { name: 'Send' }).click();

    await phone.getByRole('heading', { name: 'Thank you' }).waitFor();
    const result = await phone.locator('.score-result').innerText();
    assert.match(result, new RegExp(`Your Patient Health Questionnaire \\(PHQ-9\\) score is ${TOTAL}\\.`));
    assert.match(result, new RegExp(`That is ${band(TOTAL)}\\.`));
    await phone.getByRole('link', { name: 'See your dashboard' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Your dashboard' }).waitFor();
    await phone.getByLabel('What matters most to you now?').fill('Getting back to my choir on Thursdays');
    await phone.getByRole('button', { name: 'Save' }).first().click();
    await phone.getByText('Getting back to my choir on Thursdays').first().waitFor();
    await phone.getByLabel('A question you want to ask').fill('Is the tiredness from the new medicine?');
    await phone.locator('form').filter({ hasText: 'A question you want to ask' }).getByRole('button', { name: 'Save' }).click();
    await phone.locator('.notes').getByText('Is the tiredness from the new medicine?').waitFor();

    // The professional opens Nora's dashboard from the site's patients.
    const desk = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })).newPage();
    await signInPage(desk, server.url, loginOf(logins, 'professional.vastera'));
    await desk.getByRole('link', { name: 'Patients' }).first().click();
    await desk.getByLabel('Find a patient by name or any part of the identifier').fill('VAS-2026');
    const before = await desk.locator('tbody tr').count();
    await desk.getByRole('button', { name: 'Find' }).click();
    // Only the identifiers that start so: the list narrows from the site's patients to one.
    await desk.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    assert.ok(before > 1, `the list held the site's ${before} patients before`);
    assert.match(await desk.locator('tbody tr').innerText(), /VAS-2026-0042/);
    await desk.getByRole('link', { name: 'VAS-2026-0042' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Dashboard of VAS-2026-0042' }).waitFor();
    const series = desk.locator('#series-phq-9');
    await series.getByText(`Latest: ${TOTAL}`).waitFor();
    assert.match(await series.locator('.latest').innerText(), new RegExp(band(TOTAL)));
    // The chart names its bands in text, and its table holds the same value.
    const chartText = await series.locator('svg.score-chart').textContent();
    for (const label of ['minimal', 'mild', 'moderate', 'moderately severe', 'severe']) assert.ok(chartText.includes(label), label);
    await series.getByText('Show as a table').click();
    const cells = await series.locator('table tbody tr').first().locator('td').allInnerTexts();
    assert.deepEqual(cells, [String(TOTAL), band(TOTAL)]);
    await desk.locator('.words').getByText('Getting back to my choir on Thursdays').waitFor();
    await desk.locator('.words').getByText('Is the tiredness from the new medicine?').waitFor();
    assert.equal(await desk.getByLabel('What matters most to you now?').count(), 0, 'the patient’s words are theirs to write');
    await desk.getByLabel('Note of this visit').fill('Talked about sleep; PHQ-9 again in four weeks.');
    await desk.locator('form').filter({ hasText: 'Note of this visit' }).getByRole('button', { name: 'Save' }).click();
    await desk.locator('.notes').getByText('Talked about sleep; PHQ-9 again in four weeks.').waitFor();
    await desk.getByRole('heading', { name: /Since the last visit/ }).waitFor();
    await assertAccessible(desk, 'the professional’s view of the shared dashboard');

    // Nora sees the professional's note on her own dashboard.
    await phone.reload();
    await phone.getByText('Talked about sleep; PHQ-9 again in four weeks.').waitFor();
  });

  // After the PHQ-9 above: Nora has one score to compare.
  it('resumes a questionnaire saved for later, and shows patients like me only as bands', async () => {
    const phone = await (await browser.newContext(PHONE)).newPage();
    await signInPage(phone, server.url, NEWCOMER);
    await phone.goto(server.url + '/patients/me');
    await phone.getByRole('link', { name: 'Fill in Generalized Anxiety Disorder scale (GAD-7)' }).click();
    await phone.getByRole('radio', { name: 'Several days', exact: true }).check();
    await phone.getByRole('button', { name: 'Next' }).click();
    await phone.getByRole('radio', { name: 'Not at all', exact: true }).check();
    await phone.getByRole('button', { name: 'Save and finish later' }).click();
    await phone.getByRole('status').filter({ hasText: 'Your answers are saved.' }).waitFor();

    // On another device the draft comes back from the server.
    const other = await (await browser.newContext(PHONE)).newPage();
    await signInPage(other, server.url, NEWCOMER);
    await other.goto(server.url + '/patients/me');
    await other.getByRole('link', { name: 'Continue Generalized Anxiety Disorder scale (GAD-7)' }).click();
    await other.getByRole('status').filter({ hasText: 'Your saved answers are back.' }).waitFor();
    assert.equal(await other.getByRole('radio', { name: 'Several days', exact: true }).isChecked(), true);

    // The demo's population is large enough to compare with; only bands come back.
    await other.goto(server.url + '/patients/me');
    await other.locator('#series-phq-9').getByRole('button', { name: 'Compare with patients like me' }).click();
    const likeMe = other.locator('#series-phq-9 .like-me');
    await likeMe.locator('svg.score-chart').waitFor();
    assert.match(await likeMe.locator('figcaption').innerText(), /The \d+ most similar patients/);
    await likeMe.getByText('Show as a table').click();
    // Quartiles and a median per month, with how many people each month stands on: no rows of
    // any one person.
    const header = await likeMe.locator('thead th').allInnerTexts();
    assert.deepEqual(header, ['Month', 'Lower quartile', 'Median of similar patients', 'Upper quartile', 'People']);
    for (const people of await likeMe.locator('tbody td:last-child').allInnerTexts()) assert.ok(Number(people) >= 20, people);
  });

  // After the tests above: Nora has a PHQ-9 score, her words and a question for the visit.
  it('finds a patient by part of her name with her latest score, and shows the whole picture at the top of her dashboard', async () => {
    const professional = loginOf(logins, 'professional.vastera');
    const cookie = await signIn(server.url, professional.username, professional.password);
    const nora = (await (await fetch(`${server.url}/api/v1/patients?q=VAS-2026-0042`, { headers: { cookie } })).json()).items[0];
    const named = await fetch(`${server.url}/api/v1/patients/${nora.id}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ given: 'Nora', family: 'Newcomer-Lindqvist' }) });
    assert.equal(named.status, 200);

    const desk = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })).newPage();
    await signInPage(desk, server.url, professional);
    await desk.goto(server.url + '/patients');
    await desk.getByLabel('Find a patient by name or any part of the identifier').fill('wcomer-lind');
    await desk.getByRole('button', { name: 'Find' }).click();
    await desk.getByRole('status').filter({ hasText: '1 found.' }).waitFor();
    const row = desk.locator('tbody tr');
    assert.equal(await row.count(), 1);
    // Her row: her name, her latest PHQ-9 with its band, no open alert, nothing overdue.
    const scores = await row.locator('td').nth(1).innerText();
    assert.match(scores, new RegExp(`Patient Health Questionnaire \\(PHQ-9\\) ${TOTAL} \\(${band(TOTAL)}\\)`));
    assert.deepEqual((await row.locator('td').allInnerTexts()).slice(2), ['–', '–']);
    await assertAccessible(desk, 'the patient list with latest scores');
    await row.getByRole('link', { name: 'Nora Newcomer-Lindqvist' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Dashboard of VAS-2026-0042' }).waitFor();

    // The top of the page, within the first screen: what matters to her and her question first,
    // then her latest score with its band, alerts, what is due and the next visit.
    const glance = desk.locator('section.overview');
    await glance.getByRole('heading', { name: 'At a glance' }).waitFor();
    const box = await glance.boundingBox();
    assert.ok(box.y + box.height <= 900, `the overview ends within the first screen (${box.y + box.height}px)`);
    const terms = await glance.locator('dt').allInnerTexts();
    assert.deepEqual(terms, ['What matters to me', 'Questions for the visit', 'Latest scores', 'Open alerts', 'To answer now', 'Next visit']);
    await glance.getByText('Getting back to my choir on Thursdays').waitFor();
    await glance.getByText('Is the tiredness from the new medicine?').waitFor();
    assert.match(await glance.locator('.scores li').first().innerText(), new RegExp(`${TOTAL} \\(${band(TOTAL)}\\)`));
    // Its score links to the chart; the sections follow in a visit's order.
    await glance.getByRole('link', { name: /PHQ-9/ }).click();
    await desk.waitForURL(/#series-phq-9$/);
    const order = await desk.evaluate(() => {
      const before = (a, b) => Boolean(document.querySelector(a).compareDocumentPosition(document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING);
      return [before('section.overview', '.words'), before('.words', '#series-phq-9'), before('#series-phq-9', 'section.answers')];
    });
    assert.deepEqual(order, [true, true, true], 'overview, her words, the instrument, its answers');
  });

  it('shows a person’s coproduction subscales on the value profile’s scale of 1 to 5', async () => {
    const professional = loginOf(logins, 'professional.vastera');
    const cookie = await signIn(server.url, professional.username, professional.password);
    const get = async (path) => (await fetch(server.url + path, { headers: { cookie } })).json();
    // A demo person who answered the coproduction value questionnaire at least twice.
    let person, subscales;
    for (const p of (await get('/api/v1/patients?limit=40')).items) {
      const series = (await get(`/api/v1/patients/${p.id}/dashboard`)).series.filter((s) => s.code.startsWith('coproduction-value-patient/'));
      if (series.length === 6 && series.every((s) => s.points.length >= 2)) {
        person = p;
        subscales = series;
        break;
      }
    }
    assert.ok(person, 'a demo person with two answers');
    // Each subscale's items, read here from the shipped questionnaire's scoring extension.
    const questionnaire = JSON.parse(readFileSync(new URL('../../questionnaires/coproduction-value-patient.json', import.meta.url), 'utf8'));
    const scoring = questionnaire.extension.find((e) => e.url === 'urn:covalue:fhir:extension:scoring');
    const items = new Map(scoring.extension.filter((e) => e.url === 'subscale').map((e) => [e.extension.find((x) => x.url === 'name').valueString, e.extension.filter((x) => x.url === 'item').length]));
    const mean = (s, at) => Number((s.points.at(at).value / items.get(s.code.split('/')[1])).toFixed(2));

    const desk = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })).newPage();
    await signInPage(desk, server.url, professional);
    await desk.goto(`${server.url}/patients/${person.id}`);
    const card = desk.locator('section.coproduction');
    await card.getByRole('heading', { name: 'Coproduction: how care works with you' }).waitFor();
    assert.equal(await card.locator('svg.value-profile-chart').count(), 1);
    const rows = card.locator('tbody tr');
    assert.equal(await rows.count(), 6);
    const communication = subscales.find((s) => s.code.endsWith('/communication'));
    const cells = await rows.filter({ hasText: 'Communication' }).locator('td').allTextContents();
    assert.deepEqual(cells.map(Number), [mean(communication, -1), mean(communication, -2)]);
    for (const text of await rows.locator('td').allTextContents()) {
      assert.ok(Number(text) >= 1 && Number(text) <= 5, `${text} is on the scale of 1 to 5`);
    }
    assert.equal(await desk.locator('section.series[id^="series-coproduction"]').count(), 0, 'no raw subscale totals');
    await assertAccessible(desk, 'a dashboard with the coproduction profile');
  });
});
