import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  expectNoSeriousA11yViolations,
  horizontalOverflow,
  launchBrowser,
  signInContext,
} from './support/browser.ts';
import { makeWorkspace } from './support/workspace.ts';

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

async function pageAs(client: Parameters<typeof signInContext>[2], width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  await signInContext(context, app.url, client);
  return context.newPage();
}

describe('the time log in the browser', () => {
  test('the supervisor turns it on, the intern logs a week, the supervisor confirms it', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Aisha Rahman' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [{ person: intern, role: 'intern' }]);

    const boss = await pageAs(supervisor);
    await boss.goto(`${app.url}/workspaces/${workspaceId}`);
    await boss.getByRole('link', { name: 'Set up the time log' }).click();
    await boss.getByRole('heading', { level: 1, name: 'Time log' }).waitFor();
    await boss.getByRole('button', { name: 'Turn the time log on' }).click();
    await boss.getByRole('status').filter({ hasText: 'The time log is on.' }).waitFor();
    await expectNoSeriousA11yViolations(boss);

    const page = await pageAs(intern, 360);
    await page.goto(`${app.url}/workspaces/${workspaceId}/time-log`);
    await page.getByLabel('Week', { exact: true }).fill('2026-W10');
    await page.getByLabel('Hours', { exact: true }).fill('6.5');
    await page.getByLabel('What you did, in one line').fill('Designed the spring posters');
    await page.getByRole('button', { name: 'Log the week' }).click();
    await page.getByRole('heading', { name: '2026-W10 · 6.5 h · Aisha Rahman' }).waitFor();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page);

    await boss.reload();
    const week = boss.getByRole('listitem').filter({ hasText: 'Designed the spring posters' });
    await week.getByRole('button', { name: 'Confirm 2026-W10' }).click();
    await week.getByText('Confirmed', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(boss);
    expect((await intern.get(`/api/workspaces/${workspaceId}/time-log`)).body.confirmedHours).toBe(6.5);

    await page.goto(`${app.url}/workspaces/${workspaceId}`);
    await page.getByText('6.5 h confirmed of 6.5 h logged').waitFor();
  });
});
