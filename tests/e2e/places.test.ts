import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { makeAdmin } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  expectNoSeriousA11yViolations,
  horizontalOverflow,
  launchBrowser,
  signInContext,
} from './support/browser.ts';

let app: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startTestServer({ web: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.stop();
});

async function pageFor(client: ApiClient, viewport = { width: 360, height: 740 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  await signInContext(context, app.url, client);
  return context.newPage();
}

describe('places and skills in people’s own words', () => {
  test('the profile form asks about a place it cannot find, keeps travel, and marks a skill the list lacks; the admin sees it', async () => {
    const student = await signUp(app.url, { role: 'student', name: 'Lee Dsmith' });
    const page = await pageFor(student);
    await page.goto(`${app.url}/profile`);

    const place = page.getByLabel('Where you live or study');
    await place.fill('Leds');
    await page.getByLabel('How far you can travel').focus();
    await page.getByText('We could not find “Leds” — did you mean one of these?').waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Leeds, England' }).click();
    expect(await place.inputValue()).toBe('Leeds, England');
    expect(await page.getByText('We could not find').count()).toBe(0);

    await page.getByLabel('How far you can travel').fill('30');
    await page.getByLabel('Skill 1', { exact: true }).fill('Bike maintenance');
    await page.getByLabel('Hours you can give').fill('6');
    await page.getByText('Not in the skill list — kept as you wrote it').waitFor();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText(/Profile saved\. It is \d+% complete\./).waitFor();

    await page.reload();
    expect(await page.getByLabel('How far you can travel').inputValue()).toBe('30');
    expect(await page.getByLabel('Where you live or study').inputValue()).toBe('Leeds, England');
    await page.getByText('Not in the skill list — kept as you wrote it').waitFor();
    const { scrollWidth, viewport } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);

    const admin = await pageFor(await makeAdmin(app), { width: 1280, height: 900 });
    await admin.goto(`${app.url}/admin`);
    const report = admin.getByRole('region', { name: 'Skills people write that the list lacks' });
    await report.getByRole('rowheader', { name: 'Bike maintenance' }).waitFor();
    await expectNoSeriousA11yViolations(admin);
  });
});
