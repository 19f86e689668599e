import type { Browser, Page } from 'playwright-core';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { firstMilestone, SAMPLE_FILES, uploadFile } from '../helpers/portfolio.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
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

/** A real 1×1 PNG, so the browser can decode the preview. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Selects `words` inside the brief the way a mouse drag would. */
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
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`“${target}” is not in the brief`);
  }, words);
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

  test('a mentor attaches an image to a comment from the comment form; it shows under the comment and previews', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Okafor' });
    const mentor = await signUp(app.url, { role: 'mentor', name: 'Mei Chen' });
    const workspaceId = await makeWorkspace(app.url, supervisor, [{ person: mentor, role: 'mentor' }]);
    const boss = await openWorkspace(browser, app.url, supervisor, workspaceId);
    boss.setDefaultTimeout(15_000);
    await waitForSaved(boss);
    await briefEditor(boss).getByText('Goals').click();
    await boss.keyboard.press('ArrowDown');
    await boss.keyboard.type('Use the new logo on the posters.');
    await waitForSaved(boss);

    const page = await openWorkspace(browser, app.url, mentor, workspaceId);
    page.setDefaultTimeout(15_000);
    await briefEditor(page).getByText('Use the new logo').waitFor();
    await selectInBrief(page, 'new logo');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.getByLabel('Your comment').fill('This is the logo I mean.');
    await page.getByLabel('Attach a file (optional)').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: ONE_PIXEL_PNG,
    });
    await page.getByRole('button', { name: 'Post comment' }).click();
    const attached = page.getByRole('list', { name: 'Files attached to this comment' });
    await attached.getByRole('link', { name: 'logo.png' }).waitFor();
    await attached.getByRole('button', { name: 'Preview of logo.png' }).click();
    const image = attached.getByRole('img', { name: 'Preview of logo.png' });
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(1);

    // The supervisor finds it in the Files tab, saying which comment it belongs to.
    await boss.getByRole('button', { name: 'Files', exact: true }).click();
    await boss
      .getByRole('dialog', { name: 'Files' })
      .getByRole('listitem')
      .filter({ hasText: 'logo.png' })
      .getByText('Comment: “This is the logo I mean.”')
      .waitFor();
    await expectNoSeriousA11yViolations(page);
  });
});
