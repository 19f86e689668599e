import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { authorize } from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspace/workspaces.ts';
import { searchWorkspace } from '../services/workspace/search.ts';
import { workspaceSearchQuery } from '../../shared/schemas/search.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** Search in a workspace's brief, chat and comments: whoever may read the workspace may search it. */
export function workspaceSearchRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  router.get('/workspaces/:id/search', async (request, response) => {
    // Rights before the query: a stranger learns nothing, not even that the query was bad.
    const access = await getWorkspaceAccess(db, String(request.params.id), requireUser(request).id);
    const granted = authorize(access, 'viewWorkspace');
    const { q } = parseInput(workspaceSearchQuery, request.query);
    response.json(await searchWorkspace(db, granted.workspaceId, q));
  });

  return router;
}
