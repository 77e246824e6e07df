// Administration in the browser: the community's admin adds a site; a site's admin adds a
// population and a team, an account with a role, and gives and takes roles; the new person signs
// in; the admin resets a password and deactivates the account, and reads all of it in the audit
// trail, newest first, filtered, and as a CSV file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loginOf } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'en-GB' };

describe('administration', () => {
  let server, browser, logins;
  useShell((shell) => ({ server, browser, logins } = shell));

  it('lets the community’s admin add a site and change its name', async () => {
    const page = await (await browser.newContext(DESKTOP)).newPage();
    await signInPage(page, server.url, loginOf(logins, 'admin'));
    await page.goto(server.url + '/sites');
    await page.getByRole('heading', { name: 'Add a site' }).waitFor();
    await assertAccessible(page, 'the sites page with its form');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add a site' }) });
    await form.getByLabel('Site').fill('Nordby sykehus');
    await form.getByLabel('Country').fill('N1');
    await form.getByRole('button', { name: 'Add' }).click();
    // The server's refusal, named at the field.
    await form.getByRole('alert').filter({ hasText: /country/ }).waitFor();
    assert.equal(await form.getByLabel('Country').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('Country').fill('NO');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nordby sykehus' }).waitFor();
    const id = Number(page.url().split('/').pop());
    await page.getByText(`id ${id}`).waitFor();
    await page.getByText('Change the site’s name or country').click();
    await page.getByLabel('Site').fill('Nordby universitetssykehus');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nordby universitetssykehus' }).waitFor();
    // A site's admin sees no site form: the page leaves out what they may not do.
    const other = await (await browser.newContext(DESKTOP)).newPage();
    await signInPage(other, server.url, loginOf(logins, 'siteadmin.vastera'));
    await other.goto(server.url + '/sites');
    await other.getByRole('heading', { level: 1, name: 'Sites of the community' }).waitFor();
    assert.equal(await other.getByRole('heading', { name: 'Add a site' }).count(), 0);
  });

  it('lets a site’s admin add a population, a team and an account; the new person signs in', async () => {
    const admin = loginOf(logins, 'siteadmin.vastera');
    const page = await (await browser.newContext(DESKTOP)).newPage();
    await signInPage(page, server.url, admin);

    // A population, its id shown for registry files.
    await page.goto(`${server.url}/sites/${admin.site_id}`);
    const population = page.locator('form', { has: page.getByRole('heading', { name: 'Add a population' }) });
    await population.getByLabel('Name of the population').fill('People with Parkinson’s disease');
    await population.getByLabel('Description', { exact: true }).fill('Adults followed at the movement disorders clinic');
    await population.getByLabel('Description in Swedish').fill('Vuxna som följs på mottagningen för rörelsesjukdomar');
    await population.getByRole('button', { name: 'Add' }).click();
    const card = page.locator('li.card', { has: page.getByRole('heading', { name: 'People with Parkinson’s disease' }) });
    await card.getByText(/Population id \d+/).waitFor();
    const populationId = Number((await card.getByText(/Population id \d+/).textContent()).match(/\d+/)[0]);
    await assertAccessible(page, 'a site page with its admin’s forms');

    // A team for it.
    await page.goto(server.url + '/teams');
    const teamForm = page.locator('form', { has: page.getByRole('heading', { name: 'Add a team' }) });
    await teamForm.getByLabel('Name of the team').fill('Parkinson team');
    await teamForm.getByLabel('Name in Swedish').fill('Parkinsonteamet');
    await teamForm.getByLabel('Population').selectOption(String(populationId));
    await teamForm.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('heading', { level: 1, name: 'Parkinson team' }).waitFor();
    const teamId = Number(page.url().split('/').pop());
    const stored = async (path) => (await page.request.get(server.url + path)).json();
    assert.deepEqual((await stored(`/api/v1/teams/${teamId}`)).names, { sv: 'Parkinsonteamet' });
    assert.deepEqual((await stored(`/api/v1/populations/${populationId}`)).descriptions, { sv: 'Vuxna som följs på mottagningen för rörelsesjukdomar' });
    await assertAccessible(page, 'a new team’s page');

    // An account, a professional of the site.
    await page.goto(server.url + '/admin/users');
    await page.getByText('Add an account').first().click();
    await page.getByLabel('Username').fill('nurse.lind');
    await page.getByLabel('Name', { exact: true }).fill('Karin Lind');
    await page.getByLabel(/First password/).fill('short');
    await page.getByLabel('Role').selectOption('professional');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByRole('alert').filter({ hasText: /password/ }).waitFor();
    await page.getByLabel(/First password/).fill('a long first password');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Karin Lind (nurse.lind)' }).waitFor();
    const userId = Number(page.url().split('/').pop());
    await page.getByText('Health professional, at').waitFor();
    await assertAccessible(page, 'an account’s page');

    // One more role, in the new team, then taken back.
    const grant = page.locator('form', { has: page.getByRole('heading', { name: 'Give a role' }) });
    await grant.getByLabel('Role').selectOption('team_member');
    await grant.getByLabel('Team').selectOption(String(teamId));
    await grant.getByRole('button', { name: 'Give the role' }).click();
    await page.getByText('Team member, in Parkinson team').waitFor();
    await page.getByRole('button', { name: 'Revoke Team member, in Parkinson team' }).click();
    await page.getByText('Team member, in Parkinson team').waitFor({ state: 'detached' });
    await page.getByText('Health professional, at').waitFor();
    await grant.getByLabel('Role').selectOption('team_lead');
    await grant.getByLabel('Team').selectOption(String(teamId));
    await grant.getByRole('button', { name: 'Give the role' }).click();
    await page.getByText('Team lead, in Parkinson team').waitFor();

    // The new person signs in and finds their team.
    const nurse = await (await browser.newContext(DESKTOP)).newPage();
    await signInPage(nurse, server.url, { username: 'nurse.lind', password: 'a long first password' });
    await nurse.getByRole('heading', { level: 1, name: 'Welcome, Karin Lind' }).waitFor();
    await nurse.getByRole('link', { name: 'Parkinson team' }).waitFor();

    // A reset password ends her session; the new one works.
    await page.getByText('Reset the password').first().click();
    await page.getByLabel(/New password/).fill('a second long password');
    await page.getByRole('button', { name: 'Reset the password' }).click();
    await page.getByText('The password is reset.').waitFor();
    await nurse.reload();
    await nurse.waitForURL(server.url + '/signin');
    await signInPage(nurse, server.url, { username: 'nurse.lind', password: 'a second long password' });

    // Deactivated: signed out, and refused at sign-in.
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Deactivate the account' }).click();
    await page.getByRole('button', { name: 'Reactivate the account' }).waitFor();
    await page.getByText(/deactivated/).first().waitFor();
    await nurse.reload();
    await nurse.waitForURL(server.url + '/signin');
    await nurse.getByLabel('Username').fill('nurse.lind');
    await nurse.getByLabel('Password').fill('a second long password');
    await nurse.keyboard.press('Enter');
    await nurse.getByRole('alert').filter({ hasText: /wrong/ }).waitFor();

    // The site's audit trail, filtered to the records about her account: the roles given and
    // taken, newest first.
    await page.goto(`${server.url}/admin/audit?person_id=${userId}&action=membership.`);
    await page.locator('tbody tr').first().waitFor();
    assert.deepEqual(
      await page.locator('tbody tr td:nth-child(4)').allTextContents(),
      ['membership.grant', 'membership.revoke', 'membership.grant', 'membership.grant'],
    );
    await assertAccessible(page, 'the filtered audit trail');

    // The community's audit trail, filtered to what she did (her sign-ins are no site's), and
    // the same records as CSV.
    const community = await (await browser.newContext(DESKTOP)).newPage();
    await signInPage(community, server.url, loginOf(logins, 'admin'));
    await community.goto(server.url + '/admin/audit');
    await community.getByLabel('User').selectOption(String(userId));
    await community.getByRole('button', { name: 'Filter', exact: true }).click();
    await community.waitForURL(/user_id=/);
    const rows = community.locator('tbody tr');
    await rows.first().waitFor();
    const seqs = (await rows.locator('td:first-child').allTextContents()).map(Number);
    assert.ok(seqs.length >= 2, 'her sign-ins are listed');
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
    for (const user of await rows.locator('td:nth-child(3)').allTextContents()) assert.match(user, /^nurse\.lind/);
    const href = await community.getByRole('link', { name: 'Download these records as CSV' }).getAttribute('href');
    const csv = await community.request.get(server.url + href);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    assert.equal(lines[0].split(',')[3], 'username');
    assert.deepEqual(lines.slice(1).map((line) => Number(line.split(',')[0])), seqs);
    assert.ok(lines.slice(1).every((line) => line.split(',')[3] === 'nurse.lind'));
    assert.ok(lines.slice(1).some((line) => line.split(',')[5] === 'auth.login'));

    // Filtered by action family and a day with nothing in it.
    await page.goto(`${server.url}/admin/audit?action=population.&from=2001-01-01&to=2001-01-02`);
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 0);
    await page.goto(`${server.url}/admin/audit?action=population.`);
    await page.locator('tbody tr').first().waitFor();
    for (const action of await page.locator('tbody tr td:nth-child(4)').allTextContents()) assert.match(action, /^population\./);
  });
});
