import { Router, type Request } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import type { AppContext } from '../context.ts';
import {
  authorize,
  authorizeCommentChange,
  type WorkspaceAccess,
  type WorkspaceRuleName,
} from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspace/workspaces.ts';
import {
  commentNotFound,
  deleteComment,
  editComment,
  findComment,
  listThreads,
  replyToThread,
  setThreadResolved,
  startThread,
} from '../services/workspace/comments.ts';
import { commentBodyInput, createThreadInput } from '../../shared/schemas/comments.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** Comment threads on the brief: commenting is its own right, apart from editing the brief. */
export function commentsRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  async function accessOf(request: Request): Promise<WorkspaceAccess | null> {
    return getWorkspaceAccess(db, String(request.params.id), requireUser(request).id);
  }

  async function access(request: Request, rule: WorkspaceRuleName): Promise<WorkspaceAccess> {
    return authorize(await accessOf(request), rule);
  }

  /** Edit and delete: the workspace's rules first (a stranger learns nothing), then authorship. */
  async function ownComment(request: Request) {
    const raw = await accessOf(request);
    const granted = authorize(raw, 'viewWorkspace');
    const comment = await findComment(db, granted.workspaceId, String(request.params.commentId));
    authorizeCommentChange(granted, comment, requireUser(request).id, commentNotFound);
    return { granted, comment };
  }

  router.get('/workspaces/:id/comments', async (request, response) => {
    const granted = await access(request, 'viewWorkspace');
    response.json(await listThreads(db, granted.workspaceId, parseInput(pageQuery, request.query)));
  });

  router.post('/workspaces/:id/comments', async (request, response) => {
    const granted = await access(request, 'comment');
    const input = parseInput(createThreadInput, request.body);
    await context.rateLimiter.consume('comments:write', requireUser(request).id);
    const thread = await startThread(db, events, {
      workspaceId: granted.workspaceId,
      authorId: requireUser(request).id,
      ...input,
    });
    response.status(201).json(thread);
  });

  router.post('/workspaces/:id/comments/:commentId/replies', async (request, response) => {
    const granted = await access(request, 'comment');
    const input = parseInput(commentBodyInput, request.body);
    await context.rateLimiter.consume('comments:write', requireUser(request).id);
    const { reply, thread } = await replyToThread(db, events, {
      workspaceId: granted.workspaceId,
      threadId: String(request.params.commentId),
      authorId: requireUser(request).id,
      body: input.body,
    });
    response.status(201).json({ ...reply, thread });
  });

  router.patch('/workspaces/:id/comments/:commentId', async (request, response) => {
    const { granted, comment } = await ownComment(request);
    const input = parseInput(commentBodyInput, request.body);
    response.json(
      await editComment(db, events, {
        workspaceId: granted.workspaceId,
        commentId: comment.id,
        body: input.body,
      }),
    );
  });

  router.delete('/workspaces/:id/comments/:commentId', async (request, response) => {
    const { granted, comment } = await ownComment(request);
    const thread = await deleteComment(db, events, {
      workspaceId: granted.workspaceId,
      commentId: comment.id,
    });
    response.json({ ok: true, thread });
  });

  for (const [action, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    router.post(`/workspaces/:id/comments/:commentId/${action}`, async (request, response) => {
      const granted = await access(request, 'comment');
      response.json(
        await setThreadResolved(db, events, {
          workspaceId: granted.workspaceId,
          threadId: String(request.params.commentId),
          userId: requireUser(request).id,
          resolved,
        }),
      );
    });
  }

  return router;
}
