import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/api-client.ts';
import {
  expectNoSeriousA11yViolations,
  horizontalOverflow,
  launchBrowser,
  signInContext,
} from './support/browser.ts';

let app: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startTestServer({ web: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

let counter = 0;
function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Date.now()}@example.test`;
}

async function fillLogin(email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('accounts in the browser', () => {
  test('a student signs up, logs out and logs back in', async () => {
    const email = uniqueEmail('student');
    const password = 'a long enough passphrase';

    await page.goto(`${app.url}/`);
    expect(await page.title()).toContain('Stint');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Find a project' }).first().click();
    await page.waitForURL(`${app.url}/signup?role=student`);
    expect(await page.getByRole('radio', { name: 'Student' }).isChecked()).toBe(true);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Your name').fill('Ada Student');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();

    // A new student is offered the optional access questions as a step of its own, and skips it.
    await page.waitForURL(`${app.url}/settings/access?welcome=1`);
    await page.getByRole('heading', { level: 1, name: 'Access questions (optional)' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Skip for now' }).click();
    await page.waitForURL(`${app.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Hello, Ada Student' }).waitFor();
    expect(await page.getByText('Signed in as').textContent()).toContain('Student');
    for (const card of ['Your profile', 'Projects that fit you', 'Your applications', 'Your workspaces']) {
      expect(await page.getByRole('heading', { level: 2, name: card }).count(), card).toBe(1);
    }
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${app.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${app.url}/login`);
    await expectNoSeriousA11yViolations(page);

    await fillLogin(email, password);
    await page.waitForURL(`${app.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Hello, Ada Student' }).waitFor();
  });

  test('a wrong password shows the error and keeps the visitor on the login page', async () => {
    const account = await signUp(app.url, { email: uniqueEmail('wrong') });

    await page.goto(`${app.url}/login`);
    await fillLogin(account.user.email, 'not the right password');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('That email and password do not match.');
    expect(page.url()).toBe(`${app.url}/login`);
    await expectNoSeriousA11yViolations(page);
  });

  test('signup errors are tied to their fields and focus the first one', async () => {
    await page.goto(`${app.url}/signup?role=mentor`);
    await page.getByLabel('Your name').fill('Short Password');
    await page.getByLabel('Email').fill(uniqueEmail('short'));
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('alert').waitFor();
    const password = page.getByLabel('Password', { exact: true });
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain('password-error');
    expect(await page.locator('#password-error').textContent()).toBe('Use at least 10 characters.');
    expect(await password.evaluate((element) => element === document.activeElement)).toBe(true);
    await expectNoSeriousA11yViolations(page);
  });

  test('the dashboard asks a stranger to log in, then returns there', async () => {
    const account = await signUp(app.url, {
      email: uniqueEmail('next'),
      role: 'supervisor',
      name: 'Sol Owner',
    });

    await page.goto(`${app.url}/dashboard`);
    await page.waitForURL(`${app.url}/login?next=/dashboard`);
    await fillLogin(account.user.email, account.password);

    await page.waitForURL(`${app.url}/dashboard`);
    for (const card of ['Your organisation', 'Your projects', 'Applicants', 'Workspaces']) {
      expect(await page.getByRole('heading', { level: 2, name: card, exact: true }).count(), card).toBe(1);
    }
  });

  test('landing, signup and dashboard fit a 360 px phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    const account = await signUp(app.url, {
      email: uniqueEmail('phone'),
      name: 'Maximiliana Wolfeschlegelsteinhausen',
    });

    for (const path of ['/', '/signup']) {
      await page.goto(`${app.url}${path}`);
      const { scrollWidth } = await horizontalOverflow(page);
      expect(scrollWidth, path).toBeLessThanOrEqual(360);
    }

    await signInContext(context, app.url, account);
    await page.goto(`${app.url}/dashboard`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(page.url()).toBe(`${app.url}/dashboard`);
    const { scrollWidth } = await horizontalOverflow(page);
    expect(scrollWidth, '/dashboard').toBeLessThanOrEqual(360);
  });
});
