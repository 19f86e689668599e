import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { SKILL_LEVEL_LABELS } from '../../shared/marketplace.ts';
import type { ExportEntry } from './entry-views.ts';
import { formatPeriod, formatSize } from './format.ts';

/**
 * The portfolio as a printable A4 PDF. DejaVu Sans is embedded (subset) from the installed
 * `dejavu-fonts-ttf` package, so every name and endorsement prints as typed ("Zoë Ñúñez"), with no
 * font fetched at run time and none assumed on the reader's machine.
 */

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
};

const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#1d4ed8';
const MARGIN = 56;

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string) {
  doc.moveDown(0.8).font('bold').fontSize(12).fillColor(INK).text(text);
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, options: PDFKit.Mixins.TextOptions = {}) {
  doc
    .font('regular')
    .fontSize(10.5)
    .fillColor(INK)
    .text(text, { lineGap: 2, ...options });
}

function bullets(doc: Doc, items: { text: string; link?: string | null }[]) {
  for (const item of items) {
    doc.font('regular').fontSize(10.5).fillColor(INK).text('•  ', { continued: true });
    doc
      .fillColor(item.link ? ACCENT : INK)
      .text(item.text, { link: item.link ?? null, underline: Boolean(item.link), lineGap: 2 });
  }
}

function writeEntry(doc: Doc, entry: ExportEntry) {
  doc.font('bold').fontSize(20).fillColor(INK).text(entry.title);
  doc.moveDown(0.2).font('regular').fontSize(12).fillColor(MUTED).text(entry.organisation);
  doc.fontSize(10).text(formatPeriod(entry.startDate, entry.endDate));
  doc.moveDown(0.2).fontSize(10).text(`Intern: ${entry.studentName}`);

  if (entry.summary) {
    heading(doc, 'Summary');
    paragraph(doc, entry.summary);
  }

  heading(doc, 'Supervisor’s endorsement');
  const top = doc.y;
  doc
    .font('italic')
    .fontSize(10.5)
    .fillColor(INK)
    .text(entry.endorsement.text, MARGIN + 14, top, {
      width: doc.page.width - MARGIN * 2 - 14,
      lineGap: 2,
    });
  if (entry.endorsement.by) doc.font('regular').fillColor(MUTED).text(`— ${entry.endorsement.by}`);
  doc
    .moveTo(MARGIN + 4, top)
    .lineTo(MARGIN + 4, doc.y)
    .lineWidth(2)
    .strokeColor(ACCENT)
    .stroke();
  doc.x = MARGIN;

  if (entry.skills.length > 0) {
    heading(doc, 'Verified skills');
    bullets(
      doc,
      entry.skills.map((skill) => ({ text: `${skill.label} — ${SKILL_LEVEL_LABELS[skill.level]}` })),
    );
  }
  if (entry.completedTasks.length > 0) {
    heading(doc, 'Completed tasks');
    bullets(
      doc,
      entry.completedTasks.map((task) => ({ text: task.title })),
    );
  }
  if (entry.deliverables.length > 0) {
    heading(doc, 'Deliverables');
    bullets(
      doc,
      entry.deliverables.map((item) => ({
        text:
          item.kind === 'file'
            ? `${item.title} (${item.fileName ?? 'file'}, ${formatSize(item.sizeBytes)})`
            : `${item.title} — ${item.url ?? ''}`,
        link: item.url ?? item.downloadUrl,
      })),
    );
  }
}

function footer(doc: Doc, label: string) {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.height - MARGIN / 2 - 10;
    // Writing inside the bottom margin must not make pdfkit start a new page.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${label} · page ${index + 1} of ${range.count}`, MARGIN, bottom, {
        width: doc.page.width - MARGIN * 2,
        align: 'center',
      });
    doc.page.margins = margins;
  }
}

/** Renders entries into one PDF; a whole portfolio gets a cover line with the student's name. */
export function renderPortfolioPdf(options: {
  title: string;
  studentName: string;
  entries: ExportEntry[];
  cover: boolean;
}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: options.title, Author: options.studentName, Creator: 'Stint' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (options.cover) {
    doc.font('bold').fontSize(26).fillColor(INK).text(options.studentName);
    doc.font('regular').fontSize(13).fillColor(MUTED).text('Portfolio of completed micro-internships');
    doc.moveDown(1.5);
  }
  options.entries.forEach((entry, index) => {
    if (index > 0) doc.addPage();
    writeEntry(doc, entry);
  });
  if (options.entries.length === 0) paragraph(doc, 'No completed projects yet.');
  footer(doc, `${options.studentName} · issued through Stint`);
  doc.end();
  return done;
}
