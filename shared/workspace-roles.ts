/**
 * Roles inside one workspace and what each may do. The server's permission module
 * (server/auth/permissions.ts) is the only place that enforces these; the web reads them to show
 * controls as read-only, never to decide anything.
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
  'manageMembers',
  'saveVersion',
  'restoreVersion',
] as const;
export type WorkspaceRight = (typeof WORKSPACE_RIGHTS)[number];

const EDITOR: WorkspaceRight[] = ['view', 'editBrief', 'editBoard', 'chat', 'saveVersion', 'restoreVersion'];

export const RIGHTS_BY_ROLE: Record<WorkspaceRole, readonly WorkspaceRight[]> = {
  supervisor: [...EDITOR, 'manageMembers'],
  intern: EDITOR,
  mentor: ['view', 'chat'],
  viewer: ['view'],
};

/** Rights that change the work; a completed workspace keeps none of them, for anyone. */
export const WRITE_RIGHTS: readonly WorkspaceRight[] = [
  'editBrief',
  'editBoard',
  'chat',
  'manageMembers',
  'saveVersion',
  'restoreVersion',
];

export type WorkspaceStatus = 'active' | 'completed';

export function rightsFor(role: WorkspaceRole | null, status: WorkspaceStatus): WorkspaceRight[] {
  if (!role) return [];
  const rights = RIGHTS_BY_ROLE[role];
  return status === 'completed' ? rights.filter((right) => !WRITE_RIGHTS.includes(right)) : [...rights];
}
