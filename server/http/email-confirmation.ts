import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { confirmEmail, resendEmailConfirmation } from '../services/accounts/email-confirmation.ts';
import { confirmEmailInput } from '../../shared/schemas/account.ts';
import { parseInput } from './validate.ts';
import { requireUser } from './request.ts';

/** Confirming the account's email address through the emailed link, and asking for it again. */
export function emailConfirmationRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  router.post('/auth/confirm-email', async (request, response) => {
    const { token } = parseInput(confirmEmailInput, request.body);
    await confirmEmail(db, context.events, token);
    response.json({ ok: true });
  });

  router.post('/me/confirmation-email', async (request, response) => {
    const user = requireUser(request);
    await resendEmailConfirmation(db, events, user.id);
    response.status(202).json({ ok: true });
  });

  return router;
}
