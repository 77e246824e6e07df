// A Swedish patient on a phone: her site asks its people with MS for the PHQ-9 every three
// months; her home shows it due with the day, in Swedish; she answers the Swedish PHQ-9 and reads
// her score and band in Swedish; then it is answered and her home says when it is next asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loginOf, signIn } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'sv-SE' };
// The option chosen for each PHQ-9 item (0 Inte alls … 3 Nästan varje dag), and its total.
const CHOICES = [1, 1, 2, 0, 0, 1, 1, 0, 0];
const TOTAL = CHOICES.reduce((a, b) => a + b, 0);
const LABELS = ['Inte alls', 'Flera dagar', 'Mer än hälften av dagarna', 'Nästan varje dag'];
// The Swedish version's questions, in order (Pfizer AB; the questionnaire's translation).
const FIRST = 'Lite intresse eller glädje i att göra saker';
const NINTH = 'Tankar att det skulle vara bättre om du var död eller att du skulle skada dig på något sätt';
const TITLE = 'Patient Health Questionnaire (PHQ-9), svensk version';
const swedishDay = (ms) => new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(ms));

describe('a Swedish patient and her schedule', () => {
  let server, browser, logins, due;
  useShell(async (shell) => {
    ({ server, browser, logins } = shell);
    const call = async (who, method, path, body) => {
      const login = loginOf(logins, who);
      const cookie = await signIn(server.url, login.username, login.password);
      const response = await fetch(server.url + path, { method, headers: { cookie, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
      assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
      return response.json();
    };
    const site = loginOf(logins, 'siteadmin.vastera').site_id;
    const population = (await call('siteadmin.vastera', 'GET', `/api/v1/populations?site_id=${site}`)).items[0];
    await call('siteadmin.vastera', 'POST', '/api/v1/schedules', { population_id: population.id, questionnaire_id: 'phq-9', kind: 'every', every: 3, unit: 'months', window_days: 14 });
    const me = (await call('patient.vastera', 'GET', '/api/v1/patients')).items[0];
    due = (await call('patient.vastera', 'GET', `/api/v1/patients/${me.id}/due`)).items.find((d) => d.questionnaire_id === 'phq-9');
  });

  it('shows the PHQ-9 due in Swedish, and takes and scores her Swedish answers', async () => {
    const phone = await (await browser.newContext(PHONE)).newPage();
    await signInPage(phone, server.url, loginOf(logins, 'patient.vastera'));
    // Her home: what to answer, with the day, as Swedish writes a day.
    const asked = phone.locator('section.due');
    await asked.getByRole('heading', { name: 'Att besvara' }).waitFor();
    await asked.getByText(`Besvara senast ${swedishDay(due.due_ms)}`).waitFor();
    assert.match(swedishDay(due.due_ms), /^\d{1,2} [a-zåäö]+\.? \d{4}$/, 'a Swedish day: "19 dec. 2026"');
    await assertAccessible(phone, 'a Swedish patient’s home on a phone');
    await asked.getByRole('link', { name: `Besvara ${TITLE}` }).click();

    await phone.getByText('Under de senaste 2 veckorna, hur ofta har du besvärats av något av följande problem?').first().waitFor();
    for (let i = 0; i < CHOICES.length; i++) {
      await phone.getByText(`Fråga ${i + 1} av`).waitFor();
      if (i === 0) {
        await phone.getByText(FIRST).waitFor();
        await assertAccessible(phone, 'a Swedish question on a phone');
        const widest = await phone.evaluate(() => Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)));
        assert.ok(widest <= 390, `nothing is wider than the phone (${widest}px)`);
      }
      if (i === 8) await phone.getByText(NINTH).waitFor();
      await phone.getByRole('radio', { name: LABELS[CHOICES[i]], exact: true }).check();
      await phone.getByRole('button', { name: /Nästa|Granska dina svar/ }).click();
    }
    await phone.getByText(/hur stora svårigheter har dessa problem förorsakat dig/).waitFor();
    await phone.getByRole('radio', { name: 'Vissa svårigheter' }).check();
    await phone.getByRole('button', { name: 'Granska dina svar' }).click();
    await phone.getByRole('heading', { name: 'Granska dina svar' }).waitFor();
    await phone.getByRole('button', { name: 'Skicka' }).click();

    await phone.getByRole('heading', { name: 'Tack' }).waitFor();
    const result = await phone.locator('.score-result').innerText();
    assert.match(result, new RegExp(`Din poäng på ${TITLE.replace(/[()]/g, '\\$&')} är ${TOTAL}\\.`));
    assert.match(result, /Det motsvarar lindrig\./, 'the band in Swedish (5–9: mild)');
    await assertAccessible(phone, 'the Swedish score');

    // Answered: her home says when it is asked next, as a Swedish day.
    await phone.goto(server.url + '/');
    const next = phone.locator('section.due');
    await next.getByText('Inget att besvara just nu.').waitFor();
    const line = await next.locator('ul.meta li').innerText();
    assert.match(line, new RegExp(`^${TITLE.replace(/[()]/g, '\\$&')}: Nästa från \\d{1,2} [a-zåäö]+\\.? \\d{4}$`), line);

    // Her dashboard: her population named in Swedish, and her own scores over the months (the
    // demo's history of her) with today's answer last.
    const me = await phone.evaluate(async () => (await (await fetch('/api/v1/patients')).json()).items[0].id);
    await phone.goto(`${server.url}/patients/${me}`);
    await phone.locator('.lede').getByText(/^Personer med MS · född /).waitFor();
    const phq9 = await phone.evaluate(async (id) => (await (await fetch(`/api/v1/patients/${id}/dashboard`)).json()).series.find((s) => s.code === 'phq-9').points, me);
    assert.ok(phq9.length >= 20, `${phq9.length} PHQ-9 scores of her own`);
    assert.equal(phq9.at(-1).value, TOTAL);
    await assertAccessible(phone, 'a Swedish patient’s dashboard');
  });
});
