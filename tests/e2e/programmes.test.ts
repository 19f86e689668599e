import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { apply, makeOrg, projectBody } from '../helpers/marketplace.ts';
import { makeAdmin, makeInviteCode, makeProgramme, makeStaff } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  expectNoSeriousA11yViolations,
  horizontalOverflow,
  launchBrowser,
  signInContext,
} from './support/browser.ts';

let app: TestServer;
let browser: Browser;
let programmeId: string;
let staff: Awaited<ReturnType<typeof makeStaff>>;
let admin: Awaited<ReturnType<typeof makeAdmin>>;
let reporter: Awaited<ReturnType<typeof signUp>>;
let partner: Awaited<ReturnType<typeof signUp>>;
let reportedProjectId: string;
let studentCode: string;

beforeAll(async () => {
  app = await startTestServer({ web: true });
  browser = await launchBrowser();
  admin = await makeAdmin(app);
  programmeId = (await makeProgramme(admin)).id;
  staff = await makeStaff(app.url, admin, programmeId);
  const code = await makeInviteCode(staff, programmeId, 'organisation', 'Autumn');
  for (const sector of ['nonprofit', 'retail'] as const) {
    const { supervisor, org } = await makeOrg(app.url, { name: `A ${sector} partner`, sector });
    expect(
      (await supervisor.post(`/api/programme-invites/${code.code}/join`, { orgId: org.id })).status,
    ).toBe(200);
    const project = await supervisor.post('/api/projects', projectBody(org.id));
    expect((await supervisor.post(`/api/projects/${project.body.id}/publish`)).status).toBe(200);
    const student = await signUp(app.url, { role: 'student' });
    const application = await apply(student, project.body.id);
    if (sector === 'nonprofit') await supervisor.post(`/api/applications/${application.id}/accept`);
    if (sector === 'retail') {
      reporter = student;
      partner = supervisor;
      reportedProjectId = project.body.id;
    }
  }
  studentCode = (await makeInviteCode(staff, programmeId, 'student', 'Autumn')).code;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function pageAs(
  client: Parameters<typeof signInContext>[2],
  width = 1280,
): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  await signInContext(context, app.url, client);
  return [context, await context.newPage()];
}

describe('the programme dashboard', () => {
  test('staff see the charts, filter by sector, and download a table as CSV', async () => {
    const [context, page] = await pageAs(staff);
    try {
      await page.goto(`${app.url}/programmes/${programmeId}`);
      await page.getByRole('heading', { level: 1, name: 'Leeds Micro-internships 2026' }).waitFor();
      // Every chart is an SVG drawn by the charting library, with a text alternative, beside its table.
      const bySector = page.getByRole('region', { name: 'Projects by sector', exact: true });
      await bySector.locator('svg[aria-label="Chart: Projects by sector"]').waitFor();
      expect(await page.locator('svg[aria-label^="Chart:"]').count()).toBeGreaterThanOrEqual(8);
      const sectors = () => bySector.getByRole('table').locator('tbody th').allTextContents();
      expect((await sectors()).sort()).toEqual(['Nonprofit', 'Retail']);
      await expectNoSeriousA11yViolations(page);

      // Filter with the keyboard: choose a sector, then Enter on the button.
      await page.getByLabel('Sector', { exact: true }).selectOption('nonprofit');
      await page.getByRole('button', { name: 'Apply filters' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/sector=nonprofit/);
      await bySector.getByRole('table').locator('tbody th', { hasText: 'Nonprofit' }).waitFor();
      expect(await sectors()).toEqual(['Nonprofit']);
      await page
        .locator('svg[aria-label="Chart: Projects by month"], svg[aria-label^="Chart: Projects posted"]')
        .first()
        .waitFor();

      const downloading = page.waitForEvent('download');
      await bySector.getByRole('link', { name: /Download “Projects by sector” as CSV/ }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('by-sector.csv');
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv).toBe('Sector,Posted,Published,Filled,Completed\r\nNonprofit,1,1,1,0\r\n');

      // A refused filter is explained next to the form, not an error page.
      await page.goto(`${app.url}/programmes/${programmeId}?from=2026-05-01&to=2026-04-01`);
      await page.getByRole('alert').filter({ hasText: 'on or after' }).waitFor();
      await expectNoSeriousA11yViolations(page);
    } finally {
      await context.close();
    }
  });

  test('fits a 360 px phone', async () => {
    const [context, page] = await pageAs(staff, 360);
    try {
      await page.goto(`${app.url}/programmes/${programmeId}`);
      await page.locator('svg[aria-label="Chart: Projects by sector"]').waitFor();
      const { scrollWidth, viewport } = await horizontalOverflow(page);
      expect(scrollWidth).toBeLessThanOrEqual(viewport);
      await expectNoSeriousA11yViolations(page);
    } finally {
      await context.close();
    }
  });

  test('a stranger cannot open it, and the admin’s dashboard card shows real figures', async () => {
    const stranger = await signUp(app.url, { role: 'supervisor' });
    const [strangerContext, strangerPage] = await pageAs(stranger);
    try {
      const response = await strangerPage.goto(`${app.url}/programmes/${programmeId}`);
      expect(response?.status()).toBe(404);
    } finally {
      await strangerContext.close();
    }
    const [context, page] = await pageAs(admin);
    try {
      await page.goto(`${app.url}/dashboard`);
      const card = page.getByRole('region', { name: 'Programme figures' });
      await card.getByText('Projects published').waitFor();
      expect(await card.locator('dd').first().textContent()).toBe('1');
      await page.goto(`${app.url}/admin`);
      await page.getByRole('link', { name: 'Leeds Micro-internships 2026' }).waitFor();
      await expectNoSeriousA11yViolations(page);
    } finally {
      await context.close();
    }
  });

  test('staff handle a report with the keyboard, the reporter hears back, and the audit log says so', async () => {
    const filed = await reporter.post('/api/reports', {
      targetType: 'project',
      targetId: reportedProjectId,
      reason: 'Asks for a trial shift first',
    });
    expect(filed.status).toBe(201);
    const [context, page] = await pageAs(staff);
    try {
      await page.goto(`${app.url}/programmes/${programmeId}/moderation`);
      const report = page.getByRole('listitem').filter({ hasText: 'Asks for a trial shift first' });
      await report.waitFor();
      await expectNoSeriousA11yViolations(page);
      await report.getByLabel(/Reason to mark acted on/).fill('We spoke to the organisation.');
      await report.getByRole('button', { name: /Mark acted on/ }).focus();
      await page.keyboard.press('Enter');
      await report.getByText('Told the reporter: We spoke to the organisation.').waitFor();
      const told = (await reporter.get('/api/notifications')).body.items[0];
      expect(told).toMatchObject({ kind: 'report_resolved', body: 'We spoke to the organisation.' });

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByText('Acted on a report').waitFor();
      await page.getByText('Why: We spoke to the organisation.').waitFor();
      await expectNoSeriousA11yViolations(page);

      // The retail partner's supervisor is one of the programme's people (the reporter, who only applied, is not).
      await page.goto(
        `${app.url}/programmes/${programmeId}/people?q=${encodeURIComponent(partner.user.email)}`,
      );
      const person = page.getByRole('article', { name: partner.user.name });
      await person.getByText('Supervisor of A retail partner').waitFor();
      await person.getByRole('button', { name: `Suspend ${partner.user.name}` }).waitFor();
      await expectNoSeriousA11yViolations(page);
    } finally {
      await context.close();
    }
  });

  test('the moderation, people and join pages fit a 360 px phone', async () => {
    const [context, page] = await pageAs(staff, 360);
    try {
      for (const path of [`/programmes/${programmeId}/moderation`, `/programmes/${programmeId}/people?q=a`]) {
        await page.goto(`${app.url}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        const { scrollWidth, viewport } = await horizontalOverflow(page);
        expect(scrollWidth, path).toBeLessThanOrEqual(viewport);
        await expectNoSeriousA11yViolations(page);
      }
    } finally {
      await context.close();
    }
  });

  test('a student joins with a code typed at /join and answers, then deletes, the access questions', async () => {
    const student = await signUp(app.url, { role: 'student' });
    const [context, page] = await pageAs(student, 360);
    try {
      await page.goto(`${app.url}/join`);
      await page.getByLabel('Invite code').fill(studentCode.toLowerCase());
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Join Leeds Micro-internships 2026' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Join the programme' }).focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('heading', { level: 1, name: 'You joined Leeds Micro-internships 2026' })
        .waitFor();
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);

      await page.goto(`${app.url}/settings/access`);
      await page
        .getByRole('group', { name: 'Are you the first in your family to go to university?' })
        .getByLabel('Yes')
        .check();
      await page.getByRole('button', { name: 'Save answers' }).click();
      await page.getByRole('status').filter({ hasText: 'Your answers are saved.' }).waitFor();
      expect((await student.get('/api/students/me/access-answers')).body.answers.firstInFamily).toBe(true);
      await expectNoSeriousA11yViolations(page);
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
      await page.getByRole('button', { name: 'Delete my answers' }).click();
      await page.getByRole('status').filter({ hasText: 'Your answers are deleted.' }).waitFor();
      expect((await student.get('/api/students/me/access-answers')).body.answers).toBeNull();
    } finally {
      await context.close();
    }
  });
});
