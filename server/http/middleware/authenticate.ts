import type { RequestHandler } from 'express';
import { authenticateRequest } from '../../auth/authenticate.ts';
import type { AppContext } from '../../context.ts';

/** Resolves the session cookie once per request, for the API and for server-rendered pages alike. */
export function authenticate(context: AppContext): RequestHandler {
  return async (request, _response, next) => {
    request.stintUser = await authenticateRequest(context.db, context.sessionKeys, request);
    next();
  };
}
