import type { AccountRole } from '../../shared/roles.ts';
import {
  rightsFor,
  type WorkspaceRight,
  type WorkspaceRole,
  type WorkspaceStatus,
} from '../../shared/workspace-roles.ts';
import { AppError } from '../services/errors.ts';

/**
 * The one permission module. Every action is a named rule, deny by default, used alike by the HTTP
 * routers, the Socket.IO handlers and the Yjs endpoint.
 */

export interface WorkspaceAccess {
  workspaceId: string;
  status: WorkspaceStatus;
  /** The caller's role in this workspace, or null when they are not a member. */
  role: WorkspaceRole | null;
}

export const workspaceNotFound = () =>
  new AppError(404, 'workspace_not_found', 'That workspace does not exist or you are not a member.');

export function can(access: WorkspaceAccess | null, right: WorkspaceRight): boolean {
  return access !== null && rightsFor(access.role, access.status).includes(right);
}

export const canViewWorkspace = (access: WorkspaceAccess | null) => can(access, 'view');
export const canEditBrief = (access: WorkspaceAccess | null) => can(access, 'editBrief');
export const canEditBoard = (access: WorkspaceAccess | null) => can(access, 'editBoard');
export const canChat = (access: WorkspaceAccess | null) => can(access, 'chat');
export const canManageMembers = (access: WorkspaceAccess | null) => can(access, 'manageMembers');
export const canSaveVersion = (access: WorkspaceAccess | null) => can(access, 'saveVersion');
export const canRestoreVersion = (access: WorkspaceAccess | null) => can(access, 'restoreVersion');

/** The Yjs document holds brief and board together: a connection may write only if it may edit both. */
export const canEditDocument = (access: WorkspaceAccess | null) =>
  canEditBrief(access) && canEditBoard(access);

/**
 * Throws unless `right` is held. A stranger gets 404 (the workspace's existence is not revealed);
 * a member without the right gets 403.
 */
export function authorize(access: WorkspaceAccess | null, right: WorkspaceRight): WorkspaceAccess {
  if (!access || !canViewWorkspace(access)) throw workspaceNotFound();
  if (!can(access, right)) {
    const why =
      access.status === 'completed'
        ? 'This workspace is completed and can no longer be changed.'
        : 'Your role in this workspace does not allow that.';
    throw new AppError(403, 'forbidden', why);
  }
  return access;
}

/**
 * Throws unless `rule` allows it: like `authorize`, a stranger gets 404 and a member without the
 * right 403. For the end-of-life rules below, which depend on more than one right.
 */
export function authorizeBy(
  access: WorkspaceAccess | null,
  rule: (access: WorkspaceAccess) => boolean,
  why = 'Your role in this workspace does not allow that.',
): WorkspaceAccess {
  if (!access || !canViewWorkspace(access)) throw workspaceNotFound();
  if (!rule(access)) {
    throw new AppError(
      403,
      'forbidden',
      access.status === 'completed' ? 'This workspace is completed and can no longer be changed.' : why,
    );
  }
  return access;
}

const isActive = (access: WorkspaceAccess) => access.status === 'active';

/** Interns and supervisors hand in files and links while the workspace is active. */
export const canAddDeliverable = (access: WorkspaceAccess | null) => can(access, 'editBoard');

/** A deliverable is withdrawn by whoever added it, or by a supervisor, while the work is active. */
export function canDeleteDeliverable(
  access: WorkspaceAccess | null,
  deliverable: { authorId: string | null },
  userId: string,
): boolean {
  if (!access || !isActive(access)) return false;
  if (access.role === 'supervisor') return true;
  return deliverable.authorId === userId && canAddDeliverable(access);
}

/** Supervisors plan milestones and review what is submitted against them. */
export const canManageMilestones = (access: WorkspaceAccess) =>
  access.role === 'supervisor' && isActive(access);
export const canReviewMilestone = canManageMilestones;

/** The intern says a milestone is ready for review. */
export const canSubmitMilestone = (access: WorkspaceAccess) => access.role === 'intern' && isActive(access);

/** Only a supervisor ends a workspace, once; completing takes every write right away. */
export const canCompleteWorkspace = (access: WorkspaceAccess) =>
  access.role === 'supervisor' && isActive(access);

/** The two sides of the internship rate each other once it is over; mentors and viewers do not. */
export const canGiveFeedback = (access: WorkspaceAccess) =>
  access.status === 'completed' && (access.role === 'intern' || access.role === 'supervisor');

/** A supervisor withdraws a credential issued for their workspace (even after completion). */
export const canRevokeCredential = (access: WorkspaceAccess) => access.role === 'supervisor';

/** A portfolio entry is the student's alone to edit and export. */
export const canManagePortfolioEntry = (entry: { studentId: string }, userId: string) =>
  entry.studentId === userId;

/** Strangers read an entry only when its owner shared it (by link or publicly). */
export const canReadSharedEntry = (entry: { visibility: string }) => entry.visibility !== 'private';

/** Only supervisors and programme admins open workspaces directly. */
export function canStartWorkspace(role: AccountRole): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** The caller's standing toward an organisation and its projects. */
export interface OrgAccess {
  orgId: string;
  isSupervisor: boolean;
}

export const orgNotFound = () => new AppError(404, 'org_not_found', 'That organisation does not exist.');

/** Only an organisation's supervisors change it, its projects, and see its applicants. */
export function canManageOrg(access: OrgAccess | null): boolean {
  return access?.isSupervisor === true;
}

export function authorizeOrg(access: OrgAccess | null): OrgAccess {
  if (!access) throw orgNotFound();
  if (!canManageOrg(access))
    throw new AppError(403, 'forbidden', 'Only this organisation’s supervisors can do that.');
  return access;
}

/** Drafts are seen only by their organisation; published, filled and closed projects by anyone signed in. */
export function canViewProject(status: string, access: OrgAccess | null): boolean {
  return status !== 'draft' || canManageOrg(access);
}

export function canRegisterOrg(role: AccountRole): boolean {
  return role === 'supervisor' || role === 'admin';
}

export function canApply(role: AccountRole): boolean {
  return role === 'student';
}

/** The caller's standing toward a programme. */
export interface ProgrammeAccess {
  programmeId: string;
  /** The instance admin sees and runs every programme. */
  isAdmin: boolean;
  isStaff: boolean;
  /** Staff of some other programme: told 403 rather than 404, as they know programmes exist. */
  isStaffElsewhere: boolean;
}

export const programmeNotFound = () =>
  new AppError(404, 'programme_not_found', 'That programme does not exist or you are not on its staff.');

/** Only the instance admin creates programmes. */
export const canCreateProgramme = (role: AccountRole) => role === 'admin';

/** Anyone signed in can become staff, but only the admin lists every programme. */
export const canListAllProgrammes = (role: AccountRole) => role === 'admin';

/** The instance-wide headline numbers are the instance admin's. */
export const canViewInstanceSummary = (role: AccountRole) => role === 'admin';

/** A programme's staff, and the instance admin, see its figures and people and moderate in it. */
export const canRunProgramme = (access: ProgrammeAccess | null) =>
  access !== null && (access.isAdmin || access.isStaff);

/**
 * Throws unless the caller runs this programme: a stranger gets 404 (not even its existence is
 * told), staff of another programme 403.
 */
export function authorizeProgramme(access: ProgrammeAccess | null): ProgrammeAccess {
  if (!access) throw programmeNotFound();
  if (canRunProgramme(access)) return access;
  if (access.isStaffElsewhere)
    throw new AppError(403, 'forbidden', 'You are on the staff of a different programme.');
  throw programmeNotFound();
}

/** Students answer access questions about themselves; nobody else reads one person's answers. */
export const canAnswerAccessQuestions = (role: AccountRole) => role === 'student';

/** Students join a programme with a student code; supervisors bring their organisation with an organisation code. */
export function canJoinWithCode(role: AccountRole, audience: 'organisation' | 'student'): boolean {
  return audience === 'student' ? role === 'student' : role === 'supervisor';
}
