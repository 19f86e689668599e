import { Router } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import type { AppContext } from '../context.ts';
import {
  changeName,
  changePassword,
  endOtherSession,
  getEmailPreferences,
  listSessions,
  setEmailPreferences,
  signOutEverywhere,
} from '../services/accounts/account-settings.ts';
import {
  changeEmailInput,
  changeNameInput,
  changePasswordInput,
  emailPreferencesInput,
} from '../../shared/schemas/account.ts';
import { requestEmailChange } from '../services/accounts/email-confirmation.ts';
import { clearedSessionCookie } from '../auth/session-cookie.ts';
import { parseInput } from './validate.ts';
import { assertStrongPassword } from '../auth/password-strength.ts';
import { requireUser } from './request.ts';

/** The settings page's routes: email preferences, password, sessions. */
export function accountSettingsRouter(context: AppContext): Router {
  const router = Router();
  const { db, events } = context;

  router.get('/me/email-preferences', async (request, response) => {
    const user = requireUser(request);
    response.json({ items: await getEmailPreferences(db, user.id), next: null });
  });

  router.put('/me/email-preferences', async (request, response) => {
    const user = requireUser(request);
    const choices = parseInput(emailPreferencesInput, request.body);
    response.json({ items: await setEmailPreferences(db, user.id, choices), next: null });
  });

  router.post('/me/password', async (request, response) => {
    const user = requireUser(request);
    const { currentPassword, newPassword } = parseInput(changePasswordInput, request.body);
    assertStrongPassword(newPassword, 'newPassword', [user.email, user.name]);
    await changePassword(db, events, user, currentPassword, newPassword);
    response.json({ ok: true });
  });

  router.patch('/me', async (request, response) => {
    const user = requireUser(request);
    const { name } = parseInput(changeNameInput, request.body);
    response.json(await changeName(db, user.id, name));
  });

  router.post('/me/email', async (request, response) => {
    const user = requireUser(request);
    const input = parseInput(changeEmailInput, request.body);
    await requestEmailChange(db, events, user.id, input);
    response.status(202).json({ ok: true });
  });

  router.delete('/me/sessions/:id', async (request, response) => {
    const user = requireUser(request);
    await endOtherSession(db, events, user, String(request.params.id));
    response.json({ ok: true });
  });

  router.get('/me/sessions', async (request, response) => {
    const user = requireUser(request);
    response.json(await listSessions(db, user, parseInput(pageQuery, request.query)));
  });

  router.post('/me/sessions/end-all', async (request, response) => {
    const user = requireUser(request);
    await signOutEverywhere(db, events, user.id);
    const secure = request.secure || context.config.publicOrigin?.startsWith('https://') === true;
    response.setHeader('Set-Cookie', clearedSessionCookie(secure));
    response.json({ ok: true });
  });

  return router;
}
