import type { IncomingMessage } from 'node:http';
import type { Db } from '../db/client.ts';
import { findSessionUser, type SessionKeys, type SessionUser } from './sessions.ts';
import { readSessionToken } from './session-cookie.ts';

/**
 * The one way every entry point (HTTP, Socket.IO, Yjs upgrade, server-side rendering) learns who is
 * calling: the session cookie on the request, looked up in the database.
 */
export function authenticateRequest(
  db: Db,
  keys: SessionKeys,
  request: IncomingMessage,
): Promise<SessionUser | null> {
  return findSessionUser(db, keys, readSessionToken(request.headers.cookie));
}
