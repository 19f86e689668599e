import type { WorkspaceAccess } from '../../auth/permissions.ts';
import type { SessionUser } from '../../auth/sessions.ts';

/** What the server keeps on each socket (its own file, so handlers and the bootstrap do not import each other). */
export interface SocketData {
  user: SessionUser;
  /** Workspaces this socket has joined, with the access it joined with. */
  workspaces: Record<string, WorkspaceAccess>;
}
