import type { WebSocket } from 'ws';
import type { AppContext } from '../../context.ts';
import { allows, authorize as authorizeRule, type WorkspaceAccess } from '../../auth/permissions.ts';
import { getWorkspaceAccess } from '../../services/workspace/workspaces.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { YJS_CLOSE } from '../../../shared/live.ts';
import { DocumentConnection } from './connection.ts';
import { DocumentRooms } from './rooms.ts';
import { createYjsUpgrade } from './upgrade.ts';

const HEARTBEAT_MS = 30_000;

/**
 * The Yjs sync endpoint at /yjs/<workspaceId>, wired from small parts: upgrade (origin, session,
 * membership) → rooms (load once, relay) → connection (protocol, read-only, limits).
 */
export function createYjsServer(context: AppContext) {
  const rooms = new DocumentRooms(context.documents, context.logger);

  async function authorize(user: SessionUser, workspaceId: string): Promise<WorkspaceAccess> {
    return authorizeRule(await getWorkspaceAccess(context.db, workspaceId, user.id), 'viewWorkspace');
  }

  function accept(socket: WebSocket, user: SessionUser, workspaceId: string, access: WorkspaceAccess) {
    socket.binaryType = 'nodebuffer';
    const early: Uint8Array[] = [];
    let connection: DocumentConnection | undefined;
    let alive = true;
    socket.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);

    socket.on('message', (data, isBinary) => {
      const frame = isBinary ? new Uint8Array(data as Buffer) : new Uint8Array(0);
      if (connection) connection.receive(frame);
      else early.push(frame);
    });
    const entered = rooms.enter(workspaceId, (live) => {
      connection = new DocumentConnection(
        socket,
        user,
        live,
        !allows('editDocument', access),
        access.role!,
        context.logger,
        context.config.yjsHeld,
      );
      return connection;
    });
    socket.on('close', () => {
      clearInterval(heartbeat);
      void entered.then((entry) => rooms.leave(entry)).catch(() => {});
    });
    socket.on('error', () => socket.terminate());
    entered
      .then((entry) => {
        entry.greet();
        for (const frame of early.splice(0)) entry.receive(frame);
      })
      .catch((error: unknown) => {
        context.logger.error({ err: error, workspaceId }, 'could not open a workspace document');
        socket.close(1011, 'could not open the document');
      });
  }

  const upgrade = createYjsUpgrade(context, authorize, accept);

  /** Closes a person's connections to one workspace at once (their membership was removed). */
  function disconnectMember(workspaceId: string, userId: string) {
    for (const connection of rooms.connectionsOf(workspaceId)) {
      if (connection.user.id === userId) connection.close(YJS_CLOSE.membershipRevoked, 'membership removed');
    }
  }

  /** Makes every connection to a workspace read-only (it was completed). */
  function freeze(workspaceId: string) {
    for (const connection of rooms.connectionsOf(workspaceId)) connection.readOnly = true;
  }

  /**
   * The reverse of `freeze` (the workspace was re-opened): each connection may write again if its
   * person's role, read afresh, allows editing now.
   */
  async function thaw(workspaceId: string) {
    for (const connection of rooms.connectionsOf(workspaceId)) {
      const access = await getWorkspaceAccess(context.db, workspaceId, connection.user.id);
      connection.readOnly = !allows('editDocument', access);
    }
  }

  /** Closes the connections opened by ended sessions of a user ('all': every session of theirs). */
  function closeSessions(userId: string, sessionIds: string[] | 'all') {
    for (const connection of rooms.all()) {
      if (connection.user.id !== userId) continue;
      if (sessionIds === 'all' || sessionIds.includes(connection.user.sessionId)) {
        connection.close(YJS_CLOSE.sessionEnded, 'session ended');
      }
    }
  }

  async function close() {
    const connections = rooms.all();
    await Promise.all(connections.map((connection) => connection.settled().catch(() => {})));
    for (const connection of connections) connection.close(YJS_CLOSE.goingAway, 'server shutting down');
    for (const socket of upgrade.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => upgrade.wss.close(() => resolve()));
    await context.documents.closeAll();
  }

  return {
    handleUpgrade: upgrade.handleUpgrade,
    disconnectMember,
    freeze,
    thaw,
    closeSessions,
    connections: () => rooms.all(),
    close,
  };
}
