import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { SKILL_LEVEL_LABELS } from '../../shared/marketplace.ts';
import type { ExportEntry } from './entry-views.ts';
import { formatPeriod, formatSize } from './format.ts';

/**
 * The portfolio as a printable A4 PDF, tagged for screen readers (PDF/UA-style structure: H1/H2
 * headings, L/LI/Lbl/LBody lists, Link elements tied to their annotations, a Figure with alt text
 * for the QR code, page furniture marked as artifacts), with its language and a title the viewer
 * shows. Each entry ends with the URL of its public verification page and a QR code to it.
 *
 * DejaVu Sans is embedded (subset) from the installed `dejavu-fonts-ttf` package, so every name and
 * endorsement prints as typed ("Zoë Ñúñez"), with no font fetched at run time and none assumed on
 * the reader's machine.
 */

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
};

/** The language of the fixed wording; what people typed is in whatever language they wrote it. */
export const PDF_LANGUAGE = 'en-GB';

const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#1d4ed8';
const MARGIN = 56;
const BULLET_INDENT = 14;
const QR_SIZE = 96;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export interface PdfOptions {
  title: string;
  studentName: string;
  entries: ExportEntry[];
  cover: boolean;
}

interface ListItem {
  text: string;
  link?: string | null;
  /** Said after the link, outside it. */
  detail?: string;
}

class TaggedWriter {
  constructor(
    readonly doc: Doc,
    readonly root: Struct,
  ) {}

  private add(type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}) {
    this.root.add(this.doc.struct(type, options, draw));
  }

  heading(level: 1 | 2, text: string) {
    const { doc } = this;
    if (level === 2) doc.moveDown(0.8);
    this.add(`H${level}`, () => {
      doc
        .font('bold')
        .fontSize(level === 1 ? 20 : 12)
        .fillColor(INK)
        .text(text, MARGIN, doc.y, { width: this.width });
    });
    if (level === 2) doc.moveDown(0.3);
  }

  paragraph(text: string, style: { font?: string; size?: number; color?: string; indent?: number } = {}) {
    const { doc } = this;
    const indent = style.indent ?? 0;
    this.add('P', () => {
      doc
        .font(style.font ?? 'regular')
        .fontSize(style.size ?? 10.5)
        .fillColor(style.color ?? INK)
        .text(text, MARGIN + indent, doc.y, { width: this.width - indent, lineGap: 2 });
    });
  }

  get width() {
    return this.doc.page.width - MARGIN * 2;
  }

  list(items: ListItem[]) {
    const { doc } = this;
    const list = doc.struct('L');
    this.root.add(list);
    for (const item of items) {
      const entry = doc.struct('LI');
      list.add(entry);
      const top = doc.y;
      entry.add(
        doc.struct('Lbl', {}, () => {
          doc.font('regular').fontSize(10.5).fillColor(INK).text('•', MARGIN, top, { lineBreak: false });
        }),
      );
      const body: (Struct | (() => void))[] = [];
      const x = MARGIN + BULLET_INDENT;
      const width = this.width - BULLET_INDENT;
      if (item.link) {
        body.push(
          doc.struct('Link', { alt: `${item.text}: ${item.link}` }, () => {
            doc
              .font('regular')
              .fontSize(10.5)
              .fillColor(ACCENT)
              .text(item.text, x, top, {
                width,
                link: item.link,
                underline: true,
                lineGap: 2,
                continued: Boolean(item.detail),
              });
          }),
        );
        if (item.detail) {
          const detail = item.detail;
          body.push(() => {
            doc.fillColor(INK).text(detail, { link: null, underline: false, lineGap: 2 });
          });
        }
      } else {
        body.push(() => {
          doc
            .font('regular')
            .fontSize(10.5)
            .fillColor(INK)
            .text(`${item.text}${item.detail ?? ''}`, x, top, { width, lineGap: 2 });
        });
      }
      entry.add(doc.struct('LBody', {}, body));
      entry.end();
    }
    list.end();
    doc.x = MARGIN;
  }

  /** A link on its own line, e.g. the verification URL. */
  link(text: string, url: string) {
    const { doc } = this;
    const paragraph = doc.struct('P');
    this.root.add(paragraph);
    paragraph.add(
      doc.struct('Link', { alt: url }, () => {
        doc
          .font('regular')
          .fontSize(10.5)
          .fillColor(ACCENT)
          .text(text, MARGIN, doc.y, { width: this.width, link: url, underline: true });
      }),
    );
    paragraph.end();
  }

  /** The QR code as vector squares, tagged as a figure whose alternative text names the URL. */
  qrCode(url: string) {
    const { doc } = this;
    const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const modules = qr.modules.size;
    const quiet = 2;
    const cell = QR_SIZE / (modules + quiet * 2);
    if (doc.y + QR_SIZE > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y + 6;
    this.add(
      'Figure',
      () => {
        doc.save().fillColor('#000000');
        for (let row = 0; row < modules; row += 1) {
          for (let column = 0; column < modules; column += 1) {
            if (qr.modules.get(row, column))
              doc.rect(MARGIN + (column + quiet) * cell, top + (row + quiet) * cell, cell, cell);
          }
        }
        doc.fill().restore();
      },
      { alt: `QR code linking to the verification page ${url}` },
    );
    doc.y = top + QR_SIZE + 6;
    doc.x = MARGIN;
  }

  /** Drawn for looks only: screen readers skip it. */
  artifact(draw: () => void) {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }
}

function writeEntry(writer: TaggedWriter, entry: ExportEntry) {
  const { doc } = writer;
  writer.heading(1, entry.title);
  doc.moveDown(0.2);
  writer.paragraph(entry.organisation, { size: 12, color: MUTED });
  writer.paragraph(formatPeriod(entry.startDate, entry.endDate), { size: 10, color: MUTED });
  doc.moveDown(0.2);
  writer.paragraph(`Intern: ${entry.studentName}`, { size: 10, color: MUTED });

  if (entry.summary) {
    writer.heading(2, 'Summary');
    writer.paragraph(entry.summary);
  }

  writer.heading(2, 'Supervisor’s endorsement');
  const top = doc.y;
  writer.paragraph(entry.endorsement.text, { font: 'italic', indent: 14 });
  if (entry.endorsement.by) writer.paragraph(`— ${entry.endorsement.by}`, { color: MUTED, indent: 14 });
  const bottom = doc.y;
  writer.artifact(() => {
    doc
      .moveTo(MARGIN + 4, top)
      .lineTo(MARGIN + 4, bottom)
      .lineWidth(2)
      .strokeColor(ACCENT)
      .stroke();
  });

  if (entry.skills.length > 0) {
    writer.heading(2, 'Verified skills');
    writer.list(
      entry.skills.map((skill) => ({ text: `${skill.label} — ${SKILL_LEVEL_LABELS[skill.level]}` })),
    );
  }
  if (entry.completedTasks.length > 0) {
    writer.heading(2, 'Completed tasks');
    writer.list(entry.completedTasks.map((task) => ({ text: task.title })));
  }
  if (entry.deliverables.length > 0) {
    writer.heading(2, 'Deliverables');
    writer.list(
      entry.deliverables.map((item) => ({
        text: item.title,
        link: item.url ?? item.downloadUrl,
        detail:
          item.kind === 'file'
            ? ` (${item.fileName ?? 'file'}, ${formatSize(item.sizeBytes)})`
            : item.url
              ? ` — ${item.url}`
              : '',
      })),
    );
  }
  if (entry.verificationUrl) {
    writer.heading(2, 'Verify this record');
    writer.paragraph('Scan the code or open the address below to check this credential with its issuer.');
    writer.link(entry.verificationUrl, entry.verificationUrl);
    writer.qrCode(entry.verificationUrl);
  }
}

function footer(writer: TaggedWriter, label: string) {
  const { doc } = writer;
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.height - MARGIN / 2 - 10;
    // Writing inside the bottom margin must not make pdfkit start a new page.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${label} · page ${index + 1} of ${range.count}`, MARGIN, bottom, {
        width: doc.page.width - MARGIN * 2,
        align: 'center',
      });
    doc.endMarkedContent();
    doc.page.margins = margins;
  }
}

/** Renders entries into one PDF; a whole portfolio gets a cover with the student's name. */
export function renderPortfolioPdf(options: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: PDF_LANGUAGE,
    displayTitle: true,
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
  const root = doc.struct('Document');
  doc.addStructure(root);
  const writer = new TaggedWriter(doc, root);
  if (options.cover) {
    writer.heading(1, options.studentName);
    writer.paragraph('Portfolio of completed micro-internships', { size: 13, color: MUTED });
    doc.moveDown(1.5);
  }
  options.entries.forEach((entry, index) => {
    if (index > 0) doc.addPage();
    writeEntry(writer, entry);
  });
  if (options.entries.length === 0) writer.paragraph('No completed projects yet.');
  footer(writer, `${options.studentName} · issued through Stint`);
  root.end();
  doc.end();
  return done;
}
