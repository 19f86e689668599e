import type { Request } from 'express';
import type { Logger } from 'pino';
import type { SessionUser } from '../auth/sessions.ts';
import { unauthenticated } from '../errors.ts';

declare global {
  // Express types its request through this global namespace; merging is the documented way in.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      log: Logger;
      /** The signed-in user, or null; set for every request before any router runs. */
      stintUser: SessionUser | null;
    }
  }
}

/** The signed-in caller, or a 401 for a stranger. */
export function requireUser(request: Request): SessionUser {
  if (!request.stintUser) throw unauthenticated();
  return request.stintUser;
}
