import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { deleteAccount, exportAccountData } from '../services/accounts/account-data.ts';
import { deleteAccountInput } from '../../shared/schemas/account.ts';
import { clearedSessionCookie } from '../auth/session-cookie.ts';
import { parseInput } from './validate.ts';
import { requireUser } from './request.ts';

/** Take my data (`GET /api/me/export`) and leave (`DELETE /api/me {password}`). */
export function accountDataRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  router.get('/me/export', async (request, response) => {
    const user = requireUser(request);
    const data = await exportAccountData(db, user.id);
    response.setHeader('Content-Disposition', 'attachment; filename="stint-my-data.json"');
    response.json(data);
  });

  router.delete('/me', async (request, response) => {
    const user = requireUser(request);
    const { password } = parseInput(deleteAccountInput, request.body);
    await deleteAccount(db, events, user.id, password);
    request.log.info({ userId: user.id }, 'account deleted');
    const secure = request.secure || context.config.publicOrigin?.startsWith('https://') === true;
    response.setHeader('Set-Cookie', clearedSessionCookie(secure));
    response.json({ ok: true });
  });

  return router;
}
