import { Router } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import type { AppContext } from '../context.ts';
import { inviteToOrganisation } from '../services/workspace/member-invitations.ts';
import { authorizeAccount, authorizeOrg, orgNotFound } from '../auth/permissions.ts';
import {
  getOrgAccess,
  getOrganisation,
  listMyOrganisations,
  registerOrganisation,
  updateOrganisation,
} from '../services/marketplace/organisations.ts';
import { listOrgProjects } from '../services/marketplace/projects.ts';
import { createOrgInput, inviteSupervisorInput, updateOrgInput } from '../../shared/schemas/marketplace.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** Business partners: register, edit, invite co-supervisors, list their projects. */
export function organisationsRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  async function orgAccess(orgId: string, userId: string) {
    const access = await getOrgAccess(db, orgId, userId);
    if (!access) throw orgNotFound();
    return access;
  }

  router.post('/orgs', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(createOrgInput, request.body);
    authorizeAccount(user, 'registerOrg');
    response.status(201).json(await registerOrganisation(db, user.id, input));
  });

  router.get('/orgs', async (request, response) => {
    const user = requireUser(request);
    response.json(await listMyOrganisations(db, user.id, parseInput(pageQuery, request.query)));
  });

  router.get('/orgs/:id', async (request, response) => {
    const user = requireUser(request);
    response.json(await getOrganisation(db, await orgAccess(String(request.params.id), user.id)));
  });

  router.patch('/orgs/:id', async (request, response) => {
    const user = requireUser(request);
    const access = authorizeOrg(await orgAccess(String(request.params.id), user.id));
    const input = parseInput(updateOrgInput, request.body);
    response.json(await updateOrganisation(db, access, input));
  });

  router.post('/orgs/:id/supervisors', async (request, response) => {
    const user = requireUser(request);
    const access = authorizeOrg(await orgAccess(String(request.params.id), user.id));
    const { email } = parseInput(inviteSupervisorInput, request.body);
    response.status(201).json(await inviteToOrganisation(db, context.events, access, email, user.id));
  });

  router.get('/orgs/:id/projects', async (request, response) => {
    const user = requireUser(request);
    const access = authorizeOrg(await orgAccess(String(request.params.id), user.id));
    response.json(await listOrgProjects(db, access, parseInput(pageQuery, request.query)));
  });

  return router;
}
