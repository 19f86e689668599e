// TEMPORARY: screenshots + full axe listing; deleted after review.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/api-client.ts';
import { launchBrowser, signInContext } from './support/browser.ts';
import type { Browser } from 'playwright-core';

let app: TestServer;
let browser: Browser;
const require = createRequire(import.meta.url);
const axeSource = readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

beforeAll(async () => {
  app = await startTestServer({ web: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('screens', async () => {
  for (const role of ['student', 'supervisor'] as const) {
    const account = await signUp(app.url, {
      role,
      name: role === 'student' ? 'Ada Lovelace' : 'Priya Raman',
    });
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: width === 360 ? 740 : 900 } });
      const page = await context.newPage();
      const shots: [string, string][] =
        role === 'student'
          ? [
              ['landing', '/'],
              ['signup', '/signup?role=student'],
              ['login', '/login'],
              ['404', '/nope'],
            ]
          : [];
      for (const [name, url] of shots) {
        await page.goto(app.url + url);
        await page.screenshot({ path: `/tmp/shot-${name}-${width}.png`, fullPage: true });
        await page.addScriptTag({ content: axeSource });
        const r = await page.evaluate(() => (window as any).axe.run(document));
        console.log(
          name,
          width,
          JSON.stringify(
            r.violations.map((v: any) => [
              v.id,
              v.impact,
              v.nodes.length,
              v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3),
            ]),
          ),
        );
      }
      if (role === 'student') {
        await page.goto(app.url + '/signup');
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.getByRole('alert').waitFor();
        await page.screenshot({ path: `/tmp/shot-signup-errors-${width}.png`, fullPage: true });
        await page.goto(app.url + '/login');
        await page.getByLabel('Email').fill(account.user.email);
        await page.getByLabel('Password', { exact: true }).fill('wrongwrongwrong');
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.getByRole('alert').waitFor();
        await page.keyboard.press('Tab');
        await page.screenshot({ path: `/tmp/shot-login-errors-${width}.png`, fullPage: true });
      }
      await signInContext(context, app.url, account);
      await page.goto(app.url + '/dashboard');
      await page.screenshot({ path: `/tmp/shot-dashboard-${role}-${width}.png`, fullPage: true });
      await page.addScriptTag({ content: axeSource });
      const r = await page.evaluate(() => (window as any).axe.run(document));
      console.log(
        'dashboard',
        role,
        width,
        JSON.stringify(r.violations.map((v: any) => [v.id, v.impact, v.nodes.length])),
      );
      await context.close();
    }
  }
});
