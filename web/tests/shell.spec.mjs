// The web shell in Debian's Chromium, as a new user meets it: sign in, navigate, switch
// language, on a phone and right-to-left, with axe-core on every page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loginOf } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

describe('web shell', () => {
  let server, browser, logins;
  useShell((shell) => ({ server, browser, logins } = shell));

  async function newPage(options = {}) {
    const context = await browser.newContext(options);
    return context.newPage();
  }

  const signIn = (page, username, password) => signInPage(page, server.url, { username, password });

  for (const [lang, locale, signInTitle, welcome] of [
    ['en', 'en-GB', 'Sign in', 'Welcome'],
    ['sv', 'sv-SE', 'Logga in', 'Välkommen'],
  ]) {
    it(`signs in and has no serious accessibility violation on the sign-in and home pages (${lang})`, async () => {
      const page = await newPage({ locale });
      await page.goto(server.url + '/');
      await page.waitForURL(/\/signin$/);
      assert.equal(await page.locator('h1').textContent(), signInTitle);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await assertAccessible(page, `sign-in (${lang})`);

      const member = loginOf(logins, 'member.vastera');
      await signIn(page, member.username, member.password);
      assert.match(await page.locator('h1').textContent(), new RegExp(`^${welcome}, Mats Member$`));
      await assertAccessible(page, `home (${lang})`);
      await page.context().close();
    });
  }

  it('tells a wrong password in an alert and keeps the user on the sign-in page', async () => {
    const page = await newPage({ locale: 'en-GB' });
    await page.goto(server.url + '/signin');
    await page.getByLabel('Username').fill('member.vastera');
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor());
    assert.match(page.url(), /\/signin$/);
    await page.context().close();
  });

  it('navigates sites, teams and the account from the menu, with the keyboard', async () => {
    const page = await newPage({ locale: 'en-GB' });
    const lead = loginOf(logins, 'lead.vastera');
    await signIn(page, lead.username, lead.password);
    // The page's heading has focus; going back through the header by keyboard reaches every
    // control and, first of all, the skip link, which leads to the content.
    const seen = [];
    for (let i = 0; i < 12 && seen.at(-1) !== 'Skip to content'; i++) {
      await page.keyboard.press('Shift+Tab');
      seen.push(await page.evaluate(() => document.activeElement?.textContent?.trim()));
    }
    assert.equal(seen.at(-1), 'Skip to content', seen.join(' | '));
    assert.ok(seen.includes('Sign out') && seen.includes('Sites'), seen.join(' | '));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sites of the community' }).waitFor();
    assert.equal(await page.locator('main .cards > li').count(), 12);
    await assertAccessible(page, 'sites');

    await page.getByRole('link', { name: 'Västerå Health System' }).click();
    await page.getByRole('heading', { level: 2, name: 'Populations' }).waitFor();
    assert.ok(await page.getByText('People with MS').isVisible());

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('link', { name: 'Västerå MS Team' }).click();
    await page.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
    assert.ok(await page.getByText('Lena Lead (Team lead)').isVisible());
    await assertAccessible(page, 'team');

    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    assert.ok(await page.getByText('Team lead, in Västerå MS Team').isVisible());
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.context().close();
  });

  it('switches language in place and remembers it', async () => {
    const page = await newPage({ locale: 'en-GB' });
    const patient = loginOf(logins, 'patient.vastera');
    await signIn(page, patient.username, patient.password);
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Pia Lindqvist' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Välkommen, Pia Lindqvist' }).waitFor();
    await page.context().close();
  });

  it('names a team in the reader’s language', async () => {
    const page = await newPage({ locale: 'en-GB' });
    const lead = loginOf(logins, 'lead.vastera');
    await signIn(page, lead.username, lead.password);
    await page.goto(server.url + '/teams');
    await page.getByRole('link', { name: 'Västerå MS Team' }).waitFor();
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('link', { name: 'Västerås MS-team' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Västerås MS-team' }).waitFor();
    await page.context().close();
  });

  it('shows a patient that another site’s team is out of reach', async () => {
    const page = await newPage({ locale: 'en-GB' });
    const patient = loginOf(logins, 'patient.vastera');
    await signIn(page, patient.username, patient.password);
    await page.goto(server.url + '/teams/3');
    await page.getByRole('heading', { level: 1, name: 'You do not have access to this page.' }).waitFor();
    await page.context().close();
  });

  it('lays out on a phone and right-to-left without overflow, mirrored, and accessible', async () => {
    const page = await newPage({ locale: 'en-GB', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const admin = loginOf(logins, 'admin');
    await signIn(page, admin.username, admin.password);
    await page.goto(server.url + '/?dir=rtl');
    await page.locator('h1').waitFor();
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
    const brand = await page.locator('.brand').boundingBox();
    assert.ok(brand.x + brand.width > 360 / 2, 'the brand sits at the right edge right-to-left');
    await assertAccessible(page, 'home, phone, right-to-left');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await assertAccessible(page, 'audit trail, phone, right-to-left');
    // Every page an administrator reaches, right-to-left on the phone: nothing wider than the
    // screen (wide tables scroll inside their frame), nothing serious for axe.
    const site = (await (await page.request.get(server.url + '/api/v1/sites')).json()).items[0].id;
    const account = (await (await page.request.get(server.url + '/api/v1/users')).json()).items[0].id;
    const teams = (await (await page.request.get(server.url + '/api/v1/teams?limit=500')).json()).items;
    const team = teams[0].id;
    // The demo's process map (the Västerå team's), read and edited on the phone.
    const vastera = teams.find((t) => t.name === 'Västerå MS Team').id;
    const map = (await (await page.request.get(`${server.url}/api/v1/teams/${vastera}/process-maps`)).json()).items[0].id;
    for (const path of ['/sites', `/sites/${site}`, `/sites/${site}/access`, `/sites/${site}/unit-costs`, '/teams', `/teams/${team}`, `/teams/${team}/measures`, `/teams/${vastera}/value`, `/process-maps/${map}`, '/admin/users', `/admin/users/${account}`, '/measures', '/guides', '/account']) {
      await page.goto(server.url + path);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl', path);
      const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wider <= 0, `${path} is wider than the phone by ${wider}px`);
      await assertAccessible(page, `${path}, phone, right-to-left`);
    }
    await page.context().close();
  });
});
