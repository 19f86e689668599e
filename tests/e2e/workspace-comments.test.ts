import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

/** Selects `words` inside the brief the way a mouse drag would (works on a read-only brief too). */
async function selectInBrief(page: Page, words: string) {
  await page.evaluate((target) => {
    const surface = document.querySelector('.ProseMirror')!;
    const walker = document.createTreeWalker(surface, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`“${target}” is not in the brief`);
  }, words);
}

const threads = (page: Page) => page.getByRole('list', { name: 'Open comment threads' });

describe('comments on the brief', () => {
  test('a mentor comments on a sentence, the intern sees it live beside the text and replies with an @mention', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Aisha Rahman' });
    const mentor = await signUp(app.url, { role: 'mentor', name: 'Mei Chen' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [
      { person: intern, role: 'intern' },
      { person: mentor, role: 'mentor' },
    ]);

    const internPage = await openWorkspace(browser, app.url, intern, workspaceId);
    internPage.setDefaultTimeout(15_000);
    await waitForSaved(internPage);
    const sentence = 'Print the posters on recycled paper.';
    await briefEditor(internPage).getByText('Goals').click();
    await internPage.keyboard.press('ArrowDown');
    await internPage.keyboard.type(sentence);
    await waitForSaved(internPage);

    const mentorPage = await openWorkspace(browser, app.url, mentor, workspaceId);
    mentorPage.setDefaultTimeout(15_000);
    await briefEditor(mentorPage).getByText(sentence).waitFor();
    await selectInBrief(mentorPage, 'recycled paper');
    await mentorPage.getByRole('button', { name: 'Comment', exact: true }).click();
    await mentorPage.getByLabel('Your comment').fill('Is recycled paper within the budget?');
    await mentorPage.getByRole('button', { name: 'Post comment' }).click();
    await threads(mentorPage).getByText('Is recycled paper within the budget?').waitFor();
    await expectNoSeriousA11yViolations(mentorPage);

    // The intern sees the thread arrive beside the brief, its text highlighted.
    const thread = threads(internPage).getByRole('article', { name: /recycled paper/ });
    await thread.getByText('Is recycled paper within the budget?').waitFor();
    await briefEditor(internPage).locator('.comment-mark', { hasText: 'recycled paper' }).waitFor();
    const briefBox = (await briefEditor(internPage).boundingBox())!;
    const threadBox = (await thread.boundingBox())!;
    expect(threadBox.x).toBeGreaterThanOrEqual(briefBox.x + briefBox.width);

    // …and replies, mentioning the mentor through the autocomplete.
    await thread.getByRole('button', { name: 'Reply' }).click();
    const reply = thread.getByRole('combobox', { name: 'Your reply' });
    await reply.pressSequentially('Yes, asked @me');
    const option = internPage.getByRole('option', { name: '@Mei Chen' });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await reply.press('Enter');
    expect(await reply.inputValue()).toBe('Yes, asked @Mei Chen ');
    await reply.pressSequentially('to check.');
    await reply.press('Control+Enter');
    const mentorThread = threads(mentorPage).getByRole('article', { name: /recycled paper/ });
    await mentorThread.getByText('to check.', { exact: false }).waitFor();
    expect(await mentorThread.locator('mark.mention').textContent()).toBe('@Mei Chen');
    await expectNoSeriousA11yViolations(internPage);

    // Deleting the text keeps the thread, now "on deleted text"; the mentor resolves it.
    await briefEditor(internPage).getByText(sentence).click();
    await internPage.keyboard.press('End');
    await internPage.keyboard.press('Shift+Home');
    await internPage.keyboard.press('Backspace');
    await mentorThread.getByText('On deleted text').waitFor();
    await mentorThread.getByRole('button', { name: 'Resolve' }).click();
    await internPage.getByRole('button', { name: 'Show resolved (1)' }).click();
    await internPage
      .getByRole('list', { name: 'Resolved comment threads' })
      .getByRole('button', { name: 'Reopen' })
      .waitFor();

    // On a phone the threads are a list under the brief.
    await internPage.setViewportSize({ width: 360, height: 740 });
    await internPage.getByRole('heading', { name: /^Comments/ }).scrollIntoViewIfNeeded();
    const phoneBrief = (await briefEditor(internPage).boundingBox())!;
    const comments = (await internPage.getByRole('heading', { name: /^Comments/ }).boundingBox())!;
    expect(comments.y).toBeGreaterThan(phoneBrief.y);
    await expectNoSeriousA11yViolations(internPage);

    for (const page of [internPage, mentorPage]) await page.context().close();
  }, 120_000);
  test('a whole heading at the top of the brief is commented on, in a brief whose milestones are inert', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Aisha Rahman' });
    const mentor = await signUp(app.url, { role: 'mentor', name: 'Mei Chen' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [
      { person: intern, role: 'intern' },
      { person: mentor, role: 'mentor' },
    ]);

    const internPage = await openWorkspace(browser, app.url, intern, workspaceId);
    internPage.setDefaultTimeout(15_000);

    // The mentor reads the brief (not editable) and comments on the whole opening heading.
    const mentorPage = await openWorkspace(browser, app.url, mentor, workspaceId);
    mentorPage.setDefaultTimeout(15_000);
    await briefEditor(mentorPage).getByText('Goals').waitFor();
    await selectInBrief(mentorPage, 'Goals');
    await mentorPage.getByRole('button', { name: 'Comment', exact: true }).click();
    await mentorPage.getByLabel('Your comment').fill('Can we name three goals?');
    await mentorPage.getByRole('button', { name: 'Post comment' }).click();
    const thread = threads(mentorPage).getByRole('article', { name: /Goals/ });
    await thread.getByText('Can we name three goals?').waitFor();
    await briefEditor(mentorPage).locator('.comment-mark', { hasText: 'Goals' }).waitFor();
    expect(await thread.getByText('On deleted text').count()).toBe(0);
    await threads(internPage).getByRole('article', { name: /Goals/ }).waitFor();
    expect(await briefEditor(internPage).locator('.comment-mark').textContent()).toBe('Goals');

    // The milestone checkbox in the mentor's read-only brief can be neither focused nor ticked.
    const milestone = briefEditor(mentorPage).getByRole('checkbox');
    expect(await milestone.isDisabled()).toBe(true);
    await milestone.click({ force: true });
    expect(await milestone.isChecked()).toBe(false);
    expect(await briefEditor(internPage).getByRole('checkbox').isDisabled()).toBe(false);
    await expectNoSeriousA11yViolations(mentorPage);

    // At 1280 px the intern's brief toolbar keeps all its buttons on one row, redo included.
    await internPage.setViewportSize({ width: 1280, height: 800 });
    const toolbar = internPage.getByRole('toolbar', { name: 'Brief formatting' });
    const undo = (await toolbar.getByRole('button', { name: 'Undo' }).boundingBox())!;
    const redo = (await toolbar.getByRole('button', { name: 'Redo' }).boundingBox())!;
    const first = (await toolbar.getByRole('button', { name: 'H2 heading' }).boundingBox())!;
    expect(redo.y).toBe(first.y);
    expect(undo.y).toBe(first.y);

    for (const page of [internPage, mentorPage]) await page.context().close();
  }, 120_000);
});
