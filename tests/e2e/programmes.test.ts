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
  }
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
});
