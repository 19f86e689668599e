import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import multer, { MulterError, type StorageEngine } from 'multer';
import { MAX_DELIVERABLE_BYTES } from '../../shared/schemas/portfolio.ts';
import { AppError } from '../errors.ts';
import type { BlobStore } from './blob-store.ts';
import { HEAD_BYTES } from './file-types.ts';

/** A file received into the store's temp folder, hashed and measured on the way in. */
export interface ReceivedFile {
  tempPath: string;
  size: number;
  sha256: string;
  /** The first bytes, for the type check. */
  head: Uint8Array;
  originalName: string;
  claimedType: string;
}

type Stored = { path: string; size: number; sha256: string; head: Buffer };

/** Streams the file to a temp file while hashing it: the bytes are read once and never buffered whole. */
class HashingStorage implements StorageEngine {
  constructor(
    private readonly tempDir: string,
    private readonly created: Set<string>,
  ) {}

  _handleFile(_request: Request, file: Express.Multer.File, done: (error?: unknown, info?: object) => void) {
    const tempPath = path.join(this.tempDir, `${randomUUID()}.part`);
    this.created.add(tempPath);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let size = 0;
    let headLength = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < HEAD_BYTES) {
          const part = chunk.subarray(0, HEAD_BYTES - headLength);
          head.push(part);
          headLength += part.length;
        }
        next(null, chunk);
      },
    });
    pipeline(file.stream, meter, createWriteStream(tempPath, { flags: 'wx' })).then(
      () => done(null, { path: tempPath, size, sha256: hash.digest('hex'), head: Buffer.concat(head) }),
      // Removed here too: after an abort multer may no longer know this file exists.
      (error: unknown) => void rm(tempPath, { force: true }).finally(() => done(error)),
    );
  }

  _removeFile(_request: Request, file: Express.Multer.File, done: (error: Error | null) => void) {
    rm(file.path, { force: true }).then(() => done(null), done);
  }
}

/**
 * Maps what reading an upload threw to the caller's error. Only a failure of our own disk (an
 * error with a `syscall`, such as ENOSPC) is ours; a form busboy cannot read, or a client that
 * went away mid-upload, is a 4xx and not logged as a failure.
 */
/** What multer rejects with when the client goes away mid-upload. */
const CLIENT_GONE = new Set(['Request aborted', 'Request closed', 'aborted']);

function toUploadError(error: unknown, request: Request): unknown {
  if (!(error instanceof MulterError)) {
    // Checked first: a reset connection fails with a `syscall` (ECONNRESET) that is not our disk's.
    if (request.readableAborted || request.socket.destroyed || CLIENT_GONE.has((error as Error)?.message)) {
      request.log.info({ reason: (error as Error)?.message }, 'upload interrupted by the client');
      return new AppError(400, 'request_aborted', 'The upload was interrupted before it finished.');
    }
    if (typeof (error as { syscall?: unknown })?.syscall === 'string') return error;
    return new AppError(400, 'bad_request', 'The upload form could not be read.');
  }
  if (error.code === 'LIMIT_FILE_SIZE') {
    return new AppError(
      413,
      'payload_too_large',
      `A deliverable can be at most ${MAX_DELIVERABLE_BYTES / 1024 / 1024} MiB.`,
    );
  }
  if (error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT') {
    return new AppError(400, 'validation_failed', 'Send exactly one file, in the field “file”.');
  }
  return new AppError(400, 'bad_request', 'The upload form could not be read.');
}

/**
 * Reads a multipart/form-data upload with one `file` and a few text fields. `discard` removes
 * every temp file this request made (call it in a finally: after a successful commit it finds
 * nothing left to remove).
 */
export async function receiveUpload(
  request: Request,
  response: Response,
  store: BlobStore,
): Promise<{ file: ReceivedFile | null; fields: Record<string, unknown>; discard: () => Promise<void> }> {
  await store.ensure();
  const created = new Set<string>();
  const discard = async () => {
    await Promise.all([...created].map((tempPath) => rm(tempPath, { force: true })));
  };
  const upload = multer({
    storage: new HashingStorage(store.tempDir, created),
    // Browsers send file names as raw UTF-8 (“Zoë’s report.pdf”), not latin1.
    defParamCharset: 'utf8',
    limits: { fileSize: MAX_DELIVERABLE_BYTES, files: 1, fields: 5, fieldSize: 4096, parts: 6 },
  }).single('file');
  try {
    await new Promise<void>((resolve, reject) =>
      upload(request, response, (error: unknown) => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    await discard();
    throw toUploadError(error, request);
  }
  const stored = request.file as (Express.Multer.File & Stored) | undefined;
  const fields = { ...(request.body as Record<string, unknown>) };
  if (!stored) return { file: null, fields, discard };
  return {
    file: {
      tempPath: stored.path,
      size: stored.size,
      sha256: stored.sha256,
      head: stored.head,
      originalName: stored.originalname,
      claimedType: stored.mimetype ?? '',
    },
    fields,
    discard,
  };
}
