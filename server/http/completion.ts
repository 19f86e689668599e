import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { authorize } from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspace/workspaces.ts';
import { completeWorkspace, reopenCompletion } from '../services/portfolio/completion.ts';
import { getFeedback, giveFeedback, workspaceNotCompleted } from '../services/portfolio/feedback.ts';
import {
  completeWorkspaceInput,
  feedbackInput,
  reopenCompletionInput,
} from '../../shared/schemas/portfolio.ts';
import { issuerProfile } from '../portfolio/credentials/issuer.ts';
import { publicOriginOf } from './public-origin.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** The end of a workspace: the supervisor completes it, then both sides rate each other once. */
export function completionRouter(context: AppContext): Router {
  const router = Router();
  const { db, events, documents, config } = context;

  async function access(request: Request) {
    return getWorkspaceAccess(db, String(request.params.id), requireUser(request).id);
  }

  router.post('/workspaces/:id/complete', async (request, response) => {
    const granted = authorize(await access(request), 'completeWorkspace');
    const input = parseInput(completeWorkspaceInput, request.body);
    const user = requireUser(request);
    const credentials = { origin: publicOriginOf(config, request), profile: issuerProfile(config) };
    response.json(await completeWorkspace(db, documents, events, granted, user.id, input, credentials));
  });

  router.post('/workspaces/:id/reopen', async (request, response) => {
    const granted = authorize(await access(request), 'reopenCompletion');
    const { reason } = parseInput(reopenCompletionInput, request.body);
    response.json(await reopenCompletion(db, events, granted, requireUser(request).id, reason));
  });

  /** Members who may give feedback: before completion that is a 409, for mentors a 403. */
  async function feedbackAccess(request: Request) {
    const found = authorize(await access(request), 'viewWorkspace');
    if (found.status !== 'completed') throw workspaceNotCompleted();
    return authorize(found, 'giveFeedback');
  }

  router.post('/workspaces/:id/feedback', async (request, response) => {
    const granted = await feedbackAccess(request);
    const input = parseInput(feedbackInput, request.body);
    const user = requireUser(request);
    response.status(201).json(await giveFeedback(db, events, granted, user, input));
  });

  router.get('/workspaces/:id/feedback', async (request, response) => {
    const granted = await feedbackAccess(request);
    response.json(await getFeedback(db, granted, requireUser(request).id));
  });

  return router;
}
