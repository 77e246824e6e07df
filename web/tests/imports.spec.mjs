// A site's administrator imports in the browser: a registry file refused with its lines named,
// then the corrected file; the community's administrator imports the public PHQ-9 example and
// a REDCap data dictionary. Each upload goes through the file input as a user's would.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

import { loginOf } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

const require = createRequire(import.meta.url);
const PUBLIC_PHQ9 = require.resolve('hl7.fhir.r4.examples/Questionnaire-phq-9-questionnaire.json');
const DICTIONARY = 'tests/fixtures/redcap/data_dictionary.csv';

describe('imports in the browser', () => {
  let server, browser, logins;
  useShell((shell) => ({ server, browser, logins } = shell));

  it('refuses a registry file naming its lines, then imports the corrected one', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await signInPage(page, server.url, loginOf(logins, 'siteadmin.vastera'));
    await page.getByRole('link', { name: 'Imports' }).first().click();
    await page.getByRole('heading', { name: 'Registry files' }).waitFor();
    const population = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/users/me')).json();
      return (await (await fetch(`/api/v1/populations?site_id=${me.memberships[0].site_id}`)).json()).items[0].id;
    });
    const header = 'identifier,population_id,birth_date,sex,edss\n';
    const good = `WEB-1,${population},1970-01-01,female,4\n`;
    const form = page.locator('form').filter({ hasText: 'Registry file (CSV)' });
    await form.getByLabel('Registry file (CSV)').setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}${good}WEB-2,${population},someday,female,\n`) });
    await form.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nothing was imported: 1 of 2 lines were refused.' }).waitFor();
    const row = await page.locator('table tbody tr').first().locator('th, td').allInnerTexts();
    assert.deepEqual(row.slice(0, 2), ['3', 'birth_date']);
    await assertAccessible(page, 'a refused registry file');

    await form.getByLabel('Registry file (CSV)').setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}${good}`) });
    await form.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').filter({ hasText: '1 patients imported.' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Questionnaires' }).count(), 1, 'a site admin imports their site’s questionnaires');
  });

  it('imports the public PHQ-9 example and a REDCap data dictionary for the community', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await signInPage(page, server.url, loginOf(logins, 'admin'));
    await page.goto(server.url + '/imports');
    const form = page.locator('form').filter({ hasText: 'Questionnaire file' });
    assert.equal(await form.getByLabel('For').inputValue(), '', 'the community by default');
    await form.getByLabel('Questionnaire file').setInputFiles(PUBLIC_PHQ9);
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByRole('status').filter({ hasText: /version 1/ }).waitFor();
    await form.getByLabel('Questionnaire file').setInputFiles(DICTIONARY);
    await form.getByRole('button', { name: 'Import' }).click();
    // The dictionary holds two forms: each becomes a questionnaire.
    await form.getByRole('status').filter({ hasText: 'Phq9: version 1' }).waitFor();
    assert.match(await form.getByRole('status').innerText(), /Enrolment: version 1/);
    await form.getByLabel('Questionnaire file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"resourceType": "Questionnaire", "item": [') });
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByRole('alert').filter({ hasText: /Nothing was imported: .*line 1/ }).waitFor();
  });

  // After the import above: a patient fills the REDCap form on a phone, ticking checkboxes that
  // switch a follow-up question on.
  it('lets a patient fill the imported REDCap form, with its checkboxes and branching', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' })).newPage();
    await signInPage(page, server.url, loginOf(logins, 'patient.vastera'));
    await page.goto(server.url + '/patients/me');
    await page.getByRole('link', { name: 'Fill in Phq9' }).click();
    const choices = [1, 2, 0, 1, 0, 0, 1, 0, 0];
    const labels = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
    for (const choice of choices) {
      await page.getByRole('radio', { name: labels[choice], exact: true }).check();
      await page.getByRole('button', { name: 'Next' }).click();
    }
    await page.getByText('Which of these did you also have?').waitFor();
    assert.equal(await page.getByRole('checkbox').count(), 3);
    await page.getByRole('checkbox', { name: 'Fatigue' }).check();
    assert.equal(await page.locator('#fill-progress').innerText(), 'Question 10 of 10');
    await page.getByRole('checkbox', { name: 'Something else' }).check();
    // Ticking "Something else" switches its question on: one more to go.
    assert.equal(await page.locator('#fill-progress').innerText(), 'Question 10 of 11');
    await page.getByRole('button', { name: 'Next' }).click();
    assert.equal(await page.locator('#fill-progress').innerText(), 'Question 11 of 11');
    await page.getByLabel(/Describe the other symptom/).fill('Dizzy in the mornings');
    await page.getByRole('button', { name: /Next|Check your answers/ }).click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    assert.match(await page.locator('.review').innerText(), /Fatigue, Something else/);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    assert.match(await page.locator('.score-result').innerText(), new RegExp(`score is ${choices.reduce((a, b) => a + b, 0)}\\.`));
  });
});
