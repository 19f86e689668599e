import type { Server } from 'socket.io';
import type { AppContext } from '../../context.ts';
import { allows } from '../../auth/permissions.ts';
import { isSessionActive } from '../../auth/sessions.ts';
import { getWorkspaceAccess } from '../../services/workspace/workspaces.ts';
import { YJS_CLOSE } from '../../../shared/live.ts';
import type { DocumentConnection } from '../yjs/connection.ts';
import { expelMember } from '../socket/workspace.ts';
import type { SocketData } from '../socket/index.ts';

/**
 * After Redis was away, removals, completions and ended sessions that other processes announced
 * meanwhile never arrived here. This re-reads them from PostgreSQL for every live connection of
 * this process and applies what changed: the bus's catch-up for rights.
 */
export async function reverifyLiveConnections(
  context: AppContext,
  // The typed Server's generics are not needed here; only local sockets and their data are read.
  io: Server<never, never, never, SocketData>,
  connections: DocumentConnection[],
): Promise<void> {
  const { db } = context;
  const sessionChecks = new Map<string, Promise<boolean>>();
  const active = (sessionId: string) => {
    let check = sessionChecks.get(sessionId);
    if (!check) sessionChecks.set(sessionId, (check = isSessionActive(db, sessionId)));
    return check;
  };
  try {
    for (const connection of connections) {
      if (!(await active(connection.user.sessionId))) {
        connection.close(YJS_CLOSE.sessionEnded, 'session ended');
        continue;
      }
      const access = await getWorkspaceAccess(db, connection.live.workspaceId, connection.user.id);
      if (!allows('viewWorkspace', access))
        connection.close(YJS_CLOSE.membershipRevoked, 'membership removed');
      else if (!allows('editDocument', access)) connection.readOnly = true;
    }
    for (const socket of await io.local.fetchSockets()) {
      const { user, workspaces } = socket.data;
      if (!(await active(user.sessionId))) {
        socket.disconnect(true);
        continue;
      }
      for (const workspaceId of Object.keys(workspaces ?? {})) {
        const access = await getWorkspaceAccess(db, workspaceId, user.id);
        if (!allows('viewWorkspace', access)) await expelMember(io as never, workspaceId, user.id);
        // A completion announced meanwhile: chat:send trusts the access the socket joined with.
        else if (access) workspaces[workspaceId] = access;
      }
    }
  } catch (error) {
    context.logger.error({ err: error }, 'could not re-check live connections after Redis returned');
  }
}
