// De-identified research data in the browser: a researcher opens a project, the site's own
// admin reads its purpose and approves it for their site, and the researcher downloads the
// export's files; the page is accessible to both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loginOf } from '../../tests/support/covalue_server.mjs';
import { assertAccessible, signInPage, useShell } from './browser_support.mjs';

describe('a researcher\'s project, approved by a site\'s admin', () => {
  let server, browser, logins;
  useShell(async (shell) => {
    ({ server, browser, logins } = shell);
  });

  it('opens, is approved, and gives de-identified files', async () => {
    const researcher = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signInPage(researcher, server.url, loginOf(logins, 'researcher'));
    await researcher.getByRole('link', { name: 'Research data' }).first().click();
    await researcher.getByRole('heading', { name: 'De-identified research data' }).waitFor();
    await researcher.getByText('No research project yet.').waitFor();
    await researcher.getByLabel('Title').fill('Relapses and self-efficacy');
    await researcher.getByLabel('Purpose').fill('How self-efficacy follows relapses');
    await researcher.getByLabel('Shift dates by up to (days)').fill('30');
    await researcher.getByRole('button', { name: 'Open the project' }).click();
    const project = researcher.getByRole('article', { name: 'Relapses and self-efficacy' });
    await project.getByText('No site approves this project yet.').waitFor();
    await assertAccessible(researcher, 'a researcher\'s projects');

    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const siteAdmin = loginOf(logins, 'siteadmin.vastera');
    await signInPage(admin, server.url, siteAdmin);
    await admin.goto(`${server.url}/research-projects`);
    const asked = admin.getByRole('article', { name: 'Relapses and self-efficacy' });
    await asked.getByText('How self-efficacy follows relapses').waitFor();
    await assertAccessible(admin, 'projects to approve');
    await asked.getByRole('button', { name: /^Approve for / }).click();
    await admin.getByRole('article', { name: 'Relapses and self-efficacy' }).getByRole('button', { name: /^Revoke for / }).waitFor();

    await researcher.reload();
    await project.getByText(/^Approved by: /).waitFor();
    const [download] = await Promise.all([researcher.waitForEvent('download'), project.getByRole('link', { name: 'people.csv' }).click()]);
    const text = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
    const [header, first] = text.split('\r\n');
    assert.equal(header, 'person,site_id,population_id,sex,age_band_at_enrolment,enrolled,diagnosed');
    assert.match(first, /^R[0-9a-f]{16},/);
    assert.equal(await project.getByRole('link').count(), 6, 'people, observations, scores, codes, summary, dictionary');
  });
});
