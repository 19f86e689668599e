import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { confirmPasswordReset, requestPasswordReset } from '../services/accounts/password-reset.ts';
import { passwordResetConfirmInput, passwordResetInput } from '../../shared/schemas/account.ts';
import { parseInput } from './validate.ts';
import { assertStrongPassword } from '../auth/password-strength.ts';

/** Forgot password: the same 202 for every address, then a single-use emailed token. */
export function passwordResetRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  router.post('/auth/password-reset', async (request, response) => {
    const { email } = parseInput(passwordResetInput, request.body);
    await requestPasswordReset(db, events, email, request.ip ?? 'unknown');
    response.status(202).json({
      ok: true,
      message: 'If an account uses this address, we have emailed it a link to choose a new password.',
    });
  });

  router.post('/auth/password-reset/confirm', async (request, response) => {
    const { token, password } = parseInput(passwordResetConfirmInput, request.body);
    assertStrongPassword(password, 'password');
    await confirmPasswordReset(db, events, token, password);
    request.log.info('password reset');
    response.json({ ok: true });
  });

  return router;
}
