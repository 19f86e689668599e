import { Router } from 'express';
import type { AppContext } from '../context.ts';
import {
  acceptApplication,
  declineApplication,
  getApplication,
  listMyApplications,
  shortlistApplication,
  withdrawApplication,
} from '../services/applications.ts';
import { declineInput } from '../../shared/schemas/marketplace.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** A student's applications, and the organisation's decisions on them. */
export function applicationsRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;
  const id = (params: Record<string, unknown>) => String(params.id);

  router.get('/applications', async (request, response) => {
    const user = requireUser(request);
    response.json({ items: await listMyApplications(db, user.id), next: null });
  });

  router.get('/applications/:id', async (request, response) => {
    response.json(await getApplication(db, id(request.params), requireUser(request).id));
  });

  router.post('/applications/:id/withdraw', async (request, response) => {
    response.json(await withdrawApplication(db, id(request.params), requireUser(request).id));
  });

  router.post('/applications/:id/shortlist', async (request, response) => {
    response.json(await shortlistApplication(db, id(request.params), requireUser(request).id));
  });

  router.post('/applications/:id/decline', async (request, response) => {
    const user = requireUser(request);
    const { message } = parseInput(declineInput, request.body);
    response.json(await declineApplication(db, events, id(request.params), user.id, message));
  });

  router.post('/applications/:id/accept', async (request, response) => {
    response.json(await acceptApplication(db, events, id(request.params), requireUser(request).id));
  });

  return router;
}
