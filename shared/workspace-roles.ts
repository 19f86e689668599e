/**
 * Roles inside one workspace and the names of what they may do. Who may do what is decided by the
 * server's permission module (server/auth/permissions.ts) alone; the web gets the caller's rights
 * as `myRights` and uses them to show controls, never to decide anything.
 */
export const WORKSPACE_ROLES = ['supervisor', 'intern', 'mentor', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const WORKSPACE_ROLE_LABELS: Record<WorkspaceRole, string> = {
  supervisor: 'Supervisor',
  intern: 'Intern',
  mentor: 'Mentor',
  viewer: 'Viewer',
};

export const WORKSPACE_RIGHTS = [
  'view',
  'editBrief',
  'editBoard',
  'chat',
  'comment',
  'manageMembers',
  'saveVersion',
  'restoreVersion',
] as const;
export type WorkspaceRight = (typeof WORKSPACE_RIGHTS)[number];

export type WorkspaceStatus = 'active' | 'completed';
