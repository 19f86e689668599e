import { describe, expect, it } from 'vitest';
import { PDF_LANGUAGE, renderPortfolioPdf } from '../../../server/portfolio/pdf.ts';
import { makeExportEntry } from '../../helpers/export-entry.ts';
import { pdfInfo } from '../../helpers/pdfinfo.ts';

describe('PDF export', () => {
  it('is tagged, titled, in a language, with headings, lists, links and the way to verify it', async () => {
    const entry = makeExportEntry();
    const withFile = makeExportEntry({
      title: 'Stock count for Eastside Food Bank',
      deliverables: [
        ...entry.deliverables,
        {
          ...entry.deliverables[0]!,
          id: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
          kind: 'file',
          title: 'Stock sheet',
          url: null,
          fileName: 'stock.xlsx',
          sizeBytes: 20_480,
          downloadUrl: 'https://stint.example/api/public/entries/t/deliverables/9b8a/download',
        },
      ],
    });
    const bytes = await renderPortfolioPdf({
      title: 'Zoë Ñúñez — portfolio',
      studentName: 'Zoë Ñúñez',
      entries: [entry, withFile],
      cover: true,
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { fields, links, structure, language } = await pdfInfo(bytes);
    expect(fields.get('Tagged')).toBe('yes');
    expect(fields.get('Title')).toBe('Zoë Ñúñez — portfolio');
    expect(fields.get('Pages')).toBe('2');
    expect(language).toBe(PDF_LANGUAGE);

    // Every link is a real annotation, the verification page among them.
    expect(links).toEqual([
      'https://docs.example.org/calendar',
      entry.verificationUrl,
      'https://docs.example.org/calendar',
      withFile.deliverables[1]!.downloadUrl,
      withFile.verificationUrl,
    ]);
    // The structure a screen reader walks: headings, lists of items, links inside them, the QR figure.
    const lines = structure.split('\n').map((line) => line.trim());
    const after = (tag: string) =>
      lines.flatMap((line, index) => (line.startsWith(tag) ? [lines[index + 1]] : []));
    expect(after('H1 ')).toEqual(['"Zoë Ñúñez"', `"${entry.title}"`, `"${withFile.title}"`]);
    expect(after('H2 ')).toContain('"Verified skills"');
    expect(after('H2 ')).toContain('"Verify this record"');
    expect(lines.filter((line) => line.startsWith('L (block)'))).toHaveLength(6);
    expect(lines.filter((line) => line.startsWith('LI (block)'))).toHaveLength(7);
    expect(after('Link ')).toContain(`"${entry.verificationUrl}"`);
    expect(after('Link ')).toContain('"Stock sheet"');
    expect(lines.filter((line) => line.startsWith('Figure'))).toHaveLength(2);
    // Page numbers are artifacts, not content.
    expect(structure).not.toContain('page 1 of 2');
    expect(Buffer.from(bytes).toString('latin1')).toContain(
      `/Alt (QR code linking to the verification page ${entry.verificationUrl})`,
    );
  });

  it('without a credential in force there is no verification section, and an empty portfolio says so', async () => {
    const entry = makeExportEntry({ verificationUrl: null, credentialId: null, credentialIds: [] });
    const { links, structure } = await pdfInfo(
      await renderPortfolioPdf({
        title: entry.title,
        studentName: entry.studentName,
        entries: [entry],
        cover: false,
      }),
    );
    expect(links).toEqual(['https://docs.example.org/calendar']);
    expect(structure).not.toContain('Verify this record');
    const empty = await pdfInfo(
      await renderPortfolioPdf({ title: 'Zoë — portfolio', studentName: 'Zoë', entries: [], cover: true }),
    );
    expect(empty.fields.get('Tagged')).toBe('yes');
    expect(empty.structure).toContain('No completed projects yet.');
  });
});
