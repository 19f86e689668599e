import { Router, type Request } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import type { AppContext } from '../context.ts';
import {
  changeProjectStatus,
  createProject,
  getProject,
  getProjectAccess,
  projectNotFound,
  updateProject,
} from '../services/marketplace/projects.ts';
import { getOrgAccess } from '../services/marketplace/organisations.ts';
import { searchProjects } from '../services/marketplace/project-search.ts';
import { scopeProject } from '../services/marketplace/scoping.ts';
import { resolveSkills } from '../services/marketplace/skills.ts';
import { applyToProject, listProjectApplications } from '../services/marketplace/applications.ts';
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
import { inviteToApply } from '../services/marketplace/invitations.ts';
import { authorizeAccount, authorizeOrg, authorizeProject } from '../auth/permissions.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';
import { feeFloorForOrg } from '../services/programmes/programmes.ts';

/** Projects: templates, the scoping check, drafting, publishing, discovery and applying. */
export function projectsRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  /** A draft is a 404 outside its organisation; `manageOrg` is its supervisors' (403 for others). */
  async function projectAccess(request: Request, rule: 'viewProject' | 'manageOrg') {
    const access = await getProjectAccess(db, String(request.params.id), requireUser(request).id);
    return authorizeProject(access, rule, projectNotFound);
  }

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
    authorizeOrg(await getOrgAccess(db, input.orgId, user.id));
    const project = await createProject(db, context.events, user.id, input);
    const scoping = await scopeProject(
      { ...input, skills: resolveSkills(input.skills) },
      await feeFloorForOrg(db, input.orgId, context.config.hourlyFeeFloor),
    );
    response.status(201).json({ ...project, scoping });
  });

  router.get('/projects/:id', async (request, response) => {
    const user = requireUser(request);
    const { projectId } = await projectAccess(request, 'viewProject');
    response.json((await getProject(db, projectId, user.id)).project);
  });

  router.patch('/projects/:id', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(updateProjectInput, request.body);
    const { projectId } = await projectAccess(request, 'manageOrg');
    response.json(await updateProject(db, context.events, projectId, user.id, input));
  });

  router.post('/projects/:id/publish', async (request, response) => {
    const user = requireUser(request);
    const { projectId } = await projectAccess(request, 'manageOrg');
    response.json(await changeProjectStatus(db, context.events, projectId, user.id, 'publish'));
  });

  router.post('/projects/:id/close', async (request, response) => {
    const user = requireUser(request);
    const { projectId } = await projectAccess(request, 'manageOrg');
    response.json(await changeProjectStatus(db, context.events, projectId, user.id, 'close'));
  });

  router.post('/projects/:id/applications', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(applyInput, request.body);
    authorizeAccount(user, 'apply');
    const { projectId } = await projectAccess(request, 'viewProject');
    response.status(201).json(await applyToProject(db, context.events, user, projectId, input));
  });

  router.get('/projects/:id/applications', async (request, response) => {
    const { projectId } = await projectAccess(request, 'manageOrg');
    response.json(await listProjectApplications(db, projectId, parseInput(pageQuery, request.query)));
  });

  router.get('/projects/:id/matches', async (request, response) => {
    const { limit } = parseInput(matchesQuery, request.query);
    const { projectId } = await projectAccess(request, 'manageOrg');
    response.json(await context.matchmaker.studentsForProject(projectId, limit));
  });

  router.post('/projects/:id/invitations', async (request, response) => {
    const user = requireUser(request);
    const { studentId } = parseInput(inviteToApplyInput, request.body);
    const { projectId } = await projectAccess(request, 'manageOrg');
    const invitation = await inviteToApply(db, context.events, projectId, user.id, studentId);
    response.status(201).json(invitation);
  });

  return router;
}
