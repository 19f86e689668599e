import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { authorize } from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspaces.ts';
import {
  checkCredential,
  credentialNotFound,
  findCredential,
  getPublicCredential,
  listWorkspaceCredentials,
  revokeCredential,
} from '../services/credentials.ts';
import { credentialBody } from '../../shared/schemas/portfolio.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** Open Badges credentials: anyone verifies or reads one; a supervisor of its workspace revokes it. */
export function credentialsRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  router.post('/credentials/verify', async (request, response) => {
    const credential = parseInput(credentialBody, request.body);
    response.json({ status: await checkCredential(db, credential) });
  });

  router.get('/credentials/:id', async (request, response) => {
    response.setHeader('Cache-Control', 'no-store');
    response.json(await getPublicCredential(db, String(request.params.id)));
  });

  router.get('/workspaces/:id/credentials', async (request, response) => {
    const user = requireUser(request);
    const access = authorize(
      await getWorkspaceAccess(db, String(request.params.id), user.id),
      'revokeCredential',
    );
    response.json({ items: await listWorkspaceCredentials(db, access.workspaceId), next: null });
  });

  router.post('/credentials/:id/revoke', async (request, response) => {
    const user = requireUser(request);
    const found = await findCredential(db, String(request.params.id));
    const access = found ? await getWorkspaceAccess(db, found.workspaceId, user.id) : null;
    if (!found) throw credentialNotFound();
    authorize(access, 'revokeCredential', credentialNotFound);
    response.json(await revokeCredential(db, events, found, user.id));
  });

  return router;
}
