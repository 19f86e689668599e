import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { inviteToWorkspace } from '../services/workspace/member-invitations.ts';
import {
  allows,
  authorize,
  authorizeAccount,
  rightsOf,
  type WorkspaceAccess,
  type WorkspaceRuleName,
} from '../auth/permissions.ts';
import {
  createWorkspace,
  getWorkspaceAccess,
  getWorkspaceDetail,
  listMyWorkspaces,
  removeInvitation,
  removeMember,
} from '../services/workspace/workspaces.ts';
import { listMessages } from '../services/workspace/chat.ts';
import { getVersion, listVersions, restoreVersion, saveVersion } from '../services/workspace/versions.ts';
import {
  addMemberInput,
  createWorkspaceInput,
  messagesQuery,
  saveVersionInput,
} from '../../shared/schemas/workspaces.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';
import { pageQuery } from '../../shared/schemas/pagination.ts';

/** Workspaces: create, read, members, chat history and named versions of the brief. */
export function workspacesRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  /** Authenticates, then checks `rule` in the workspace named by the URL. */
  async function access(request: Request, rule: WorkspaceRuleName): Promise<WorkspaceAccess> {
    const user = requireUser(request);
    return authorize(await getWorkspaceAccess(db, String(request.params.id), user.id), rule);
  }

  const detail = (granted: WorkspaceAccess) =>
    getWorkspaceDetail(db, granted, {
      rights: rightsOf(granted),
      withInvitations: allows('seeInvitations', granted),
    });

  router.post('/workspaces', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(createWorkspaceInput, request.body);
    authorizeAccount(user, 'startWorkspace');
    const { id } = await createWorkspace(db, { title: input.title, createdBy: user.id });
    const created = authorize(await getWorkspaceAccess(db, id, user.id), 'viewWorkspace');
    response.status(201).json(await detail(created));
  });

  router.get('/workspaces', async (request, response) => {
    const user = requireUser(request);
    response.json(await listMyWorkspaces(db, user.id, parseInput(pageQuery, request.query)));
  });

  router.get('/workspaces/:id', async (request, response) => {
    response.json(await detail(await access(request, 'viewWorkspace')));
  });

  router.post('/workspaces/:id/members', async (request, response) => {
    const granted = await access(request, 'manageMembers');
    const input = parseInput(addMemberInput, request.body);
    await context.rateLimiter.consume('members:change', requireUser(request).id);
    response
      .status(201)
      .json(await inviteToWorkspace(db, context.events, granted, input, requireUser(request).id));
  });

  router.delete('/workspaces/:id/members/:userId', async (request, response) => {
    const granted = await access(request, 'manageMembers');
    await context.rateLimiter.consume('members:change', requireUser(request).id);
    await removeMember(db, context.events, granted, String(request.params.userId));
    response.json({ ok: true });
  });

  router.delete('/workspaces/:id/invitations/:invitationId', async (request, response) => {
    const granted = await access(request, 'manageMembers');
    await removeInvitation(db, granted, String(request.params.invitationId));
    response.json({ ok: true });
  });

  router.get('/workspaces/:id/messages', async (request, response) => {
    const granted = await access(request, 'viewWorkspace');
    const query = parseInput(messagesQuery, request.query);
    const page = await listMessages(db, granted.workspaceId, query);
    const oldest = page.items[0];
    response.json({ items: page.items, next: page.hasMore && oldest ? String(oldest.seq) : null });
  });

  router.get('/workspaces/:id/versions', async (request, response) => {
    const granted = await access(request, 'viewWorkspace');
    response.json(await listVersions(db, granted.workspaceId, parseInput(pageQuery, request.query)));
  });

  router.post('/workspaces/:id/versions', async (request, response) => {
    const granted = await access(request, 'saveVersion');
    const input = parseInput(saveVersionInput, request.body);
    // Everything already relayed must be in the version, so wait for pending writes.
    if (context.documents.isLoaded(granted.workspaceId))
      await context.documents.flushDocument(granted.workspaceId);
    const version = await saveVersion(db, {
      workspaceId: granted.workspaceId,
      label: input.label,
      createdBy: requireUser(request).id,
    });
    response.status(201).json(version);
  });

  router.get('/workspaces/:id/versions/:versionId', async (request, response) => {
    const granted = await access(request, 'viewWorkspace');
    response.json(await getVersion(db, granted.workspaceId, String(request.params.versionId)));
  });

  router.post('/workspaces/:id/versions/:versionId/restore', async (request, response) => {
    const granted = await access(request, 'restoreVersion');
    await restoreVersion(db, context.documents, granted.workspaceId, String(request.params.versionId));
    response.json({ ok: true });
  });

  return router;
}
