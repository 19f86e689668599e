import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { logIn, signUp } from '../services/accounts/accounts.ts';
import { randomBytes } from 'node:crypto';
import { SESSION_LIFETIME_MS, createSession, logOut } from '../auth/sessions.ts';
import { clearedSessionCookie, readSessionToken, sessionCookie } from '../auth/session-cookie.ts';
import { loginInput, signupInput } from '../../shared/schemas/auth.ts';
import { parseInput } from './validate.ts';
import { assertStrongPassword } from '../auth/password-strength.ts';
import { requireUser } from './request.ts';

/** Signup, login, logout and `me`: the account routes of the external contract. */
export function authRouter(context: AppContext): Router {
  const router = Router();
  const { db, sessionKeys } = context;

  const isSecure = (request: Request) =>
    request.secure || context.config.publicOrigin?.startsWith('https://') === true;

  async function startSession(request: Request, response: Response, userId: string) {
    const { token, expiresAt } = await createSession(db, sessionKeys, userId);
    response.setHeader('Set-Cookie', sessionCookie(token, expiresAt, isSecure(request)));
  }

  router.post('/auth/signup', async (request, response) => {
    const input = parseInput(signupInput, request.body);
    assertStrongPassword(input.password, 'password', [input.email, input.name]);
    await context.rateLimiter.consume('signup', request.ip ?? 'unknown');
    const { user, created } = await signUp(db, input, context.events);
    if (created) {
      await startSession(request, response, user.id);
      request.log.info({ userId: user.id, role: user.role }, 'signed up');
    } else {
      // The same answer as a new account, with a cookie that opens nothing: the address's owner
      // was emailed instead (see services/accounts/accounts.ts).
      const cookie = sessionCookie(
        randomBytes(32).toString('base64url'),
        new Date(Date.now() + SESSION_LIFETIME_MS),
        isSecure(request),
      );
      response.setHeader('Set-Cookie', cookie);
      request.log.info('signup for an address that has an account');
    }
    response.status(201).json(user);
  });

  router.post('/auth/login', async (request, response) => {
    const input = parseInput(loginInput, request.body);
    const user = await logIn(db, input, request.ip ?? 'unknown');
    await startSession(request, response, user.id);
    response.json(user);
  });

  router.post('/auth/logout', async (request, response) => {
    const token = readSessionToken(request.headers.cookie);
    if (token) await logOut(db, sessionKeys, context.events, token);
    response.setHeader('Set-Cookie', clearedSessionCookie(isSecure(request)));
    response.json({ ok: true });
  });

  router.get('/me', (request, response) => {
    const { sessionId: _sessionId, ...user } = requireUser(request);
    response.json(user);
  });

  return router;
}
