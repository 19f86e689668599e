import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { SAMPLE_FILES, makeProjectWorkspace } from '../helpers/portfolio.ts';
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

const PHONE = { width: 360, height: 740 };

/** A page of its own (own cookies); signed in as `client`, or a stranger when there is none. */
async function pageFor(client: ApiClient | null, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  contexts.push(context);
  if (client) await signInContext(context, app.url, client);
  return context.newPage();
}

async function expectFitsPhone(page: Page, label: string) {
  await page.setViewportSize(PHONE);
  const { scrollWidth, viewport } = await horizontalOverflow(page);
  expect(scrollWidth, `${label} is wider than the ${viewport} px screen`).toBeLessThanOrEqual(viewport);
}

/** Clicks something that starts a download and answers the downloaded bytes and file name. */
async function downloadFrom(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { bytes: await readFile(file), name: download.suggestedFilename() };
}

const ENDORSEMENT =
  'Zoë planned and ran our first Instagram campaign end to end; weekend bookings rose and we still use her calendar.';

describe('finishing an internship and proving it', () => {
  test('the supervisor reviews and completes the work, the student shares it, and a stranger reads and verifies it', async () => {
    const { supervisor, student, workspaceId, project } = await makeProjectWorkspace(app.url, {
      studentName: 'Zoë Ñúñez',
      orgName: 'Corner Thread Fabrics',
    });
    const finishUrl = `${app.url}/workspaces/${workspaceId}/finish`;

    // The supervisor finds the page from the workspace and plans a milestone.
    const boss = await pageFor(supervisor);
    await boss.goto(`${app.url}/workspaces/${workspaceId}`);
    await boss.getByRole('link', { name: 'Deliverables & milestones' }).click();
    await boss.waitForURL(finishUrl);
    await boss.getByRole('heading', { level: 1, name: 'Deliverables & milestones' }).waitFor();
    const addMilestone = boss.getByRole('form', { name: 'Add a milestone' });
    await addMilestone.getByLabel('Title').fill('Share the campaign report');
    await addMilestone.getByLabel('Week').fill('4');
    await addMilestone.getByRole('button', { name: 'Add milestone' }).click();
    const bossMilestone = boss.getByRole('article', { name: /Share the campaign report/ });
    await bossMilestone.getByText('Open', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(boss);

    // The intern hands in a link and a file against it, then marks it submitted.
    const intern = await pageFor(student);
    await intern.goto(finishUrl);
    const milestone = intern.getByRole('article', { name: /Share the campaign report/ });
    await milestone.getByRole('button', { name: /^Add a deliverable/ }).click();
    await milestone.getByLabel('A link').check();
    await milestone.getByLabel('Title').fill('Campaign report');
    await milestone.getByLabel('Link', { exact: true }).fill('https://docs.example.org/report');
    await expectNoSeriousA11yViolations(intern);
    await milestone.getByRole('button', { name: 'Add link' }).click();
    await milestone.getByRole('link', { name: /Campaign report/ }).waitFor();

    await milestone.getByLabel('A file').check();
    await milestone.getByLabel('File', { exact: true }).setInputFiles({
      name: 'follower-growth.csv',
      mimeType: 'text/csv',
      buffer: SAMPLE_FILES.csv(),
    });
    await milestone.getByRole('button', { name: 'Upload file' }).click();
    await milestone.getByRole('link', { name: 'follower-growth.csv' }).waitFor();
    await expectFitsPhone(intern, 'the deliverables page with its form open');
    await intern.setViewportSize({ width: 1280, height: 900 });
    await milestone.getByRole('button', { name: /^Mark submitted/ }).click();
    await milestone.getByText('Waiting for review').waitFor();

    // The supervisor accepts it, then completes the internship with an endorsement and skills.
    await boss.reload();
    await bossMilestone.getByText('Waiting for review').waitFor();
    await bossMilestone.getByRole('button', { name: /^Accept/ }).click();
    await bossMilestone.getByText('Accepted', { exact: true }).waitFor();

    // The project's own milestones will not be done: each is dropped with a reason, kept in its history.
    for (const dropped of ['Agree audience and calendar', 'Design and schedule posts', 'Report results']) {
      const card = boss.getByRole('article', { name: new RegExp(dropped) });
      await card.getByRole('button', { name: `Drop “${dropped}”` }).click();
      await card.getByLabel('Why is this milestone dropped?').fill('The shop changed its plans this season.');
      await card.getByRole('button', { name: 'Drop milestone' }).click();
      await card.getByText('Dropped', { exact: true }).waitFor();
    }
    await bossMilestone.getByText(/^Review history \(2\)/).click();
    await bossMilestone.getByText('Submitted for review').waitFor();

    await boss.getByLabel('Your endorsement').fill(ENDORSEMENT);
    await boss.getByRole('checkbox', { name: 'Instagram' }).check();
    await boss.getByLabel('Level shown in Instagram').selectOption({ label: 'Confident' });
    await boss.getByRole('button', { name: 'Complete the internship' }).click();
    await boss.getByText(/cannot be undone/).waitFor();
    // The confirmation says what will be signed, and what is left out.
    const signed = boss.getByRole('region', { name: 'What your organisation will sign' });
    await signed.getByText(/^Share the campaign report/).waitFor();
    await signed.getByText('Campaign report', { exact: true }).waitFor();
    await signed.getByText('Instagram — Confident').waitFor();
    await signed.getByText(/Report results: The shop changed its plans/).waitFor();
    await expectNoSeriousA11yViolations(boss);
    await boss.getByRole('button', { name: 'Yes, complete the internship' }).click();
    await boss.getByRole('heading', { name: /Completed — read only/ }).waitFor();
    expect(await boss.getByRole('button', { name: /^Add a deliverable/ }).count()).toBe(0);

    // Feedback: the supervisor's stays hidden from the intern until the intern writes theirs.
    await boss.getByLabel('5 — Excellent').check();
    await boss.getByLabel('Your feedback').fill('Reliable, curious and clear in every update.');
    await boss.getByRole('button', { name: 'Send feedback' }).click();
    await boss.getByText('Hidden until both of you have submitted').waitFor();
    await expectNoSeriousA11yViolations(boss);

    await intern.goto(`${app.url}/workspaces/${workspaceId}`);
    await intern.getByRole('heading', { name: /Completed — read only/ }).waitFor();
    await intern.goto(finishUrl);
    await intern.getByLabel('4 — Very good').check();
    await intern.getByLabel('Your feedback').fill('Clear goals and quick answers to my questions.');
    await intern.getByRole('button', { name: 'Send feedback' }).click();
    await intern.getByText('Reliable, curious and clear in every update.').waitFor();

    // The student finds the entry from the dashboard, writes a summary and makes it public.
    await intern.goto(`${app.url}/dashboard`);
    const card = intern.getByRole('region', { name: 'Your portfolio' });
    await card.getByText(project.title).waitFor();
    await card.getByRole('link', { name: 'Open your portfolio' }).click();
    await intern.waitForURL(`${app.url}/portfolio`);
    const entry = intern.getByRole('article', { name: project.title });
    await entry.getByText(ENDORSEMENT).waitFor();
    await entry.getByText('Verified by Corner Thread Fabrics').waitFor();
    await expectNoSeriousA11yViolations(intern);
    await entry
      .getByLabel('Your summary')
      .fill('I planned a four-week calendar and designed twelve posts in Canva.');
    await entry.getByLabel('Public', { exact: true }).check();
    await entry.getByRole('button', { name: /^Save entry/ }).click();
    await entry.getByText('Saved. This entry is on your public page.').waitFor();
    const entryLink = await entry.getByLabel('Link to this entry').inputValue();
    expect(entryLink).toMatch(new RegExp(`^${app.url}/p/shared/[A-Za-z0-9_-]{43}$`));

    // The Open Badge is issued on download, and the page points at its verification page.
    const badge = await downloadFrom(intern, () =>
      entry.getByRole('button', { name: /^Open Badge/ }).click(),
    );
    expect(badge.name).toMatch(/\.credential\.json$/);
    const credential = JSON.parse(badge.bytes.toString('utf8'));
    const credentialId = String(credential.id).replace('urn:uuid:', '');
    await entry.getByRole('link', { name: 'See its verification page' }).waitFor();

    const handle = await intern.getByLabel('Your handle').inputValue();
    await expectNoSeriousA11yViolations(intern);
    await expectFitsPhone(intern, '/portfolio');

    // A stranger reads the public page: the work and its endorsement, never an email.
    const stranger = await pageFor(null);
    await stranger.goto(`${app.url}/p/${handle}`);
    await stranger.getByRole('heading', { level: 1, name: 'Zoë Ñúñez' }).waitFor();
    const publicEntry = stranger.getByRole('article', { name: project.title });
    await publicEntry.getByText('Corner Thread Fabrics').first().waitFor();
    await publicEntry.getByText(ENDORSEMENT).waitFor();
    await publicEntry
      .getByRole('list', { name: 'Skills verified by Corner Thread Fabrics' })
      .getByText('Instagram')
      .waitFor();
    await publicEntry.getByRole('link', { name: 'Campaign report' }).waitFor();
    expect(await stranger.content()).not.toContain(student.user.email);
    await expectNoSeriousA11yViolations(stranger);

    const pdfLink = publicEntry.getByRole('link', { name: /^Download PDF/ });
    const pdf = await downloadFrom(stranger, () => pdfLink.click());
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(1000);
    const pdfResponse = await fetch(String(await pdfLink.getAttribute('href')));
    expect(pdfResponse.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(
      Number(pdfResponse.headers.get('content-length') ?? (await pdfResponse.arrayBuffer()).byteLength),
    ).toBeGreaterThan(1000);

    // Printed, the page drops the site's chrome and its buttons.
    await stranger.emulateMedia({ media: 'print' });
    expect(await stranger.locator('.site-header').isVisible()).toBe(false);
    expect(await pdfLink.isVisible()).toBe(false);
    await stranger.emulateMedia({ media: 'screen' });
    await expectFitsPhone(stranger, `/p/${handle}`);

    // The credential checks out, and a copy with one word changed does not.
    await stranger.setViewportSize({ width: 1280, height: 900 });
    await publicEntry.getByRole('link', { name: /^Verify credential/ }).click();
    await stranger.waitForURL(`${app.url}/verify/${credentialId}`);
    await stranger.getByRole('heading', { level: 2, name: /Valid/ }).waitFor();
    await stranger.getByText('Zoë Ñúñez').first().waitFor();
    await expectNoSeriousA11yViolations(stranger);

    const tampered = JSON.stringify({ ...credential, name: `${credential.name} (with honours)` });
    await stranger.getByLabel('Credential (JSON)').fill(tampered);
    await stranger.getByRole('button', { name: 'Verify credential' }).click();
    await stranger.getByRole('heading', { level: 3, name: /Tampered/ }).waitFor();
    await stranger.getByLabel('Credential (JSON)').fill(badge.bytes.toString('utf8'));
    await stranger.getByRole('button', { name: 'Verify credential' }).click();
    await stranger.getByRole('heading', { level: 3, name: /Valid/ }).waitFor();
    await expectNoSeriousA11yViolations(stranger);
    await expectFitsPhone(stranger, `/verify/${credentialId}`);

    // The link handed out for the entry works for strangers too.
    await stranger.goto(entryLink);
    await stranger.getByRole('heading', { level: 1, name: project.title }).waitFor();

    // The supervisor sees the credential on the finish page and revokes it; the public page says so.
    await boss.goto(finishUrl);
    const credentials = boss.getByRole('region', { name: 'Credentials' });
    await credentials.getByText('Valid', { exact: true }).waitFor();
    await credentials.getByRole('button', { name: /^Revoke/ }).click();
    await credentials.getByRole('button', { name: 'Revoke it' }).click();
    await credentials.getByText('Revoked', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(boss);
    await stranger.goto(`${app.url}/verify/${credentialId}`);
    await stranger.getByRole('heading', { level: 2, name: /Revoked/ }).waitFor();
  }, 180_000);
});
