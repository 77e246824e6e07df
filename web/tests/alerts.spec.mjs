// An answer about self-harm reaches a person. A patient on a phone answers PHQ-9 item 9
// "several days" and is told at once what to do now; their professional signs in, sees the
// alert first, reads the answers item by item and acknowledges it with a note; the alert leaves
// the worklist and stays in the audit trail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loginOf, signIn } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB' };
const LABELS = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
// Item 9 "several days"; the total 11, moderate: a score alone would not say what matters.
const CHOICES = [2, 1, 2, 1, 1, 1, 1, 1, 1];

describe('a PHQ-9 answer about self-harm', () => {
  let server, browser, logins;
  useShell((shell) => ({ server, browser, logins } = shell));

  it('tells the patient what to do now, and reaches a professional who acknowledges it', async () => {
    const patient = loginOf(logins, 'patient.vastera');
    const phone = await (await browser.newContext(PHONE)).newPage();
    await signInPage(phone, server.url, patient);
    await phone.goto(server.url + '/patients/me');
    await phone.getByRole('link', { name: 'Fill in Patient Health Questionnaire (PHQ-9)' }).click();
    for (let i = 0; i < CHOICES.length; i++) {
      await phone.getByText(`Question ${i + 1} of`).waitFor();
      await phone.getByRole('radio', { name: LABELS[CHOICES[i]], exact: true }).check();
      await phone.getByRole('button', { name: /Next|Check your answers/ }).click();
    }
    await phone.getByText(/how difficult have these problems made it/).waitFor();
    await phone.getByRole('radio', { name: 'Somewhat difficult' }).check();
    await phone.getByRole('button', { name: 'Check your answers' }).click();
    await phone.getByRole('button', { name: 'Send' }).click();

    // Never only a score: what to do now comes first, said at once to a screen reader.
    await phone.getByRole('heading', { level: 1, name: 'Please read this now' }).waitFor();
    const crisis = phone.getByRole('alert').filter({ hasText: 'emergency' });
    await crisis.waitFor();
    assert.match(await crisis.innerText(), /112/);
    assert.match(await crisis.innerText(), /better off dead/);
    assert.match(await phone.locator('.score-result').innerText(), /score is 11\./);
    const order = await phone.evaluate(() => {
      const crisisBox = document.querySelector('.crisis');
      const score = document.querySelector('.score-result');
      return Boolean(crisisBox.compareDocumentPosition(score) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(order, 'what to do comes before the score');
    await assertAccessible(phone, 'the crisis message on a phone');
    const widest = await phone.evaluate(() => Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)));
    assert.ok(widest <= 390, `nothing is wider than the phone (${widest}px)`);
    // The patient's dashboard keeps the message while the alert is open.
    await phone.getByRole('link', { name: 'See your dashboard' }).click();
    await phone.locator('.alerts-card .crisis').waitFor();

    // The professional: the alert first on the worklist.
    const desk = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })).newPage();
    await signInPage(desk, server.url, loginOf(logins, 'professional.vastera'));
    await desk.getByRole('link', { name: 'Alerts' }).first().click();
    await desk.getByRole('heading', { level: 1, name: 'Alerts to act on' }).waitFor();
    const first = desk.locator('li.alert').first();
    assert.match(await first.innerText(), /DEMO-patient\.vastera/);
    assert.match(await first.innerText(), /better off dead.*Several days/s);
    assert.match(await first.innerText(), /High priority/);
    await assertAccessible(desk, 'the worklist');
    await first.getByRole('link', { name: 'DEMO-patient.vastera' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Dashboard of DEMO-patient.vastera' }).waitFor();
    // On the dashboard the open alert comes before everything else.
    const firstCard = await desk.locator('.dashboard > section.card').first().locator('h2').innerText();
    assert.equal(firstCard, 'Open alerts');
    // The answers item by item, not only the total.
    const answers = desk.locator('.answers details').first();
    assert.match(await answers.locator('summary').innerText(), /total 11/);
    const item9 = answers.locator('dt').filter({ hasText: 'better off dead' });
    assert.equal(await item9.locator('xpath=following-sibling::dd[1]').innerText(), 'Several days');
    assert.equal(await answers.locator('dt').count(), 10);
    await assertAccessible(desk, 'the dashboard with an open alert');

    // Acknowledging needs a note.
    await desk.getByRole('button', { name: 'Acknowledge' }).click();
    await desk.getByRole('status').filter({ hasText: 'Write what you did before acknowledging.' }).waitFor();
    await desk.getByLabel('What you did (note)').fill('Phoned her at 14:10; safe, seeing her GP tomorrow; safety plan agreed.');
    await desk.getByRole('button', { name: 'Acknowledge' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Dashboard of DEMO-patient.vastera' }).waitFor();
    await desk.waitForFunction(() => !document.querySelector('.alerts-card'));

    // Gone from the worklist, kept in the audit trail.
    await desk.getByRole('link', { name: 'Alerts' }).first().click();
    await desk.getByText('No open alerts.').waitFor();
    const admin = loginOf(logins, 'siteadmin.vastera');
    const cookie = await signIn(server.url, admin.username, admin.password);
    const trail = await (await fetch(`${server.url}/api/v1/audit?limit=500`, { headers: { cookie } })).json();
    const actions = trail.items.filter((r) => r.resource_type === 'alert').map((r) => r.action);
    assert.ok(actions.includes('alert.raise'), actions.join());
    assert.ok(actions.includes('alert.acknowledge'), actions.join());
    // And the patient's message is gone once it is acknowledged.
    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: 'Your dashboard' }).waitFor();
    assert.equal(await phone.locator('.alerts-card').count(), 0);
  });

  it('lets the site’s admin write the crisis contacts, and shows who can see the site', async () => {
    const admin = loginOf(logins, 'siteadmin.vastera');
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await signInPage(page, server.url, admin);
    await page.goto(`${server.url}/sites/${admin.site_id}`);
    await page.getByRole('link', { name: 'Crisis contacts and alerts' }).click();
    await page.getByRole('heading', { level: 1, name: /Crisis contacts and alerts of/ }).waitFor();
    assert.match(await page.getByLabel('What to do now (English)').inputValue(), /emergency/);
    await page.getByLabel('What to do now (English)').fill('Call 112, or the Västerå crisis line on 010-123 45 67, now.');
    await page.getByLabel('Working days before an open alert is overdue').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await assertAccessible(page, 'the site’s crisis contacts');
    const cookie = await signIn(server.url, admin.username, admin.password);
    const settings = await (await fetch(`${server.url}/api/v1/sites/${admin.site_id}/settings`, { headers: { cookie } })).json();
    assert.equal(settings.crisis_contacts.en, 'Call 112, or the Västerå crisis line on 010-123 45 67, now.');
    assert.equal(settings.alert_working_days, 1);

    await page.goto(`${server.url}/sites/${admin.site_id}`);
    await page.getByRole('link', { name: 'Who can see this site' }).click();
    await page.getByRole('heading', { level: 1, name: /Who can see/ }).waitFor();
    assert.match(await page.locator('table').first().innerText(), /professional\.vastera/);
    assert.match(await page.locator('table').nth(1).innerText(), /facilitator/);
    await assertAccessible(page, 'who can see the site');
  });
});
