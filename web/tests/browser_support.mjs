// What the browser tests share: Chromium's flags for this closed network, axe-core, sign-in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

import { startServer, tempDir, writeDemo } from '../../tests/support/covalue_server.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// axe-core's source, evaluated in the page over the DevTools protocol (which the page's
// Content-Security-Policy does not govern, unlike a script tag).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Fails on any serious or critical violation, naming the rule and the elements.
export async function assertAccessible(page, where) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document));
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe-core on ${where}`,
  );
}

// Signs in through the sign-in form, in English or Swedish, and waits for the home page.
export async function signInPage(page, url, login) {
  await page.goto(url + '/signin');
  await page.getByLabel(/Username|Användarnamn/).fill(login.username);
  await page.getByLabel(/Password|Lösenord/).fill(login.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(url + '/');
  await page.locator('h1').first().waitFor();
}

// A served demo database and a Chromium for one test file: call in before(), close in after().
export async function startShell() {
  const dir = tempDir();
  const logins = writeDemo(dir.file('covalue.db'));
  const server = await startServer(dir.file('covalue.db'), ['--web', process.env.COVALUE_WEB ?? 'web/dist']);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    dir,
    logins,
    server,
    browser,
    async close() {
      await browser.close();
      await server.stop();
      dir.remove();
    },
  };
}

// Starts a shell (startShell) before the enclosing describe's tests and closes it after them;
// ready(shell) runs once it has started, to take its server, browser and logins and prepare.
export function useShell(ready) {
  let shell;
  before(async () => {
    shell = await startShell();
    await ready(shell);
  });
  after(async () => {
    await shell?.close();
  });
}
