import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AppContext } from '../context.ts';
import { isOwnOrigin } from '../auth/origin.ts';
import { attachSocketServer } from './socket/index.ts';
import { disconnectSessions, expelMember, setJoinedStatus, workspaceRoom } from './socket/workspace.ts';
import { reverifyLiveConnections } from './bus/reverify.ts';
import { YJS_PATH_PREFIX } from './yjs/upgrade.ts';
import { createYjsServer } from './yjs/index.ts';
import { refuseUpgrade } from './upgrade-refusal.ts';

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Wires the live layer onto the http server and routes every WebSocket upgrade in one place:
 * `/socket.io/` to engine.io (after our Origin check, since engine.io would answer 400, not 403),
 * `/yjs/` to the Yjs endpoint, anything else is left for other listeners (Vite's HMR in dev).
 */
export function attachRealtime(httpServer: HttpServer, context: AppContext) {
  const before = new Set(httpServer.listeners('upgrade'));
  const io = attachSocketServer(httpServer, context);
  const engineUpgrade = httpServer
    .listeners('upgrade')
    .filter((listener) => !before.has(listener)) as UpgradeListener[];
  for (const listener of engineUpgrade) httpServer.off('upgrade', listener);

  const yjs = createYjsServer(context);
  context.events.on('membership:removed', ({ workspaceId, userId }) => {
    yjs.disconnectMember(workspaceId, userId);
    void expelMember(io, workspaceId, userId).catch((error: unknown) =>
      context.logger.error({ err: error }, 'could not expel a removed member'),
    );
  });
  context.events.on('notification:created', ({ userId, notification }) => {
    io.to(`user:${userId}`).emit('notification', notification);
  });
  context.events.on('comments:changed', (event) => {
    io.to(workspaceRoom(event.workspaceId)).emit('comment:thread', event);
  });
  context.events.on('workspace:completed', ({ workspaceId }) => {
    yjs.freeze(workspaceId);
    void setJoinedStatus(io, workspaceId, 'completed').catch((error: unknown) =>
      context.logger.error({ err: error }, 'could not freeze the chat of a completed workspace'),
    );
  });
  context.events.on('workspace:reopened', ({ workspaceId }) => {
    void setJoinedStatus(io, workspaceId, 'active').catch((error: unknown) =>
      context.logger.error({ err: error, workspaceId }, 'could not reopen the chat of a re-opened workspace'),
    );
    void yjs
      .thaw(workspaceId)
      .catch((error: unknown) =>
        context.logger.error({ err: error, workspaceId }, 'could not let a re-opened workspace be edited'),
      );
  });
  context.events.on('sessions:ended', ({ userId, sessionIds }) => {
    yjs.closeSessions(userId, sessionIds);
    void disconnectSessions(io, userId, sessionIds).catch((error: unknown) =>
      context.logger.error({ err: error }, 'could not disconnect ended sessions'),
    );
  });
  // Events relayed while Redis was away are lost; rights and sessions are re-read from PostgreSQL.
  context.bus?.redis.onResync(() => void reverifyLiveConnections(context, io, yjs.connections()));

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = request.url ?? '';
    if (url.startsWith('/socket.io/')) {
      if (!isOwnOrigin(request, context.config.publicOrigin)) return refuseUpgrade(socket, 403);
      for (const listener of engineUpgrade) listener(request, socket, head);
      return;
    }
    if (url.startsWith(YJS_PATH_PREFIX)) {
      socket.on('error', () => socket.destroy());
      void yjs.handleUpgrade(request, socket, head);
    }
  });

  return {
    io,
    async close() {
      await yjs.close();
      // Closes this process's connections only, as a transport close: the clients reconnect
      // (through the balancer, to another process) and recover their session. Not
      // io.disconnectSockets(): with the Redis adapter that disconnects every process's sockets,
      // and as a server-side disconnect, which clients do not reconnect after.
      io.engine.close();
      if (context.bus) await io.of('/').adapter.close();
    },
  };
}
