import type { ExportEntry } from './entry-views.ts';
import { fileSlug } from './format.ts';
import { toJsonResume, type ResumeAbout } from './json-resume.ts';
import { entryToMarkdown, portfolioToMarkdown } from './markdown.ts';
import type { PdfOptions } from './pdf.ts';

export type DocumentFormat = 'pdf' | 'md' | 'json-resume';

export interface RenderedExport {
  body: Buffer | string;
  contentType: string;
  fileName: string;
}

/**
 * One entry (`whole: false`) or a whole portfolio as PDF, Markdown or JSON Resume. The Open Badges
 * credential is not rendered here: it is signed and recorded by the credentials service.
 */
export async function renderExport(
  format: DocumentFormat,
  options: { studentName: string; entries: ExportEntry[]; whole: boolean; about?: ResumeAbout },
  /**
   * Lays out the PDF; the server passes its worker pool, so the event loop is never held by it.
   * The default (tests, scripts) loads PDFKit and its fonts, about 20 MB, only when first asked.
   */
  renderPdf: (options: PdfOptions) => Promise<Buffer> = async (pdf) =>
    (await import('./pdf.ts')).renderPortfolioPdf(pdf),
): Promise<RenderedExport> {
  const { studentName, entries, whole, about } = options;
  const title = whole ? `${studentName} — portfolio` : (entries[0]?.title ?? 'Portfolio entry');
  const base = fileSlug(whole ? `${studentName} portfolio` : title);
  switch (format) {
    case 'pdf': {
      return {
        body: await renderPdf({ title, studentName, entries, cover: whole }),
        contentType: 'application/pdf',
        fileName: `${base}.pdf`,
      };
    }
    case 'md':
      return {
        body: whole || !entries[0] ? portfolioToMarkdown(studentName, entries) : entryToMarkdown(entries[0]),
        contentType: 'text/markdown; charset=utf-8',
        fileName: `${base}.md`,
      };
    case 'json-resume':
      return {
        body: `${JSON.stringify(toJsonResume(studentName, entries, about), null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
        fileName: `${base}.resume.json`,
      };
  }
}
