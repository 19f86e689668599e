import type { ExportEntry } from './entry-views.ts';
import { fileSlug } from './format.ts';
import { toJsonResume } from './json-resume.ts';
import { entryToMarkdown, portfolioToMarkdown } from './markdown.ts';

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
  options: { studentName: string; entries: ExportEntry[]; whole: boolean },
): Promise<RenderedExport> {
  const { studentName, entries, whole } = options;
  const title = whole ? `${studentName} — portfolio` : (entries[0]?.title ?? 'Portfolio entry');
  const base = fileSlug(whole ? `${studentName} portfolio` : title);
  switch (format) {
    case 'pdf': {
      // PDFKit and its fonts (about 20 MB) load with the first PDF, not with every start.
      const { renderPortfolioPdf } = await import('./pdf.ts');
      return {
        body: await renderPortfolioPdf({ title, studentName, entries, cover: whole }),
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
        body: `${JSON.stringify(toJsonResume(studentName, entries), null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
        fileName: `${base}.resume.json`,
      };
  }
}
