import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppContext } from '../../context.ts';
import { isOwnOrigin } from '../../auth/origin.ts';
import { authenticateRequest } from '../../auth/authenticate.ts';
import { MAX_SOCKET_PACKET_BYTES } from '../../../shared/limits.ts';
import type { SocketData } from './socket-data.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/live.ts';
import { registerWorkspaceEvents } from './workspace.ts';

export type { SocketData } from './socket-data.ts';

const RECOVERY_WINDOW_MS = 2 * 60_000;

/**
 * Socket.IO on the shared http server. A foreign Origin is refused at the handshake (403); a
 * connection without a valid session gets `connect_error` with message "unauthenticated".
 */
export function attachSocketServer(httpServer: HttpServer, context: AppContext) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    httpServer,
    {
      // Without this, engine.io destroys upgrades for other paths (our /yjs) that are still
      // authenticating after its one-second timeout.
      destroyUpgrade: false,
      maxHttpBufferSize: MAX_SOCKET_PACKET_BYTES,
      serveClient: false,
      // A client back within two minutes (a network blip, a phone waking up, its process killed behind
      // the balancer) gets the room broadcasts it missed and keeps its rooms; with several processes
      // the Redis Streams adapter keeps both for every process. The session is checked again all
      // the same, and the workspaces it had joined are re-authorized (registerWorkspaceEvents).
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      // With several processes, rooms and broadcasts span them all through Redis Streams.
      ...(context.bus ? { adapter: context.bus.redis.socketAdapter() } : {}),
      allowRequest: (request, callback) => callback(null, isOwnOrigin(request, context.config.publicOrigin)),
    },
  );

  io.use(async (socket, next) => {
    try {
      const user = await authenticateRequest(context.db, context.sessionKeys, socket.request);
      if (!user)
        return next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated' } }));
      socket.data.user = user;
      next();
    } catch (error) {
      context.logger.error({ err: error }, 'socket authentication failed');
      next(new Error('internal_error'));
    }
  });

  io.on('connection', (socket) => {
    // Notifications for this person reach every tab they have open.
    void socket.join(`user:${socket.data.user.id}`);
    registerWorkspaceEvents(io, socket, context);
  });

  return io;
}
