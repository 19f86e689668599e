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

const chatLog = (page: Page) => page.getByRole('log', { name: 'Chat messages' });
const threads = (page: Page) => page.getByRole('list', { name: 'Open comment threads' });

/** The text the document's selection covers, which is what a comment would quote. */
const selectedText = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? '');

describe('@mentions and keyboard comments', () => {
  test('a mention picked from the chat autocomplete by keyboard is highlighted and notifies the member', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Lena Kovacs' });
    const mentor = await signUp(app.url, { role: 'mentor', name: 'Aleksander Berg' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [
      { person: intern, role: 'intern' },
      { person: mentor, role: 'mentor' },
    ]);

    const internPage = await openWorkspace(browser, app.url, intern, workspaceId);
    internPage.setDefaultTimeout(15_000);
    const supervisorPage = await openWorkspace(browser, app.url, supervisor, workspaceId);
    supervisorPage.setDefaultTimeout(15_000);
    await chatLog(internPage).getByText('No messages yet').waitFor();
    const bell = internPage.getByRole('link', { name: /^Notifications/ });
    await bell.waitFor();
    const unreadBefore = Number(/(\d+) unread/.exec((await bell.textContent()) ?? '')?.[1] ?? 0);

    const message = supervisorPage.getByRole('combobox', { name: 'Message' });
    await message.pressSequentially('@Zed');
    expect(await message.getAttribute('aria-expanded')).toBe('false');
    await message.fill('');

    // "@Le": Lena (a name starting so) first, then Aleksander (a name containing it); never me.
    await message.pressSequentially('Thanks @Le');
    const listbox = supervisorPage.getByRole('listbox', { name: 'Members to mention' });
    await listbox.waitFor();
    expect(await listbox.getByRole('option').allTextContents()).toEqual(['@Lena Kovacs', '@Aleksander Berg']);
    expect(await message.getAttribute('aria-expanded')).toBe('true');
    const active = () =>
      message.evaluate(
        (field) => document.getElementById(field.getAttribute('aria-activedescendant') ?? '')?.textContent,
      );
    expect(await active()).toBe('@Lena Kovacs');
    await message.press('ArrowDown');
    expect(await active()).toBe('@Aleksander Berg');
    await message.press('ArrowDown');
    expect(await active()).toBe('@Lena Kovacs');
    await expectNoSeriousA11yViolations(supervisorPage);

    // Enter takes the suggestion (it does not send), then sends the message.
    await message.press('Enter');
    expect(await message.inputValue()).toBe('Thanks @Lena Kovacs ');
    expect(await listbox.isHidden()).toBe(true);
    await message.pressSequentially('for the draft!');
    await message.press('Enter');
    expect(await message.inputValue()).toBe('');

    // Lena sees the mention highlighted, and the bell counts it.
    const received = chatLog(internPage).getByRole('listitem').filter({ hasText: 'for the draft!' });
    await received.waitFor();
    expect(await received.locator('mark.mention').allTextContents()).toEqual(['@Lena Kovacs']);
    await internPage.getByRole('link', { name: `Notifications, ${unreadBefore + 1} unread` }).waitFor();
    expect(
      await chatLog(supervisorPage)
        .getByRole('listitem')
        .filter({ hasText: 'for the draft!' })
        .locator('mark.mention')
        .count(),
    ).toBe(1);

    // Escape closes the suggestions and leaves the text as it is.
    await message.pressSequentially('@Al');
    await listbox.waitFor();
    await message.press('Escape');
    expect(await listbox.isHidden()).toBe(true);
    expect(await message.inputValue()).toBe('@Al');

    for (const page of [internPage, supervisorPage]) await page.context().close();
  }, 120_000);

  test('a viewer selects text in the read-only brief with the keyboard and comments on it', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Lena Kovacs' });
    const viewer = await signUp(app.url, { role: 'mentor', name: 'Vic Osei' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [
      { person: intern, role: 'intern' },
      { person: viewer, role: 'viewer' },
    ]);

    const internPage = await openWorkspace(browser, app.url, intern, workspaceId);
    internPage.setDefaultTimeout(15_000);
    await waitForSaved(internPage);
    const sentence = 'Print the posters on recycled paper.';
    await briefEditor(internPage).getByText('Goals').click();
    await internPage.keyboard.press('ArrowDown');
    await internPage.keyboard.type(sentence);
    await waitForSaved(internPage);

    const viewerPage = await openWorkspace(browser, app.url, viewer, workspaceId);
    viewerPage.setDefaultTimeout(15_000);
    const brief = briefEditor(viewerPage);
    await brief.getByText(sentence).waitFor();
    expect(await brief.getAttribute('contenteditable')).toBe('false');
    const briefText = await brief.textContent();

    // The read-only brief takes focus from the keyboard, with a caret at its start.
    // (Backwards from the Comment button, past what stands between them in the tab order.)
    const briefFocused = () => brief.evaluate((surface) => surface === document.activeElement);
    await viewerPage.getByRole('button', { name: 'Comment', exact: true }).focus();
    for (let presses = 0; presses < 4 && !(await briefFocused()); presses += 1)
      await viewerPage.keyboard.press('Shift+Tab');
    expect(await briefFocused()).toBe(true);
    const caret = viewerPage.locator('.read-only-caret');
    await caret.waitFor();
    const firstLine = (await caret.boundingBox())!;

    // Shift + Ctrl + arrow selects by word, Shift + End to the end of the line.
    await viewerPage.keyboard.press('Shift+Control+ArrowRight');
    await expect.poll(() => selectedText(viewerPage)).toBe('Goals');
    // ProseMirror takes the selection from the browser on its next selectionchange, then hides the caret.
    await expect.poll(() => caret.isHidden()).toBe(true);
    await viewerPage.keyboard.press('ArrowDown');
    await caret.waitFor();
    expect((await caret.boundingBox())!.y).toBeGreaterThan(firstLine.y);
    await viewerPage.keyboard.press('Home');
    await viewerPage.keyboard.press('Shift+End');
    await expect.poll(() => selectedText(viewerPage)).toBe(sentence);

    // Typing changes nothing; Ctrl + Alt + M starts a comment on the selection.
    await viewerPage.keyboard.type('x');
    expect(await brief.textContent()).toBe(briefText);
    await viewerPage.keyboard.press('Control+Alt+KeyM');
    const draft = viewerPage.getByRole('combobox', { name: 'Your comment' });
    await expect.poll(() => draft.evaluate((field) => field === document.activeElement)).toBe(true);
    await viewerPage.getByText(`“${sentence}”`).waitFor();
    await draft.pressSequentially('Could it say how many posters?');
    await expectNoSeriousA11yViolations(viewerPage);
    await draft.press('Control+Enter');
    await threads(viewerPage).getByText('Could it say how many posters?').waitFor();
    // Focus is back where the comment was started.
    await expect.poll(briefFocused).toBe(true);

    // The intern sees it beside the text it is on.
    await threads(internPage).getByText('Could it say how many posters?').waitFor();
    await briefEditor(internPage).locator('.comment-mark', { hasText: 'recycled paper' }).waitFor();
    await expectNoSeriousA11yViolations(viewerPage);

    for (const page of [internPage, viewerPage]) await page.context().close();
  }, 120_000);
});
