import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { authorize, type WorkspaceRuleName } from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspace/workspaces.ts';
import {
  attachFile,
  attachmentNotFound,
  findAttachment,
  listAttachments,
  type AttachmentTarget,
} from '../services/workspace/attachments.ts';
import { BlobStore } from '../portfolio/blob-store.ts';
import { attachmentFields, attachmentsQuery, cardIdParam } from '../../shared/schemas/attachments.ts';
import { z } from 'zod';
import { sendDeliverableFile } from './deliverables.ts';
import { withCheckedUpload } from './checked-upload.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

const commentIdParam = z.uuid({ message: 'Not an id.' });

/**
 * Files attached to board cards and comments. Same upload path, types and limit as deliverables;
 * members download them, and the right to attach is the right to change what the file is attached
 * to (the board, or the comments).
 */
export function attachmentsRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;
  const store = BlobStore.forDataDir(context.config.dataDir);

  const membership = (request: Request, workspaceId: string) =>
    getWorkspaceAccess(db, workspaceId, requireUser(request).id);

  async function receive(
    request: Request,
    response: Parameters<typeof withCheckedUpload>[1],
    rule: WorkspaceRuleName,
    targetOf: () => AttachmentTarget,
  ) {
    const user = requireUser(request);
    // Rights are checked before a single byte of the file is read (and before the target, so a
    // stranger learns nothing from its validation).
    const access = authorize(await membership(request, String(request.params.id)), rule);
    const target = targetOf();
    const attachment = await withCheckedUpload(request, response, store, async (checked, fields) => {
      parseInput(attachmentFields, fields);
      return attachFile(
        db,
        store,
        {
          workspaceId: access.workspaceId,
          authorId: user.id,
          target,
          fileName: checked.fileName,
          mimeType: checked.mimeType,
        },
        checked.file,
      );
    });
    response.status(201).json(attachment);
  }

  router.get('/workspaces/:id/attachments', async (request, response) => {
    const access = authorize(await membership(request, String(request.params.id)), 'viewWorkspace');
    response.json(await listAttachments(db, access.workspaceId, parseInput(attachmentsQuery, request.query)));
  });

  router.post('/workspaces/:id/cards/:cardId/attachments', async (request, response) => {
    await receive(request, response, 'editBoard', () => ({
      cardId: parseInput(cardIdParam, request.params.cardId),
    }));
  });

  router.post('/workspaces/:id/comments/:commentId/attachments', async (request, response) => {
    await receive(request, response, 'attachToComment', () => ({
      commentId: parseInput(commentIdParam, request.params.commentId),
    }));
  });

  router.get('/attachments/:id/download', async (request, response) => {
    const attachment = await findAttachment(db, String(request.params.id));
    if (!attachment) throw attachmentNotFound();
    authorize(await membership(request, attachment.workspaceId), 'viewWorkspace', attachmentNotFound);
    await sendDeliverableFile(request, response, store, { ...attachment, kind: 'file' });
  });

  return router;
}
