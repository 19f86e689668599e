import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { linkFrom, startMailServer, type TestMailServer } from '../helpers/mail.ts';
import { expectNoSeriousA11yViolations, horizontalOverflow, launchBrowser } from './support/browser.ts';

let app: TestServer;
let mail: TestMailServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mail = await startMailServer();
  app = await startTestServer({ web: true, env: { SMTP_URL: mail.url } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mail?.stop();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

describe('account self-service in the browser', () => {
  test('forgot password: from the login page, through the real email, to a new password', async () => {
    const person = await signUp(app.url, { name: 'Forgetful Fran' });

    await page.goto(`${app.url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(`${app.url}/forgot-password`);
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Email').fill(person.user.email);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByRole('status').getByText('If an account uses this address').waitFor();

    const email = await mail.waitForTo(person.user.email, 'password_reset');
    // The link is the server's own address; open its path and query on the address this test uses.
    const link = linkFrom(email);
    expect(link.pathname).toBe('/reset-password');
    await page.goto(`${app.url}${link.pathname}${link.search}`);
    await expectNoSeriousA11yViolations(page);
    await page.setViewportSize({ width: 360, height: 740 });
    const { scrollWidth, viewport } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);
    await page.getByLabel('New password', { exact: true }).fill('a fresh passphrase here');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password is changed').waitFor();

    // The old session is over; the new password works.
    expect((await person.get('/api/me')).status).toBe(401);
    await page.getByRole('link', { name: 'Log in' }).first().click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill(person.user.email);
    await page.getByLabel('Password', { exact: true }).fill('a fresh passphrase here');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${app.url}/dashboard`);

    // The same link does not work twice.
    const reuse = await new ApiClient(app.url).post('/api/auth/password-reset/confirm', {
      token: link.searchParams.get('token'),
      password: 'another passphrase here',
    });
    expect(reuse.status).toBe(400);
  });
});

describe('settings in the browser', () => {
  test('email choices and a new password are saved', async () => {
    const person = await signUp(app.url, { name: 'Settled Sam' });
    await context.addCookies([
      {
        name: person.cookie!.split('=')[0]!,
        value: person.cookie!.split('=').slice(1).join('='),
        url: app.url,
      },
    ]);
    await page.goto(`${app.url}/settings`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page
      .getByRole('group', { name: 'Reminders about things waiting on you' })
      .getByLabel('Off')
      .check();
    await page
      .getByRole('group', { name: 'New applicants to your projects' })
      .getByLabel('Daily digest')
      .check();
    await page.getByRole('button', { name: 'Save email choices' }).click();
    await page.getByText('Your email choices are saved.').waitFor();
    await page.reload();
    // The choices arrive with the page's data; wait for the form to show them rather than read it mid-load.
    await expect
      .poll(
        () =>
          page
            .getByRole('group', { name: 'Reminders about things waiting on you' })
            .getByLabel('Off')
            .isChecked(),
        { timeout: 10_000 },
      )
      .toBe(true);
    const saved = await person.get('/api/me/email-preferences');
    const modes = Object.fromEntries(
      saved.body.items.map((i: { kind: string; mode: string }) => [i.kind, i.mode]),
    );
    expect(modes).toMatchObject({ reminder: 'off', application_received: 'digest' });

    await page
      .getByRole('region', { name: 'Password' })
      .getByLabel('Current password', { exact: true })
      .fill(person.password);
    await page.getByLabel('New password', { exact: true }).fill('settings made this one');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    const login = await new ApiClient(app.url).post('/api/auth/login', {
      email: person.user.email,
      password: 'settings made this one',
    });
    expect(login.status).toBe(200);
  });
});
