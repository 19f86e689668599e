import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { authorize, type WorkspaceRuleName } from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspace/workspaces.ts';
import {
  findTimeLogEntryWorkspace,
  getTimeLog,
  logWeek,
  reviewWeek,
  setTimeLogEnabled,
  timeLogEntryNotFound,
} from '../services/workspace/time-log.ts';
import {
  logWeekInput,
  returnWeekInput,
  timeLogSettingsInput,
  timeLogWeekParams,
} from '../../shared/schemas/time-log.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/**
 * The optional time log of a workspace: a supervisor turns it on, the intern logs hours per ISO
 * week, a supervisor confirms or sends a week back. Everyone in the workspace reads it; a
 * stranger gets 404; a completed workspace's log is read-only (the rules allow writes while active).
 */
export function timeLogRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  async function workspaceAccess(request: Request, rule: WorkspaceRuleName) {
    const access = await getWorkspaceAccess(db, String(request.params.id), requireUser(request).id);
    return authorize(access, rule);
  }

  /** For /time-log/:id/…: a stranger learns nothing, not even that the week exists. */
  async function entryAccess(request: Request) {
    const workspaceId = await findTimeLogEntryWorkspace(db, String(request.params.id));
    const access = workspaceId ? await getWorkspaceAccess(db, workspaceId, requireUser(request).id) : null;
    return authorize(access, 'reviewTime', timeLogEntryNotFound);
  }

  router.get('/workspaces/:id/time-log', async (request, response) => {
    const access = await workspaceAccess(request, 'viewWorkspace');
    response.json(await getTimeLog(db, access.workspaceId));
  });

  router.put('/workspaces/:id/time-log/settings', async (request, response) => {
    const access = await workspaceAccess(request, 'manageTimeLog');
    const { enabled } = parseInput(timeLogSettingsInput, request.body);
    response.json(await setTimeLogEnabled(db, access.workspaceId, requireUser(request).id, enabled));
  });

  router.put('/workspaces/:id/time-log/weeks/:week', async (request, response) => {
    const access = await workspaceAccess(request, 'logTime');
    const { week } = parseInput(timeLogWeekParams, request.params);
    const input = parseInput(logWeekInput, request.body);
    const { entry, created } = await logWeek(db, access.workspaceId, requireUser(request).id, week, input);
    response.status(created ? 201 : 200).json(entry);
  });

  router.post('/time-log/:id/confirm', async (request, response) => {
    const access = await entryAccess(request);
    const id = String(request.params.id);
    response.json(
      await reviewWeek(db, access.workspaceId, id, requireUser(request).id, { outcome: 'confirmed' }),
    );
  });

  router.post('/time-log/:id/return', async (request, response) => {
    const access = await entryAccess(request);
    const { note } = parseInput(returnWeekInput, request.body);
    const id = String(request.params.id);
    const decision = { outcome: 'returned' as const, note };
    response.json(await reviewWeek(db, access.workspaceId, id, requireUser(request).id, decision));
  });

  return router;
}
