import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import {
  authorizeBy,
  canManageMilestones,
  canReviewMilestone,
  canSubmitMilestone,
  canViewWorkspace,
  type WorkspaceAccess,
} from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspaces.ts';
import {
  acceptMilestone,
  addMilestone,
  findMilestoneWorkspace,
  listMilestones,
  milestoneNotFound,
  requestMilestoneChanges,
  submitMilestone,
} from '../services/milestones.ts';
import { createMilestoneInput, requestChangesInput } from '../../shared/schemas/portfolio.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** A workspace's milestones: the intern submits each, a supervisor accepts it or asks for changes. */
export function milestonesRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  async function workspaceAccess(request: Request) {
    return getWorkspaceAccess(db, String(request.params.id), requireUser(request).id);
  }

  /** For /milestones/:id/…: a stranger learns nothing, not even that the milestone exists. */
  async function milestoneAccess(request: Request): Promise<WorkspaceAccess> {
    const workspaceId = await findMilestoneWorkspace(db, String(request.params.id));
    const access = workspaceId ? await getWorkspaceAccess(db, workspaceId, requireUser(request).id) : null;
    if (!access || !canViewWorkspace(access)) throw milestoneNotFound();
    return access;
  }

  router.get('/workspaces/:id/milestones', async (request, response) => {
    const access = authorizeBy(await workspaceAccess(request), canViewWorkspace);
    response.json({ items: await listMilestones(db, access.workspaceId), next: null });
  });

  router.post('/workspaces/:id/milestones', async (request, response) => {
    const access = authorizeBy(
      await workspaceAccess(request),
      canManageMilestones,
      'Only a supervisor can plan milestones.',
    );
    const input = parseInput(createMilestoneInput, request.body);
    response.status(201).json(await addMilestone(db, access.workspaceId, input));
  });

  router.post('/milestones/:id/submit', async (request, response) => {
    const access = authorizeBy(
      await milestoneAccess(request),
      canSubmitMilestone,
      'Only the intern submits a milestone.',
    );
    const id = String(request.params.id);
    response.json(await submitMilestone(db, events, access.workspaceId, id, requireUser(request).id));
  });

  router.post('/milestones/:id/accept', async (request, response) => {
    const access = authorizeBy(
      await milestoneAccess(request),
      canReviewMilestone,
      'Only a supervisor reviews milestones.',
    );
    const id = String(request.params.id);
    response.json(await acceptMilestone(db, events, access.workspaceId, id, requireUser(request).id));
  });

  router.post('/milestones/:id/request-changes', async (request, response) => {
    const access = authorizeBy(
      await milestoneAccess(request),
      canReviewMilestone,
      'Only a supervisor reviews milestones.',
    );
    const { comment } = parseInput(requestChangesInput, request.body);
    const id = String(request.params.id);
    const userId = requireUser(request).id;
    response.json(await requestMilestoneChanges(db, events, access.workspaceId, id, userId, comment));
  });

  return router;
}
