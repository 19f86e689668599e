import { Router, type Request } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import type { AppContext } from '../context.ts';
import {
  authorizeJoinWithCode,
  authorizeProgramme,
  canCreateProgramme,
  canListAllProgrammes,
  canViewInstanceSummary,
} from '../auth/permissions.ts';
import { forbidden } from '../errors.ts';
import { getOrgAccess } from '../services/marketplace/organisations.ts';
import {
  createProgramme,
  getProgramme,
  getProgrammeAccess,
  listAllProgrammes,
  listStaffProgrammes,
} from '../services/programmes/programmes.ts';
import {
  inviteProgrammeStaff,
  listProgrammeStaff,
  listStaffInvitations,
  resendStaffInvitation,
} from '../services/programmes/programme-staff.ts';
import {
  createInviteCode,
  joinWithCode,
  loadInviteCode,
  listInviteCodes,
  previewInviteCode,
} from '../services/programmes/programme-invites.ts';
import {
  computeFigureTable,
  computeProgrammeFigures,
  findFigure,
} from '../services/programmes/programme-figures.ts';
import { figureTableToCsv } from '../services/programmes/figures-csv.ts';
import { recordNonCompletion } from '../services/programmes/non-completions.ts';
import { instanceSummary } from '../services/programmes/instance-summary.ts';
import {
  createInviteCodeInput,
  createProgrammeInput,
  figuresFilterInput,
  inviteStaffInput,
  joinProgrammeInput,
  recordNonCompletionInput,
} from '../../shared/schemas/programmes.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/** Programmes: the admin creates them; their staff invite people, read figures and download tables. */
export function programmesRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  async function programmeAccess(request: Request) {
    const user = requireUser(request);
    return {
      user,
      access: authorizeProgramme(await getProgrammeAccess(db, String(request.params.id), user)),
    };
  }

  router.post('/programmes', async (request, response) => {
    const user = requireUser(request);
    if (!canCreateProgramme(user.role)) throw forbidden('Only the instance admin creates programmes.');
    const input = parseInput(createProgrammeInput, request.body);
    response.status(201).json(await createProgramme(db, user.id, input));
  });

  router.get('/programmes', async (request, response) => {
    const user = requireUser(request);
    const page = parseInput(pageQuery, request.query);
    response.json(
      canListAllProgrammes(user.role)
        ? await listAllProgrammes(db, page)
        : await listStaffProgrammes(db, user, page),
    );
  });

  router.get('/admin/summary', async (request, response) => {
    const user = requireUser(request);
    if (!canViewInstanceSummary(user.role)) throw forbidden('Only the instance admin sees these figures.');
    response.json(await instanceSummary(db));
  });

  router.get('/programmes/:id', async (request, response) => {
    const { access } = await programmeAccess(request);
    response.json(await getProgramme(db, access));
  });

  router.get('/programmes/:id/staff', async (request, response) => {
    const { access } = await programmeAccess(request);
    response.json(await listProgrammeStaff(db, access, parseInput(pageQuery, request.query)));
  });

  router.get('/programmes/:id/staff-invitations', async (request, response) => {
    const { access } = await programmeAccess(request);
    response.json(await listStaffInvitations(db, access, parseInput(pageQuery, request.query)));
  });

  router.post('/programmes/:id/staff', async (request, response) => {
    const { user, access } = await programmeAccess(request);
    const { email } = parseInput(inviteStaffInput, request.body);
    const actor = { id: user.id, name: user.name };
    response.status(201).json(await inviteProgrammeStaff(db, context.events, access, email, actor));
  });

  router.post('/programmes/:id/staff-invitations/:invitationId/resend', async (request, response) => {
    const { user, access } = await programmeAccess(request);
    const invitationId = String(request.params.invitationId);
    const actor = { id: user.id, name: user.name };
    response.json(await resendStaffInvitation(db, context.events, access, invitationId, actor));
  });

  router.get('/programmes/:id/invite-codes', async (request, response) => {
    const { access } = await programmeAccess(request);
    response.json(await listInviteCodes(db, access, parseInput(pageQuery, request.query)));
  });

  router.post('/programmes/:id/invite-codes', async (request, response) => {
    const { user, access } = await programmeAccess(request);
    const input = parseInput(createInviteCodeInput, request.body);
    response.status(201).json(await createInviteCode(db, access, input, user.id));
  });

  router.post('/programmes/:id/non-completions', async (request, response) => {
    const { user, access } = await programmeAccess(request);
    const input = parseInput(recordNonCompletionInput, request.body);
    response.status(201).json(await recordNonCompletion(db, access, input, user.id));
  });

  router.get('/programmes/:id/figures', async (request, response) => {
    const { access } = await programmeAccess(request);
    const filter = parseInput(figuresFilterInput, request.query);
    response.json(await computeProgrammeFigures(db, access, filter));
  });

  router.get('/programmes/:id/figures/:table.csv', async (request, response) => {
    const { access } = await programmeAccess(request);
    const filter = parseInput(figuresFilterInput, request.query);
    const figure = findFigure(String(request.params.table));
    const table = await computeFigureTable(db, access, filter, figure);
    response.type('text/csv; charset=utf-8').attachment(`${figure.id}.csv`).send(figureTableToCsv(table));
  });

  router.get('/programme-invites/:code', async (request, response) => {
    requireUser(request);
    response.json(await previewInviteCode(db, String(request.params.code)));
  });

  router.post('/programme-invites/:code/join', async (request, response) => {
    const user = requireUser(request);
    const { orgId } = parseInput(joinProgrammeInput, request.body);
    const code = await loadInviteCode(db, String(request.params.code));
    const bringing = code.invite.audience === 'organisation' && orgId !== undefined;
    authorizeJoinWithCode(
      user.role,
      code.invite.audience,
      bringing ? await getOrgAccess(db, orgId, user.id) : undefined,
    );
    response.json(await joinWithCode(db, user.id, code, orgId));
  });

  return router;
}
