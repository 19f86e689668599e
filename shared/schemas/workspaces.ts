import { z } from 'zod';
import { text } from './text.ts';
import { emailSchema } from './auth.ts';
import {
  WORKSPACE_ROLES,
  type WorkspaceRight,
  type WorkspaceRole,
  type WorkspaceStatus,
} from '../workspace-roles.ts';

export const workspaceIdSchema = z.uuid({ message: 'Not a workspace id.' });

export const createWorkspaceInput = z.strictObject({
  title: text().trim().min(1, 'Give the workspace a title.').max(200),
});

export const addMemberInput = z.strictObject({
  email: emailSchema,
  role: z.enum(WORKSPACE_ROLES, { message: 'Choose intern, supervisor, mentor or viewer.' }),
});

export const saveVersionInput = z.strictObject({
  label: text().trim().min(1, 'Name the version, for example “Kick-off agreed”.').max(120),
});

export const messagesQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export interface WorkspaceMember {
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
}

export interface WorkspaceInvitation {
  id: string;
  email: string;
  role: WorkspaceRole;
  status: 'pending';
}

export interface WorkspaceSummary {
  id: string;
  title: string;
  status: WorkspaceStatus;
  createdAt: string;
  myRole: WorkspaceRole;
  unread: number;
}

export interface WorkspaceDetail extends Omit<WorkspaceSummary, 'unread'> {
  members: WorkspaceMember[];
  invitations: WorkspaceInvitation[];
  /** What the caller may do here; for showing controls only, the server checks again. */
  myRights: WorkspaceRight[];
  completedAt: string | null;
}

export interface BriefVersion {
  id: string;
  label: string;
  createdAt: string;
  author: { id: string; name: string } | null;
  /** True for the version saved automatically when the workspace completed. */
  automatic: boolean;
}
