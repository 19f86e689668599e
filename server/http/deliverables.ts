import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { authorize, authorizeDeliverableRemoval } from '../auth/permissions.ts';
import { AppError } from '../errors.ts';
import { getWorkspaceAccess } from '../services/workspace/workspaces.ts';
import {
  addFileDeliverable,
  addLinkDeliverable,
  deleteDeliverable,
  deliverableNotFound,
  findDeliverable,
  listDeliverables,
} from '../services/workspace/deliverables.ts';
import { BlobStore } from '../portfolio/blob-store.ts';
import { fileDeliverableFields, linkDeliverableInput } from '../../shared/schemas/portfolio.ts';
import { withCheckedUpload } from './checked-upload.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';
import { pageQuery } from '../../shared/schemas/pagination.ts';

/** Files and links handed in against a milestone; files are downloaded by members only. */
export function deliverablesRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;
  const store = BlobStore.forDataDir(context.config.dataDir);

  const membership = (request: Request, workspaceId: string) =>
    getWorkspaceAccess(db, workspaceId, requireUser(request).id);

  router.get('/workspaces/:id/deliverables', async (request, response) => {
    const access = authorize(await membership(request, String(request.params.id)), 'viewWorkspace');
    response.json(await listDeliverables(db, access.workspaceId, parseInput(pageQuery, request.query)));
  });

  router.post('/workspaces/:id/deliverables', async (request, response) => {
    const user = requireUser(request);
    // Rights are checked before a single byte of a file is read.
    const access = authorize(await membership(request, String(request.params.id)), 'addDeliverable');
    if (!request.is('multipart/form-data')) {
      const input = parseInput(linkDeliverableInput, request.body);
      response.status(201).json(await addLinkDeliverable(db, access.workspaceId, user.id, input));
      return;
    }
    const deliverable = await withCheckedUpload(request, response, store, async (checked, raw) => {
      const fields = parseInput(fileDeliverableFields, raw);
      const { fileName, mimeType } = checked;
      return addFileDeliverable(
        db,
        store,
        access.workspaceId,
        user.id,
        { title: fields.title ?? fileName, milestoneId: fields.milestoneId, fileName, mimeType },
        checked.file,
      );
    });
    response.status(201).json(deliverable);
  });

  router.get('/deliverables/:id/download', async (request, response) => {
    const deliverable = await findDeliverable(db, String(request.params.id));
    if (!deliverable) throw deliverableNotFound();
    authorize(await membership(request, deliverable.workspaceId), 'viewWorkspace', deliverableNotFound);
    await sendDeliverableFile(request, response, store, deliverable);
  });

  router.delete('/deliverables/:id', async (request, response) => {
    const user = requireUser(request);
    const deliverable = await findDeliverable(db, String(request.params.id));
    if (!deliverable) throw deliverableNotFound();
    const access = await membership(request, deliverable.workspaceId);
    authorizeDeliverableRemoval(access, deliverable, user.id, deliverableNotFound);
    await deleteDeliverable(db, store, deliverable);
    response.json({ ok: true });
  });

  return router;
}

/**
 * Sends a deliverable's file as a download: never rendered inline (attachment, nosniff and a
 * sandboxing CSP), whatever it contains.
 */
export async function sendDeliverableFile(
  request: Request,
  response: Response,
  store: BlobStore,
  deliverable: {
    id: string;
    kind: string;
    sha256: string | null;
    fileName: string | null;
    mimeType: string | null;
  },
): Promise<void> {
  if (deliverable.kind !== 'file' || !deliverable.sha256)
    throw new AppError(404, 'not_a_file', 'This deliverable is a link; it has nothing to download.');
  const filePath = store.pathOf(deliverable.sha256);
  const size = await stat(filePath).then(
    (stats) => stats.size,
    () => null,
  );
  if (size === null) {
    request.log.error({ deliverableId: deliverable.id }, 'deliverable file missing from the store');
    throw new AppError(404, 'file_missing', 'The file of this deliverable is missing.');
  }
  response.attachment(deliverable.fileName ?? 'deliverable');
  response.type(deliverable.mimeType ?? 'application/octet-stream');
  response.setHeader('Content-Length', String(size));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  response.setHeader('Cache-Control', 'private, no-store');
  await pipeline(createReadStream(filePath), response);
}
