import type { Request, Response } from 'express';
import { AppError } from '../errors.ts';
import type { BlobStore } from '../portfolio/blob-store.ts';
import { cleanFileName, detectDeliverableType } from '../portfolio/file-types.ts';
import { receiveUpload, type ReceivedFile } from '../portfolio/upload.ts';
import { MAX_DELIVERABLE_BYTES, MAX_DELIVERABLE_OVERHEAD_BYTES } from '../../shared/schemas/portfolio.ts';
import { UNSTORABLE_TEXT_MESSAGE, isStorableText } from '../../shared/schemas/text.ts';

export interface CheckedFile {
  file: ReceivedFile;
  /** Safe to store and to echo in Content-Disposition. */
  fileName: string;
  /** Decided from the name and the first bytes, never from the browser's claim alone. */
  mimeType: string;
}

const tooLarge = () =>
  new AppError(413, 'payload_too_large', `A file can be at most ${MAX_DELIVERABLE_BYTES / 1024 / 1024} MiB.`);

/**
 * The one way a file comes in (deliverables and attachments alike): a declared size over the limit
 * is refused before a byte is read, the bytes stream to a temp file, and the name and type are
 * checked. `use` runs with the checked file; the temp file is removed afterwards whatever happens
 * (after a commit there is nothing left to remove).
 */
export async function withCheckedUpload<T>(
  request: Request,
  response: Response,
  store: BlobStore,
  use: (checked: CheckedFile, fields: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_DELIVERABLE_BYTES + MAX_DELIVERABLE_OVERHEAD_BYTES) throw tooLarge();
  const upload = await receiveUpload(request, response, store);
  try {
    if (!upload.file) throw new AppError(400, 'validation_failed', 'file: choose a file to upload.');
    if (!isStorableText(upload.file.originalName)) {
      throw new AppError(400, 'validation_failed', `file: ${UNSTORABLE_TEXT_MESSAGE}`);
    }
    const fileName = cleanFileName(upload.file.originalName);
    const type = detectDeliverableType(fileName, upload.file.claimedType, upload.file.head);
    if (!type.ok) throw new AppError(415, 'unsupported_media_type', type.reason);
    return await use({ file: upload.file, fileName, mimeType: type.mime }, upload.fields);
  } finally {
    await upload.discard();
  }
}
