import path from 'node:path';
import {
  DELIVERABLE_TYPES,
  type DeliverableExtension,
  type MagicKind,
} from '../../shared/schemas/portfolio.ts';

/**
 * Decides what an uploaded file is from its name and its first bytes, never from the type the
 * browser claims alone: a `.pdf` that does not start with `%PDF-` is refused.
 */

/** How many leading bytes the upload keeps for the checks below. */
export const HEAD_BYTES = 8192;

const startsWith = (head: Uint8Array, bytes: number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((byte, index) => head[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

/** An OpenDocument file is a zip whose first entry, stored uncompressed, is `mimetype`. */
function isOpenDocument(head: Uint8Array, mime: string): boolean {
  return (
    startsWith(head, ZIP) && startsWith(head, ascii('mimetype'), 30) && startsWith(head, ascii(mime), 38)
  );
}

/** UTF-8 text without NUL bytes; a multi-byte character cut at the end of the head is fine. */
function isText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function matchesMagic(magic: MagicKind, head: Uint8Array, mime: string): boolean {
  switch (magic) {
    case 'pdf':
      return startsWith(head, ascii('%PDF-'));
    case 'png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'webp':
      return startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8);
    case 'gif':
      return startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'));
    case 'zip':
      return startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP);
    case 'odf':
      return isOpenDocument(head, mime);
    case 'text':
      return isText(head);
  }
}

/** Browsers send these when they do not know a type; they claim nothing. */
const UNCLAIMED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
/** What browsers on different systems call the text and zip types. */
const ALIASES: Record<string, string[]> = {
  'text/plain': ['text/x-log'],
  'text/markdown': ['text/x-markdown', 'text/plain'],
  'text/csv': ['application/csv', 'text/x-csv', 'application/vnd.ms-excel', 'text/plain'],
  'application/zip': ['application/x-zip-compressed', 'application/x-zip', 'multipart/x-zip'],
  'image/jpeg': ['image/pjpeg'],
};

export type FileTypeVerdict =
  { ok: true; extension: DeliverableExtension; mime: string } | { ok: false; reason: string };

export function detectDeliverableType(
  fileName: string,
  claimedType: string,
  head: Uint8Array,
): FileTypeVerdict {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  if (!Object.hasOwn(DELIVERABLE_TYPES, extension)) {
    return { ok: false, reason: `Files of type “.${extension || '?'}” cannot be attached.` };
  }
  const type = DELIVERABLE_TYPES[extension as DeliverableExtension];
  const claimed = claimedType.split(';')[0]!.trim().toLowerCase();
  if (!UNCLAIMED.has(claimed) && claimed !== type.mime && !ALIASES[type.mime]?.includes(claimed)) {
    return { ok: false, reason: `The file is named .${extension} but was sent as ${claimed}.` };
  }
  if (!matchesMagic(type.magic, head, type.mime)) {
    return { ok: false, reason: `The file’s content is not a real .${extension} file.` };
  }
  return { ok: true, extension: extension as DeliverableExtension, mime: type.mime };
}

/** A file name safe to store and to echo in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned || 'file').slice(-200);
}
