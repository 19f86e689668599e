import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { changeProjectStatus, createProject, getProject, updateProject } from '../services/projects.ts';
import { searchProjects } from '../services/project-search.ts';
import { scopeProject } from '../services/scoping.ts';
import { resolveSkills } from '../services/skills.ts';
import { applyToProject, listProjectApplications } from '../services/applications.ts';
import { PROJECT_TEMPLATES } from '../../shared/project-templates.ts';
import {
  applyInput,
  createProjectInput,
  projectSearchQuery,
  scopeProjectInput,
  updateProjectInput,
  matchesQuery,
  inviteToApplyInput,
} from '../../shared/schemas/marketplace.ts';
import { inviteToApply } from '../services/invitations.ts';
import { authorizeAccount } from '../auth/permissions.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';
import { feeFloorForOrg } from '../services/programmes.ts';

/** Projects: templates, the scoping check, drafting, publishing, discovery and applying. */
export function projectsRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  router.get('/project-templates', (request, response) => {
    requireUser(request);
    response.json({ items: PROJECT_TEMPLATES, next: null });
  });

  router.post('/projects/scope', async (request, response) => {
    requireUser(request);
    const draft = parseInput(scopeProjectInput, request.body);
    const result = await scopeProject(
      { ...draft, skills: resolveSkills(draft.skills) },
      context.config.hourlyFeeFloor,
    );
    response.json(result);
  });

  router.get('/projects', async (request, response) => {
    requireUser(request);
    response.json(await searchProjects(db, parseInput(projectSearchQuery, request.query)));
  });

  router.post('/projects', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(createProjectInput, request.body);
    const project = await createProject(db, context.events, user.id, input);
    const scoping = await scopeProject(
      { ...input, skills: resolveSkills(input.skills) },
      await feeFloorForOrg(db, input.orgId, context.config.hourlyFeeFloor),
    );
    response.status(201).json({ ...project, scoping });
  });

  router.get('/projects/:id', async (request, response) => {
    const user = requireUser(request);
    response.json((await getProject(db, String(request.params.id), user.id)).project);
  });

  router.patch('/projects/:id', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(updateProjectInput, request.body);
    response.json(await updateProject(db, context.events, String(request.params.id), user.id, input));
  });

  router.post('/projects/:id/publish', async (request, response) => {
    const user = requireUser(request);
    response.json(
      await changeProjectStatus(db, context.events, String(request.params.id), user.id, 'publish'),
    );
  });

  router.post('/projects/:id/close', async (request, response) => {
    const user = requireUser(request);
    response.json(await changeProjectStatus(db, context.events, String(request.params.id), user.id, 'close'));
  });

  router.post('/projects/:id/applications', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(applyInput, request.body);
    authorizeAccount(user, 'apply');
    response
      .status(201)
      .json(await applyToProject(db, context.events, user, String(request.params.id), input));
  });

  router.get('/projects/:id/applications', async (request, response) => {
    const user = requireUser(request);
    response.json({
      items: await listProjectApplications(db, String(request.params.id), user.id),
      next: null,
    });
  });

  router.get('/projects/:id/matches', async (request, response) => {
    const user = requireUser(request);
    const { limit } = parseInput(matchesQuery, request.query);
    response.json(await context.matchmaker.studentsForProject(String(request.params.id), user.id, limit));
  });

  router.post('/projects/:id/invitations', async (request, response) => {
    const user = requireUser(request);
    const { studentId } = parseInput(inviteToApplyInput, request.body);
    const invitation = await inviteToApply(db, context.events, String(request.params.id), user.id, studentId);
    response.status(201).json(invitation);
  });

  return router;
}
