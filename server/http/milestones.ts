import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { authorize, type WorkspaceRuleName, type WorkspaceAccess } from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspace/workspaces.ts';
import {
  acceptMilestone,
  addMilestone,
  dropMilestone,
  findMilestoneWorkspace,
  listMilestones,
  milestoneNotFound,
  requestMilestoneChanges,
  submitMilestone,
} from '../services/workspace/milestones.ts';
import {
  createMilestoneInput,
  dropMilestoneInput,
  requestChangesInput,
} from '../../shared/schemas/portfolio.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/**
 * A workspace's milestones: the intern submits each, a supervisor accepts it or asks for changes,
 * or drops one that will not be done (saying why).
 */
export function milestonesRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  async function workspaceAccess(request: Request) {
    return getWorkspaceAccess(db, String(request.params.id), requireUser(request).id);
  }

  /** For /milestones/:id/…: a stranger learns nothing, not even that the milestone exists. */
  async function milestoneAccess(request: Request, rule: WorkspaceRuleName): Promise<WorkspaceAccess> {
    const workspaceId = await findMilestoneWorkspace(db, String(request.params.id));
    const access = workspaceId ? await getWorkspaceAccess(db, workspaceId, requireUser(request).id) : null;
    return authorize(access, rule, milestoneNotFound);
  }

  router.get('/workspaces/:id/milestones', async (request, response) => {
    const access = authorize(await workspaceAccess(request), 'viewWorkspace');
    response.json({ items: await listMilestones(db, access.workspaceId), next: null });
  });

  router.post('/workspaces/:id/milestones', async (request, response) => {
    const access = authorize(await workspaceAccess(request), 'manageMilestones');
    const input = parseInput(createMilestoneInput, request.body);
    response.status(201).json(await addMilestone(db, access.workspaceId, input));
  });

  router.post('/milestones/:id/submit', async (request, response) => {
    const access = await milestoneAccess(request, 'submitMilestone');
    const id = String(request.params.id);
    response.json(await submitMilestone(db, events, access.workspaceId, id, requireUser(request).id));
  });

  router.post('/milestones/:id/accept', async (request, response) => {
    const access = await milestoneAccess(request, 'reviewMilestone');
    const id = String(request.params.id);
    response.json(await acceptMilestone(db, events, access.workspaceId, id, requireUser(request).id));
  });

  router.post('/milestones/:id/request-changes', async (request, response) => {
    const access = await milestoneAccess(request, 'reviewMilestone');
    const { comment } = parseInput(requestChangesInput, request.body);
    const id = String(request.params.id);
    const userId = requireUser(request).id;
    response.json(await requestMilestoneChanges(db, events, access.workspaceId, id, userId, comment));
  });

  router.post('/milestones/:id/drop', async (request, response) => {
    const access = await milestoneAccess(request, 'dropMilestone');
    const { reason } = parseInput(dropMilestoneInput, request.body);
    const id = String(request.params.id);
    const userId = requireUser(request).id;
    response.json(await dropMilestone(db, events, access.workspaceId, id, userId, reason));
  });

  return router;
}
