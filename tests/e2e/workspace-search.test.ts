import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chatMessages } from '../../server/db/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/api-client.ts';
import { expectNoSeriousA11yViolations, launchBrowser } from './support/browser.ts';
import { briefEditor, makeWorkspace, openWorkspace, waitForSaved } from './support/workspace.ts';

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

describe('search in a workspace', () => {
  test('a chat result further back than the first page of history is loaded, shown and highlighted; brief and comment results go to their place', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Aisha Rahman' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [{ person: intern, role: 'intern' }]);

    // The message searched for, then more than a page of chat after it (written straight into the
    // database: the chat's own rate limit would make sending 60 messages take a minute).
    const old = Date.now() - 3_600_000;
    await app.database.db.insert(chatMessages).values([
      {
        workspaceId,
        authorId: supervisor.user.id,
        body: 'The printer quoted <b>forty</b> euros for the flyers',
        clientId: 'search-e2e-target',
        createdAt: new Date(old),
      },
      ...Array.from({ length: 60 }, (_, index) => ({
        workspaceId,
        authorId: intern.user.id,
        body: `Update number ${index + 1} on the posters`,
        clientId: `search-e2e-${index}`,
        createdAt: new Date(old + (index + 1) * 1000),
      })),
    ]);

    const page = await openWorkspace(browser, app.url, intern, workspaceId);
    page.setDefaultTimeout(15_000);
    await waitForSaved(page);
    await page
      .getByRole('log', { name: 'Chat messages' })
      .getByText('Update number 60 on the posters')
      .waitFor();

    // `/` opens the search; Enter searches.
    await page.locator('body').press('/');
    const box = page.getByRole('searchbox', { name: 'Search the brief, chat and comments' });
    await box.waitFor();
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
    await box.fill('flyer');
    await box.press('Enter');
    const panel = page.getByRole('region', { name: 'Search this workspace' });
    const chatGroup = panel.getByRole('region', { name: /^Chat/ });
    const result = chatGroup.getByRole('button', { name: /forty/ });
    await result.waitFor();
    // The snippet is text: the markup someone typed is shown, not applied.
    expect(await result.textContent()).toContain('<b>forty</b>');
    expect(await result.locator('mark').textContent()).toBe('flyers');
    await expectNoSeriousA11yViolations(page);

    // ↓ reaches the result, Enter goes there: the message is loaded, scrolled to and highlighted.
    await box.press('ArrowDown');
    expect(await result.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const hit = page.locator('[data-search-hit]');
    await hit.waitFor();
    expect(await hit.textContent()).toContain('The printer quoted <b>forty</b> euros for the flyers');
    expect(await hit.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await hit.isVisible()).toBe(true);
    expect(await box.isVisible()).toBe(false);

    // A brief result selects its words in the editor.
    await page.locator('body').press('/');
    await box.fill('goals');
    await box.press('Enter');
    await panel
      .getByRole('region', { name: /^Brief/ })
      .getByRole('button')
      .first()
      .click();
    await expect
      .poll(() => page.evaluate(() => window.getSelection()?.toString().toLowerCase()))
      .toBe('goals');
    expect(await briefEditor(page).evaluate((element) => element.contains(document.activeElement))).toBe(
      true,
    );

    // A comment result brings its thread up beside the brief. (The brief's "Goals" is selected
    // from the step before, so the comment goes on it.)
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.getByLabel('Your comment').fill('Add a goal about the newsletter');
    await page.getByRole('button', { name: 'Post comment' }).click();
    const thread = page.getByRole('article', { name: /Goals/ });
    await thread.getByText('Add a goal about the newsletter').waitFor();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await box.fill('newsletter');
    await box.press('Enter');
    await panel
      .getByRole('region', { name: /^Comments/ })
      .getByRole('button', { name: /newsletter/ })
      .click();
    await page.locator('article.thread[data-search-hit]').waitFor();
    expect(await thread.evaluate((element) => element.hasAttribute('data-search-hit'))).toBe(true);

    // In the editor `/` is only a slash; the button opens the search. Escape closes it and gives
    // focus back to the button.
    const toggle = page.getByRole('button', { name: 'Search', exact: true });
    await toggle.click();
    await box.press('Escape');
    expect(await box.isVisible()).toBe(false);
    expect(await toggle.evaluate((element) => element === document.activeElement)).toBe(true);

    // On a phone the panel fits the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    await toggle.click();
    const phonePanel = (await panel.boundingBox())!;
    expect(phonePanel.x).toBeGreaterThanOrEqual(0);
    expect(phonePanel.x + phonePanel.width).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page);

    await page.context().close();
  }, 120_000);
});
