import { Router, type Request } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import type { AppContext } from '../context.ts';
import { authorizeApplication } from '../auth/permissions.ts';
import {
  acceptApplication,
  applicationNotFound,
  declineApplication,
  getApplication,
  getApplicationAccess,
  listMyApplications,
  shortlistApplication,
  withdrawApplication,
} from '../services/marketplace/applications.ts';
import { declineInput } from '../../shared/schemas/marketplace.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** A student's applications, and the organisation's decisions on them. */
export function applicationsRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  /** Whoever may not see the application gets 404; the other side of it 403 for what is not theirs. */
  async function applicationAccess(
    request: Request,
    rule: 'viewApplication' | 'withdrawApplication' | 'manageOrg',
  ) {
    const userId = requireUser(request).id;
    const access = await getApplicationAccess(db, String(request.params.id), userId);
    return authorizeApplication(access, userId, rule, applicationNotFound).applicationId;
  }

  router.get('/applications', async (request, response) => {
    const user = requireUser(request);
    response.json(await listMyApplications(db, user.id, parseInput(pageQuery, request.query)));
  });

  router.get('/applications/:id', async (request, response) => {
    response.json(await getApplication(db, await applicationAccess(request, 'viewApplication')));
  });

  router.post('/applications/:id/withdraw', async (request, response) => {
    response.json(await withdrawApplication(db, await applicationAccess(request, 'withdrawApplication')));
  });

  router.post('/applications/:id/shortlist', async (request, response) => {
    const id = await applicationAccess(request, 'manageOrg');
    response.json(await shortlistApplication(db, id, requireUser(request).id));
  });

  router.post('/applications/:id/decline', async (request, response) => {
    const user = requireUser(request);
    const { message } = parseInput(declineInput, request.body);
    const id = await applicationAccess(request, 'manageOrg');
    response.json(await declineApplication(db, events, id, user.id, message));
  });

  router.post('/applications/:id/accept', async (request, response) => {
    const id = await applicationAccess(request, 'manageOrg');
    response.json(await acceptApplication(db, events, id, requireUser(request).id));
  });

  return router;
}
