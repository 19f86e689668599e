import { Router, type Request } from 'express';
import type { AppContext } from '../context.ts';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import {
  authorizeAccount,
  authorizeModeration,
  authorizeProgramme,
  authorizeSuspension,
  canModerateInstance,
} from '../auth/permissions.ts';
import { AppError, forbidden } from '../errors.ts';
import { getProgrammeAccess } from '../services/programmes/programmes.ts';
import {
  findAccount,
  findProgrammePerson,
  moderateProject,
  personNotInProgramme,
  setAccountSuspended,
  setOrgVerified,
} from '../services/programmes/programme-moderation.ts';
import { fileReport, listReports, resolveReport } from '../services/programmes/reports.ts';
import { listAudit } from '../services/programmes/moderation-audit.ts';
import {
  findPeople,
  listProgrammeOrgs,
  listProgrammeProjects,
} from '../services/programmes/programme-people.ts';
import {
  auditQuery,
  fileReportInput,
  moderateProjectInput,
  orgVerificationInput,
  peopleQuery,
  reportsQuery,
  resolveReportInput,
  suspensionInput,
} from '../../shared/schemas/moderation.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/**
 * Keeping a programme safe: reports from students and supervisors, the staff's queue and actions
 * (verify an organisation, pause or hide a project, suspend an account), the audit log every action
 * writes, and finding people. The same for the instance admin across everything in no programme.
 */
export function moderationRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  async function moderation(request: Request) {
    const user = requireUser(request);
    const access = authorizeModeration(
      authorizeProgramme(await getProgrammeAccess(db, String(request.params.id), user)),
    );
    return { actor: { id: user.id, name: user.name }, access };
  }

  function instanceModerator(request: Request) {
    const user = requireUser(request);
    if (!canModerateInstance(user.role)) throw forbidden('Only the instance admin moderates here.');
    return { id: user.id, name: user.name };
  }

  router.post('/reports', async (request, response) => {
    const user = requireUser(request);
    authorizeAccount(user, 'fileReport');
    const input = parseInput(fileReportInput, request.body);
    response.status(201).json(await fileReport(db, user.id, input));
  });

  router.get('/programmes/:id/reports', async (request, response) => {
    const { access } = await moderation(request);
    const { status, ...page } = parseInput(reportsQuery, request.query);
    response.json(await listReports(db, access.programmeId, status, page));
  });

  router.post('/programmes/:id/reports/:reportId/resolve', async (request, response) => {
    const { actor, access } = await moderation(request);
    const input = parseInput(resolveReportInput, request.body);
    const reportId = String(request.params.reportId);
    response.json(await resolveReport(db, events, access.programmeId, actor, reportId, input));
  });

  router.get('/programmes/:id/audit', async (request, response) => {
    const { access } = await moderation(request);
    const { before } = parseInput(auditQuery, request.query);
    response.json(await listAudit(db, access.programmeId, before));
  });

  router.get('/programmes/:id/orgs', async (request, response) => {
    const { access } = await moderation(request);
    response.json(await listProgrammeOrgs(db, access.programmeId, parseInput(pageQuery, request.query)));
  });

  router.post('/programmes/:id/orgs/:orgId/verification', async (request, response) => {
    const { actor, access } = await moderation(request);
    const { verified, reason } = parseInput(orgVerificationInput, request.body);
    response.json(await setOrgVerified(db, access, actor, String(request.params.orgId), verified, reason));
  });

  router.get('/programmes/:id/projects', async (request, response) => {
    const { access } = await moderation(request);
    response.json(await listProgrammeProjects(db, access.programmeId, parseInput(pageQuery, request.query)));
  });

  router.post('/programmes/:id/projects/:projectId/moderation', async (request, response) => {
    const { actor, access } = await moderation(request);
    const { state, reason } = parseInput(moderateProjectInput, request.body);
    const projectId = String(request.params.projectId);
    response.json(await moderateProject(db, events, access, actor, projectId, state, reason));
  });

  router.get('/programmes/:id/people', async (request, response) => {
    const { access } = await moderation(request);
    const { q } = parseInput(peopleQuery, request.query);
    response.json({ items: await findPeople(db, access.programmeId, q), next: null });
  });

  router.post('/programmes/:id/people/:userId/suspension', async (request, response) => {
    const { actor, access } = await moderation(request);
    const { suspended, reason } = parseInput(suspensionInput, request.body);
    const target = await findProgrammePerson(db, access.programmeId, String(request.params.userId));
    if (!target) throw personNotInProgramme();
    authorizeSuspension(access, target);
    response.json(
      await setAccountSuspended(db, events, access.programmeId, actor, target, suspended, reason),
    );
  });

  // The instance admin: reports about things in no programme, everyone, the whole audit log.
  router.get('/admin/reports', async (request, response) => {
    instanceModerator(request);
    const { status, ...page } = parseInput(reportsQuery, request.query);
    response.json(await listReports(db, null, status, page));
  });

  router.post('/admin/reports/:reportId/resolve', async (request, response) => {
    const actor = instanceModerator(request);
    const input = parseInput(resolveReportInput, request.body);
    response.json(await resolveReport(db, events, null, actor, String(request.params.reportId), input));
  });

  router.get('/admin/audit', async (request, response) => {
    instanceModerator(request);
    const { before } = parseInput(auditQuery, request.query);
    response.json(await listAudit(db, null, before));
  });

  router.get('/admin/people', async (request, response) => {
    instanceModerator(request);
    const { q } = parseInput(peopleQuery, request.query);
    response.json({ items: await findPeople(db, null, q), next: null });
  });

  router.post('/admin/people/:userId/suspension', async (request, response) => {
    const actor = instanceModerator(request);
    const { suspended, reason } = parseInput(suspensionInput, request.body);
    const target = await findAccount(db, String(request.params.userId));
    if (!target) throw new AppError(404, 'user_not_found', 'That account does not exist.');
    const adminAccess = { programmeId: '', isAdmin: true, isStaff: false, isStaffElsewhere: false };
    authorizeSuspension(adminAccess, target);
    response.json(await setAccountSuspended(db, events, null, actor, target, suspended, reason));
  });

  return router;
}
