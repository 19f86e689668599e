import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/api-client.ts';
import {
  expectNoSeriousA11yViolations,
  horizontalOverflow,
  launchBrowser,
  signInContext,
} from './support/browser.ts';
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

/** A calendar day `days` from today, as a date input takes it (the browsers run in the machine's zone). */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** One week of the timeline, found by its heading ("Week 2 …"). */
const week = (page: Page, number: number) =>
  page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 4, name: new RegExp(`^Week ${number}\\b`) }) });

async function showTimeline(page: Page): Promise<void> {
  await page
    .getByRole('group', { name: 'Show the board as' })
    .getByRole('button', { name: 'Timeline' })
    .click();
  await page.getByRole('group', { name: 'Weeks of the project' }).waitFor();
}

describe('the workspace timeline', () => {
  test('milestones and due cards sit in their weeks, and a peer’s new due date moves a card live', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Aisha Rahman' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [{ person: intern, role: 'intern' }]);
    const milestone = await supervisor.post(`/api/workspaces/${workspaceId}/milestones`, {
      title: 'First drafts',
      week: 2,
    });
    expect(milestone.status).toBe(201);

    const supervisorPage = await openWorkspace(browser, app.url, supervisor, workspaceId);
    const internPage = await openWorkspace(browser, app.url, intern, workspaceId);
    await waitForSaved(supervisorPage);
    await waitForSaved(internPage);

    // The supervisor adds two cards on the board and gives them due dates: one this week, one gone by.
    for (const [title, due] of [
      ['Print posters', dayFromToday(2)],
      ['Book the venue', dayFromToday(-1)],
    ] as const) {
      const input = supervisorPage.getByRole('textbox', { name: 'New card in To do' });
      await input.fill(title);
      await input.press('Enter');
      await supervisorPage.getByRole('button', { name: title, exact: true }).click();
      await supervisorPage.getByLabel('Due').fill(due);
      await supervisorPage.getByLabel('Due').press('Tab');
      await supervisorPage.getByRole('button', { name: title, exact: true }).click();
    }
    await waitForSaved(supervisorPage);

    // The intern's timeline shows the milestone in week 2, the card due this week in week 1, today marked.
    await showTimeline(internPage);
    const printPosters = week(internPage, 1).getByRole('button', { name: /^Print posters/ });
    await printPosters.waitFor();
    expect(await printPosters.textContent()).toMatch(/Card, due .+, To do/);
    await week(internPage, 2)
      .getByRole('link', { name: /^First drafts.*Milestone, week 2/ })
      .waitFor();
    expect(await week(internPage, 1).getAttribute('aria-current')).toBe('date');
    expect(await week(internPage, 1).getByText('This week').count()).toBe(1);

    // A card whose day has gone by (before the workspace opened, here) is flagged in words, not only colour.
    await internPage
      .getByRole('region', { name: 'Before the project started' })
      .getByRole('button', { name: /^Book the venue.*overdue$/ })
      .waitFor();
    expect(await printPosters.textContent()).not.toMatch(/overdue/);
    await internPage.getByText('1 overdue').waitFor();

    // The supervisor, on the timeline too, opens the card from the keyboard and moves its due date on.
    await showTimeline(supervisorPage);
    const supervisorCard = week(supervisorPage, 1).getByRole('button', { name: /^Print posters/ });
    await supervisorCard.focus();
    await supervisorPage.keyboard.press('Enter');
    const dialog = supervisorPage.getByRole('dialog', { name: 'Print posters' });
    await dialog.waitFor();
    await dialog.getByLabel('Due').fill(dayFromToday(9));
    await dialog.getByLabel('Due').press('Tab');
    await week(supervisorPage, 2)
      .getByRole('button', { name: /^Print posters/ })
      .waitFor();
    await expectNoSeriousA11yViolations(supervisorPage);
    await supervisorPage.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await supervisorPage.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(
      /^Print posters/,
    );

    // …and on the intern's screen the card moves from week 1 to week 2 without a reload.
    await week(internPage, 2)
      .getByRole('button', { name: /^Print posters/ })
      .waitFor();
    expect(
      await week(internPage, 1)
        .getByRole('button', { name: /^Print posters/ })
        .count(),
    ).toBe(0);
    await expectNoSeriousA11yViolations(internPage);

    // On a 360 px phone the timeline is a list of weeks and nothing scrolls sideways.
    await internPage.setViewportSize({ width: 360, height: 740 });
    await internPage.getByRole('tab', { name: 'Board' }).click();
    await week(internPage, 2)
      .getByRole('button', { name: /^Print posters/ })
      .waitFor();
    const { scrollWidth, viewport } = await horizontalOverflow(internPage);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);
    const weekBoxes = await Promise.all(
      [1, 2].map(async (number) => (await week(internPage, number).boundingBox())!),
    );
    expect(weekBoxes[1]!.y).toBeGreaterThan(weekBoxes[0]!.y);
    await expectNoSeriousA11yViolations(internPage);

    for (const page of [supervisorPage, internPage]) await page.context().close();
  });

  test('dates are written in the reader’s language, the same by the server and in the browser', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor' });
    await makeWorkspace(app.url, supervisor, [], 'Herbstmarkt');
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    await signInContext(context, app.url, supervisor);
    const page = await context.newPage();
    const started = new Intl.DateTimeFormat('de-DE', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'Europe/Berlin',
    }).format(new Date());

    // The server render already speaks German (from Accept-Language), so hydration changes nothing.
    const response = await page.goto(`${app.url}/workspaces`);
    expect(await response!.text()).toContain(`Started ${started}`);
    await page.getByText(`Started ${started}`).waitFor();
    // The browser's time zone is kept for the next server render, once the page has hydrated
    // (the text above is already in the server's HTML, so it does not wait for hydration).
    await expect
      .poll(async () => {
        const cookies = await context.cookies(app.url);
        return cookies.find((cookie) => cookie.name === 'stint_tz')?.value;
      })
      .toBe(encodeURIComponent('Europe/Berlin'));
    await context.close();
  });
});
