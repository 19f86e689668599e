import type { Browser, Page } from 'playwright-core';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { firstMilestone, SAMPLE_FILES, uploadFile } from '../helpers/portfolio.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { expectNoSeriousA11yViolations, horizontalOverflow, launchBrowser } from './support/browser.ts';
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

/** A real two-page PDF (the tiny sample file has no page to render). */
function twoPagePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A5' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(28).text('Poster draft', 50, 80);
    doc.rect(50, 160, 300, 200).fill('#1d4ed8');
    doc.addPage().fontSize(20).fillColor('#000').text('Page two: print run', 50, 80);
    doc.end();
  });
}

const column = (page: Page, title: string) => page.getByRole('region', { name: new RegExp(`^${title}\\b`) });

/** How many pixels of a canvas are not white: a page pdf.js really drew has plenty. */
function inkedPixels(page: Page, label: RegExp): Promise<number> {
  return page
    .getByRole('img', { name: label })
    .locator('canvas')
    .evaluate((canvas) => {
      const { width, height } = canvas as HTMLCanvasElement;
      const data = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, width, height).data;
      let inked = 0;
      for (let index = 0; index < data.length; index += 4) {
        if (data[index]! < 200 || data[index + 1]! < 200 || data[index + 2]! < 200) inked++;
      }
      return inked;
    });
}

describe('workspace files', () => {
  test('a PDF deliverable and a CSV attached to a card are listed and previewed; the Files tab is accessible', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const intern = await signUp(app.url, { role: 'student', name: 'Aisha Rahman' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [{ person: intern, role: 'intern' }]);
    const milestone = await firstMilestone(supervisor, workspaceId);
    const handedIn = await uploadFile(
      intern,
      workspaceId,
      { name: 'poster-draft.pdf', type: 'application/pdf', bytes: await twoPagePdf() },
      { title: 'Poster draft', milestoneId: milestone.id },
    );
    expect(handedIn.status).toBe(201);

    const page = await openWorkspace(browser, app.url, intern, workspaceId);
    page.setDefaultTimeout(15_000);
    const pdfjsErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') pdfjsErrors.push(message.text());
    });
    await waitForSaved(page);

    // The intern attaches a CSV to a card from the card's details.
    await page.getByRole('textbox', { name: 'New card in To do' }).fill('Count the reach');
    await page.getByRole('textbox', { name: 'New card in To do' }).press('Enter');
    await column(page, 'To do').getByRole('button', { name: 'Count the reach' }).click();
    await waitForSaved(page);
    await page.getByLabel('Attach a file').setInputFiles({
      name: 'reach.csv',
      mimeType: 'text/csv',
      buffer: SAMPLE_FILES.csv(),
    });
    const cardFiles = page.getByRole('region', { name: 'Files of ‘Count the reach’' });
    await cardFiles.getByRole('link', { name: 'reach.csv' }).waitFor();

    // The Files tab lists both, with what each belongs to.
    await page.getByRole('button', { name: 'Files', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Files' });
    const files = dialog.getByRole('list', { name: 'Files of this workspace' });
    const pdfRow = files.getByRole('listitem').filter({ hasText: 'poster-draft.pdf' });
    const csvRow = files.getByRole('listitem').filter({ hasText: 'reach.csv' });
    await pdfRow.getByText('Deliverable: Poster draft').waitFor();
    await csvRow.getByText('Card: Count the reach').waitFor();
    await expect(pdfRow.textContent()).resolves.toContain('Aisha Rahman');

    // The PDF is rendered by pdf.js, page by page, into canvases.
    await pdfRow.getByRole('button', { name: 'Preview of poster-draft.pdf' }).click();
    await dialog.getByText('Showing 2 of 2 pages').waitFor();
    expect(await inkedPixels(page, /^Page 1 of 2 of poster-draft\.pdf$/)).toBeGreaterThan(1000);
    await dialog.getByRole('img', { name: /^Page 2 of 2/ }).waitFor();

    // The CSV is a table with its header row.
    await csvRow.getByRole('button', { name: 'Preview of reach.csv' }).click();
    const table = dialog.getByRole('table', { name: 'reach.csv' });
    await table.getByRole('columnheader', { name: 'followers' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(4);
    await table.getByRole('cell', { name: '164' }).waitFor();

    await expectNoSeriousA11yViolations(page);
    // The worker came from our origin under the CSP: no refusal was logged.
    expect(pdfjsErrors.filter((text) => /Content Security Policy|worker/i.test(text))).toEqual([]);
  });

  test('on a phone the Files tab fits 360 px and its preview opens from the keyboard', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const workspaceId = await makeWorkspace(app.url, supervisor, []);
    const milestone = await firstMilestone(supervisor, workspaceId);
    const handedIn = await uploadFile(
      supervisor,
      workspaceId,
      {
        name: 'weekly-reach-figures-for-the-spring-campaign.csv',
        type: 'text/csv',
        bytes: SAMPLE_FILES.csv(),
      },
      { milestoneId: milestone.id },
    );
    expect(handedIn.status).toBe(201);
    const page = await openWorkspace(browser, app.url, supervisor, workspaceId, { width: 360, height: 740 });
    page.setDefaultTimeout(15_000);
    await page.getByRole('tab', { name: 'Files' }).click();
    const preview = page.getByRole('button', { name: /^Preview of weekly-reach/ });
    await preview.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('table').getByRole('columnheader', { name: 'week' }).waitFor();
    const overflow = await horizontalOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.viewport);
    await expectNoSeriousA11yViolations(page);
  });
});
