import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/api-client.ts';
import { expectNoSeriousA11yViolations, horizontalOverflow, launchBrowser } from './support/browser.ts';
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

const column = (page: Page, title: string) => page.getByRole('region', { name: new RegExp(`^${title}\\b`) });

describe('the live workspace in the browser', () => {
  test('a supervisor, an intern and a mentor work in one workspace at once', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Aisha Rahman' });
    const mentor = await signUp(app.url, { role: 'mentor', name: 'Mei Chen' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [
      { person: intern, role: 'intern' },
      { person: mentor, role: 'mentor' },
    ]);

    const supervisorPage = await openWorkspace(browser, app.url, supervisor, workspaceId);
    const internPage = await openWorkspace(browser, app.url, intern, workspaceId);
    const mentorPage = await openWorkspace(browser, app.url, mentor, workspaceId);
    await waitForSaved(supervisorPage);
    await waitForSaved(internPage);
    await waitForSaved(mentorPage, 'Up to date');

    // Presence: everyone shows up in everyone's header.
    await supervisorPage
      .getByRole('list', { name: 'In the workspace now' })
      .getByText('Mei Chen, Mentor')
      .waitFor();

    // The supervisor writes in the brief; the intern and the mentor see it live.
    const sentence = 'Design three posters for the spring menu.';
    await briefEditor(supervisorPage).getByText('Goals').click();
    await supervisorPage.keyboard.press('ArrowDown');
    await supervisorPage.keyboard.type(sentence);
    await briefEditor(internPage).getByText(sentence).waitFor();
    await briefEditor(mentorPage).getByText(sentence).waitFor();
    await waitForSaved(supervisorPage);

    // Each editor sees the other's caret, labelled with their name.
    await briefEditor(internPage).getByText('Deliverables').click();
    await supervisorPage.locator('.collaboration-carets__label', { hasText: 'Aisha Rahman' }).waitFor();
    await internPage.locator('.collaboration-carets__label', { hasText: 'Sam Okafor' }).waitFor();

    // The intern adds a card and moves it to "Doing" with the keyboard only.
    await internPage.getByRole('textbox', { name: 'New card in To do' }).fill('Design poster');
    await internPage.getByRole('textbox', { name: 'New card in To do' }).press('Enter');
    const card = column(internPage, 'To do').getByRole('button', { name: 'Design poster' });
    await card.focus();
    await internPage.keyboard.press('Alt+ArrowRight');
    await column(internPage, 'Doing').getByRole('button', { name: 'Design poster' }).waitFor();
    await internPage
      .getByRole('status')
      .filter({ hasText: 'Moved ‘Design poster’ to Doing, position 1 of 1' })
      .waitFor();
    expect(await internPage.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Design poster',
    );
    await column(supervisorPage, 'Doing').getByRole('button', { name: 'Design poster' }).waitFor();
    expect(await column(supervisorPage, 'To do').getByText('Design poster').count()).toBe(0);

    // …and drags another one straight to "Done".
    await internPage.getByRole('textbox', { name: 'New card in To do' }).fill('Book the printer');
    await internPage.getByRole('textbox', { name: 'New card in To do' }).press('Enter');
    await internPage
      .locator('[data-task-id]', { hasText: 'Book the printer' })
      .dragTo(column(internPage, 'Done').getByRole('list'));
    await column(supervisorPage, 'Done').getByRole('button', { name: 'Book the printer' }).waitFor();

    // Chat: the intern's message reaches the supervisor, with its link made safe.
    const message = internPage.getByRole('combobox', { name: 'Message' });
    await message.fill('First draft is up: https://example.org/poster');
    await message.press('Enter');
    const log = supervisorPage.getByRole('log', { name: 'Chat messages' });
    await log.getByText('First draft is up:').waitFor();
    expect(await log.getByRole('link', { name: 'https://example.org/poster' }).getAttribute('href')).toBe(
      'https://example.org/poster',
    );
    await column(mentorPage, 'Doing').getByText('Design poster').waitFor();

    // The mentor reads everything live but cannot change the brief or the board.
    expect(await briefEditor(mentorPage).getAttribute('contenteditable')).toBe('false');
    await mentorPage.getByText('Read only — you are a mentor').waitFor();
    expect(await mentorPage.getByRole('toolbar', { name: 'Brief formatting' }).count()).toBe(0);
    expect(await mentorPage.getByRole('textbox', { name: /^New card in/ }).count()).toBe(0);
    expect(await mentorPage.getByRole('button', { name: /^(Add|Add column|Rename)/ }).count()).toBe(0);
    expect(await column(mentorPage, 'Doing').getByRole('button').count()).toBe(0);

    // At 1280 px the board's columns sit side by side, in one row, beside the chat panel.
    const boxes = await Promise.all(
      ['To do', 'Doing', 'Done'].map(async (title) => (await column(supervisorPage, title).boundingBox())!),
    );
    for (const index of [1, 2]) {
      const [left, right] = [boxes[index - 1]!, boxes[index]!];
      expect(Math.abs(right.y - left.y)).toBeLessThan(2);
      expect(right.x).toBeGreaterThanOrEqual(left.x + left.width);
    }
    const chatBox = (await supervisorPage.getByRole('log', { name: 'Chat messages' }).boundingBox())!;
    expect(chatBox.x).toBeGreaterThanOrEqual(boxes[2]!.x + boxes[2]!.width);

    await expectNoSeriousA11yViolations(supervisorPage);
    await expectNoSeriousA11yViolations(mentorPage);

    // On a 360 px phone the workspace becomes tabs and nothing scrolls sideways.
    await internPage.setViewportSize({ width: 360, height: 740 });
    await internPage.getByRole('tab', { name: 'Board' }).click();
    await column(internPage, 'Doing').getByRole('button', { name: 'Design poster' }).waitFor();
    const { scrollWidth, viewport } = await horizontalOverflow(internPage);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);
    await expectNoSeriousA11yViolations(internPage);

    // The logged-in header is one row of at most 64 px; the site's sections are behind its menu.
    const header = internPage
      .getByRole('banner')
      .filter({ has: internPage.getByRole('link', { name: 'Stint' }) });
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
    await internPage.getByRole('button', { name: 'Menu' }).click();
    await internPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Workspaces' })
      .waitFor();
    await expectNoSeriousA11yViolations(internPage);
    await internPage.keyboard.press('Escape');
    expect(await internPage.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe(
      'false',
    );

    for (const page of [supervisorPage, internPage, mentorPage]) await page.context().close();
  });

  test('a stranger gets a "not found" page and a visitor is sent to log in', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor' });
    const stranger = await signUp(app.url, { role: 'student' });
    const workspaceId = await makeWorkspace(app.url, supervisor, []);

    const page = await openWorkspace(browser, app.url, stranger, workspaceId);
    await page.getByRole('heading', { level: 1, name: 'We can’t open this workspace' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.context().close();

    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto(`${app.url}/workspaces/${workspaceId}`);
    expect(new URL(visitor.url()).pathname).toBe('/login');
    expect(new URL(visitor.url()).searchParams.get('next')).toBe(`/workspaces/${workspaceId}`);
    await context.close();
  });
});
