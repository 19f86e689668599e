import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppContext } from '../../context.ts';
import { isOwnOrigin } from '../../auth/origin.ts';
import { authenticateRequest } from '../../auth/authenticate.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { AppError } from '../../errors.ts';
import { MAX_YJS_MESSAGE_BYTES } from '../../../shared/limits.ts';
import { refuseUpgrade as refuse } from '../upgrade-refusal.ts';

export const YJS_PATH_PREFIX = '/yjs/';

/** Decides, after authentication, whether a user may open a document; throws AppError if not. */
export type AuthorizeDocument<Grant> = (user: SessionUser, documentName: string) => Promise<Grant>;
export type OnDocumentConnection<Grant> = (
  socket: WebSocket,
  user: SessionUser,
  documentName: string,
  grant: Grant,
) => void;

/** `/yjs/<name>` (y-websocket appends the room name to the server URL); null for other paths. */
export function documentNameFromUrl(url: string | undefined): string | null {
  if (!url?.startsWith(YJS_PATH_PREFIX)) return null;
  const name = url.slice(YJS_PATH_PREFIX.length).split('?')[0] ?? '';
  try {
    return decodeURIComponent(name);
  } catch {
    return '';
  }
}

/**
 * Handles WebSocket upgrades for `/yjs/*`: foreign Origin → 403, no session → 401, refused by
 * `authorize` → its status; only then is the socket accepted.
 */
export function createYjsUpgrade<Grant>(
  context: AppContext,
  authorize: AuthorizeDocument<Grant>,
  onConnection: OnDocumentConnection<Grant>,
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_YJS_MESSAGE_BYTES });

  async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const documentName = documentNameFromUrl(request.url) ?? '';
    if (!isOwnOrigin(request, context.config.publicOrigin)) return refuse(socket, 403);
    let user: SessionUser | null;
    let grant: Grant;
    try {
      user = await authenticateRequest(context.db, context.sessionKeys, request);
      if (!user) return refuse(socket, 401);
      grant = await authorize(user, documentName);
    } catch (error) {
      if (error instanceof AppError) return refuse(socket, error.status);
      context.logger.error({ err: error }, 'yjs upgrade failed');
      return refuse(socket, 500);
    }
    if (socket.destroyed) return;
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, user, documentName, grant));
  }

  return { wss, handleUpgrade };
}
