import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/api-client.ts';
import { expectNoSeriousA11yViolations, launchBrowser } from './support/browser.ts';
import { makeWorkspace, openWorkspace, waitForSaved } from './support/workspace.ts';

let app: TestServer;
let browser: Browser;

beforeAll(async () => {
  app = await startTestServer({ web: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('chat without a connection', () => {
  test('a message written offline says so, and is delivered once the connection is back', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Aisha Rahman' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [{ person: intern, role: 'intern' }]);
    const internPage = await openWorkspace(browser, app.url, intern, workspaceId);
    const supervisorPage = await openWorkspace(browser, app.url, supervisor, workspaceId);
    await waitForSaved(internPage);
    await supervisorPage.getByText('No messages yet. Say hello!').waitFor();

    await internPage.context().setOffline(true);
    const message = internPage.getByRole('combobox', { name: 'Message' });
    await message.fill('Written on the train, no signal.');
    await message.press('Enter');
    const log = internPage.getByRole('log', { name: 'Chat messages' });
    await log.getByText('Offline — this message is sent by itself when the connection is back.').waitFor();
    await expectNoSeriousA11yViolations(internPage);

    await internPage.context().setOffline(false);
    const supervisorLog = supervisorPage.getByRole('log', { name: 'Chat messages' });
    await supervisorLog.getByText('Written on the train, no signal.').waitFor();
    await log.getByText('Offline —').waitFor({ state: 'detached' });
    for (const page of [internPage, supervisorPage]) await page.context().close();
  }, 120_000);
});
