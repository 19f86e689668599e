import { Router, type Request } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import { parseInput } from './validate.ts';
import type { AppContext } from '../context.ts';
import { canAnswerInvitation } from '../auth/permissions.ts';
import {
  acceptInvitation,
  declineInvitation,
  findInvitation,
  invitationNotFound,
  listMyInvitations,
} from '../services/workspace/member-invitations.ts';
import { isUuid } from '../../shared/ids.ts';
import { requireUser } from './request.ts';

/** The invited person's side: the invitations waiting for them, and their answer to each. */
export function invitationsRouter(context: AppContext): Router {
  const router = Router();
  const { db } = context;

  /** The invitation the caller may answer (rule `answerInvitation`); anyone else gets a 404. */
  async function answerable(request: Request) {
    const user = requireUser(request);
    const id = String(request.params.id);
    const invitation = isUuid(id) ? await findInvitation(db, id) : null;
    if (!invitation || !canAnswerInvitation(invitation, user)) throw invitationNotFound();
    return { user, invitation };
  }

  router.get('/me/invitations', async (request, response) => {
    const user = requireUser(request);
    response.json(await listMyInvitations(db, user, parseInput(pageQuery, request.query)));
  });

  router.post('/invitations/:id/accept', async (request, response) => {
    const { user, invitation } = await answerable(request);
    response.json(await acceptInvitation(db, invitation, user));
  });

  router.post('/invitations/:id/decline', async (request, response) => {
    const { invitation } = await answerable(request);
    await declineInvitation(db, invitation);
    response.json({ ok: true });
  });

  return router;
}
