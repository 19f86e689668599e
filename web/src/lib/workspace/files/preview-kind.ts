/** What the Files tab can show of a file in the page; anything else is downloaded. */
export type PreviewKind = 'image' | 'pdf' | 'csv' | 'text';

export function previewKindOf(mimeType: string | null): PreviewKind | null {
  if (!mimeType) return null;
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType === 'application/pdf') return 'pdf';
  if (mimeType === 'text/csv') return 'csv';
  if (mimeType === 'text/plain' || mimeType === 'text/markdown') return 'text';
  return null;
}

/** A short name of the type for the list (“PDF”, “CSV”, “PNG image”). */
export function typeLabelOf(mimeType: string | null, fileName: string | null): string {
  const extension = fileName?.split('.').pop()?.toUpperCase() ?? '';
  if (mimeType?.startsWith('image/')) return `${extension} image`;
  return extension || 'File';
}
