import type { AccountRole } from '../../shared/roles.ts';
import {
  WORKSPACE_RIGHTS,
  WORKSPACE_ROLES,
  type WorkspaceRight,
  type WorkspaceRole,
  type WorkspaceStatus,
} from '../../shared/workspace-roles.ts';
import { AppError } from '../errors.ts';

/**
 * The one permission module. Every authorization decision is a named rule here, deny by default:
 * a rule lists who it allows, and anyone it does not list is refused.
 *
 * Who calls it: the callers of services, and only they — the HTTP routers (`server/http/`), the
 * Socket.IO handlers and the Yjs endpoint (`server/realtime/`). Services hold the business rules
 * and trust that the caller has been authorized; they never import this module's checks (only its
 * types). Each route names its rule in `server/http/openapi/routes.ts` and each socket event in
 * `SOCKET_EVENT_RULES` (server/realtime/socket/workspace.ts); tests list both.
 */

// ---------------------------------------------------------------------------------------------
// Workspaces: a rights table, role × workspace status.

export interface WorkspaceAccess {
  workspaceId: string;
  status: WorkspaceStatus;
  /** The caller's role in this workspace, or null when they are not a member. */
  role: WorkspaceRole | null;
}

/** `active`: only while the work goes on; `completed`: only once it is over; `any`: both. */
type Phase = 'active' | 'completed' | 'any';

interface WorkspaceRule {
  roles: readonly WorkspaceRole[];
  when: Phase;
  /** Said to a member the rule refuses (strangers get a 404 instead). */
  refusal: string;
}

const MEMBERS = WORKSPACE_ROLES;
const EDITORS = ['supervisor', 'intern'] as const;
const SUPERVISOR = ['supervisor'] as const;
const NOT_YOUR_ROLE = 'Your role in this workspace does not allow that.';

export const WORKSPACE_RULES = {
  viewWorkspace: { roles: MEMBERS, when: 'any', refusal: NOT_YOUR_ROLE },
  editBrief: { roles: EDITORS, when: 'active', refusal: NOT_YOUR_ROLE },
  editBoard: { roles: EDITORS, when: 'active', refusal: NOT_YOUR_ROLE },
  /** The Yjs document holds brief and board together: writing it needs both. */
  editDocument: { roles: EDITORS, when: 'active', refusal: NOT_YOUR_ROLE },
  chat: { roles: [...EDITORS, 'mentor'], when: 'active', refusal: 'Viewers read the chat but do not write.' },
  /**
   * Commenting on the brief is its own right, apart from editing it: mentors and viewers comment
   * on text they cannot change. Starting, replying, resolving and reopening threads all need it.
   */
  comment: { roles: MEMBERS, when: 'active', refusal: NOT_YOUR_ROLE },
  /** A comment is edited or deleted by its author only (the comparison is in authorizeCommentChange). */
  changeOwnComment: {
    roles: MEMBERS,
    when: 'active',
    refusal: 'Only the person who wrote a comment can change or delete it.',
  },
  /**
   * Attaching a file to a comment: those who comment and contribute. Viewers comment in words but
   * do not put files into the workspace. (Attaching to a board card needs `editBoard`.)
   */
  attachToComment: { roles: [...EDITORS, 'mentor'], when: 'active', refusal: NOT_YOUR_ROLE },
  manageMembers: { roles: SUPERVISOR, when: 'active', refusal: 'Only a supervisor manages members.' },
  /** Pending invitations stay visible to supervisors after completion. */
  seeInvitations: { roles: SUPERVISOR, when: 'any', refusal: NOT_YOUR_ROLE },
  saveVersion: { roles: EDITORS, when: 'active', refusal: NOT_YOUR_ROLE },
  restoreVersion: { roles: EDITORS, when: 'active', refusal: NOT_YOUR_ROLE },
  /** Interns and supervisors hand in files and links while the workspace is active. */
  addDeliverable: { roles: EDITORS, when: 'active', refusal: NOT_YOUR_ROLE },
  deleteAnyDeliverable: { roles: SUPERVISOR, when: 'active', refusal: NOT_YOUR_ROLE },
  deleteOwnDeliverable: {
    roles: EDITORS,
    when: 'active',
    refusal: 'Only the person who added it or a supervisor can remove a deliverable.',
  },
  /** Supervisors plan milestones and review what is submitted against them. */
  manageMilestones: { roles: SUPERVISOR, when: 'active', refusal: 'Only a supervisor can plan milestones.' },
  reviewMilestone: { roles: SUPERVISOR, when: 'active', refusal: 'Only a supervisor reviews milestones.' },
  /** Taking a milestone out of the internship (with a reason) is the supervisor's call alone. */
  dropMilestone: { roles: SUPERVISOR, when: 'active', refusal: 'Only a supervisor drops a milestone.' },
  /** The intern says a milestone is ready for review. */
  submitMilestone: { roles: ['intern'], when: 'active', refusal: 'Only the intern submits a milestone.' },
  /** Only a supervisor ends a workspace, once; completing takes every write right away. */
  completeWorkspace: {
    roles: SUPERVISOR,
    when: 'active',
    refusal: 'Only a supervisor can complete a workspace.',
  },
  /** The two sides of the internship rate each other once it is over; mentors and viewers do not. */
  giveFeedback: {
    roles: EDITORS,
    when: 'completed',
    refusal: 'Only the intern and the supervisors give feedback.',
  },
  /**
   * A supervisor re-opens a completed workspace to correct what was signed (the reason is recorded);
   * the service answers 409 when it is not completed.
   */
  reopenCompletion: {
    roles: SUPERVISOR,
    when: 'any',
    refusal: 'Only a supervisor re-opens a completed workspace.',
  },
  /** The optional time log: a supervisor turns it on or off; everyone in the workspace reads it. */
  manageTimeLog: { roles: SUPERVISOR, when: 'active', refusal: 'Only a supervisor turns the time log on.' },
  /** The intern logs their own hours (the service only ever writes the caller's own weeks). */
  logTime: { roles: ['intern'], when: 'active', refusal: 'Only the intern logs hours.' },
  reviewTime: { roles: SUPERVISOR, when: 'active', refusal: 'Only a supervisor confirms hours.' },
  /** A supervisor sees and withdraws the credentials issued for their workspace, even after completion. */
  revokeCredential: {
    roles: SUPERVISOR,
    when: 'any',
    refusal: 'Only a supervisor of the workspace sees and revokes its credentials.',
  },
} as const satisfies Record<string, WorkspaceRule>;

export type WorkspaceRuleName = keyof typeof WORKSPACE_RULES;

/** The rights shown to the web (`myRights`), each the rule of the same meaning. */
const RULE_OF_RIGHT: Record<WorkspaceRight, WorkspaceRuleName> = {
  view: 'viewWorkspace',
  editBrief: 'editBrief',
  editBoard: 'editBoard',
  chat: 'chat',
  comment: 'comment',
  manageMembers: 'manageMembers',
  saveVersion: 'saveVersion',
  restoreVersion: 'restoreVersion',
};

export function allows(rule: WorkspaceRuleName, access: WorkspaceAccess | null): boolean {
  if (!access?.role) return false;
  const { roles, when }: WorkspaceRule = WORKSPACE_RULES[rule];
  return roles.includes(access.role) && (when === 'any' || when === access.status);
}

/** What the caller may do here, for showing controls; every action is checked again on its own. */
export const rightsOf = (access: WorkspaceAccess): WorkspaceRight[] =>
  WORKSPACE_RIGHTS.filter((right) => allows(RULE_OF_RIGHT[right], access));

export const workspaceNotFound = () =>
  new AppError(404, 'workspace_not_found', 'That workspace does not exist or you are not a member.');

const COMPLETED = 'This workspace is completed and can no longer be changed.';

/**
 * Throws unless `rule` allows the caller. A stranger gets 404 (the workspace's existence is not
 * revealed); a member the rule refuses gets 403, `notFound` replaces the 404 for routes named by
 * another resource (a milestone, a deliverable).
 */
export function authorize(
  access: WorkspaceAccess | null,
  rule: WorkspaceRuleName,
  notFound: () => AppError = workspaceNotFound,
): WorkspaceAccess {
  if (!allows('viewWorkspace', access)) throw notFound();
  if (!allows(rule, access)) {
    const { when, refusal }: WorkspaceRule = WORKSPACE_RULES[rule];
    throw forbiddenBecause(when === 'active' && access!.status === 'completed' ? COMPLETED : refusal);
  }
  return access!;
}

/** A deliverable is withdrawn by whoever added it, or by a supervisor, while the work is active. */
export function authorizeDeliverableRemoval(
  access: WorkspaceAccess | null,
  deliverable: { authorId: string | null },
  userId: string,
  notFound: () => AppError,
): WorkspaceAccess {
  const granted = authorize(access, 'viewWorkspace', notFound);
  if (allows('deleteAnyDeliverable', granted)) return granted;
  return authorize(
    granted,
    deliverable.authorId === userId ? 'deleteOwnDeliverable' : 'deleteAnyDeliverable',
  );
}

/** Only a comment's author edits or deletes it, while the workspace is active. */
export function authorizeCommentChange(
  access: WorkspaceAccess | null,
  comment: { authorId: string | null },
  userId: string,
  notFound: () => AppError,
): WorkspaceAccess {
  const granted = authorize(access, 'changeOwnComment', notFound);
  if (comment.authorId !== userId) throw forbiddenBecause(WORKSPACE_RULES.changeOwnComment.refusal);
  return granted;
}

// ---------------------------------------------------------------------------------------------
// Account roles: what a kind of account may start.

export const ACCOUNT_RULES = {
  registerOrg: {
    roles: ['supervisor', 'admin'],
    refusal: 'Sign up as a business supervisor to register an organisation.',
  },
  startWorkspace: { roles: ['supervisor', 'admin'], refusal: 'Only supervisors can start a workspace.' },
  apply: { roles: ['student'], refusal: 'Only students can apply to projects.' },
  /** Profiles and project matches are for students. */
  keepProfile: { roles: ['student'], refusal: 'Only students have a profile and project matches.' },
  /** The skills people write that the taxonomy lacks: what the skill list should grow by. */
  viewSkillReport: { roles: ['admin'], refusal: 'Only the instance admin sees the unknown-skills report.' },
  /** Students and supervisors report a project, an organisation, a message or a person to staff. */
  fileReport: { roles: ['student', 'supervisor'], refusal: 'Students and supervisors file reports.' },
} as const satisfies Record<string, { roles: readonly AccountRole[]; refusal: string }>;

export type AccountRuleName = keyof typeof ACCOUNT_RULES;

export function allowsAccount(rule: AccountRuleName, user: { role: AccountRole }): boolean {
  const roles: readonly AccountRole[] = ACCOUNT_RULES[rule].roles;
  return roles.includes(user.role);
}

export function authorizeAccount(user: { role: AccountRole }, rule: AccountRuleName): void {
  if (!allowsAccount(rule, user)) throw forbiddenBecause(ACCOUNT_RULES[rule].refusal);
}

// ---------------------------------------------------------------------------------------------
// Organisations, their projects and the applications to them.

/** The caller's standing toward an organisation and its projects. */
export interface OrgAccess {
  orgId: string;
  isSupervisor: boolean;
}

export const orgNotFound = () => new AppError(404, 'org_not_found', 'That organisation does not exist.');

/** Only an organisation's supervisors change it and its projects, and see and decide on applicants. */
export const canManageOrg = (access: OrgAccess | null): boolean => access?.isSupervisor === true;

export function authorizeOrg(access: OrgAccess | null, notFound: () => AppError = orgNotFound): OrgAccess {
  if (!access) throw notFound();
  if (!canManageOrg(access)) throw forbiddenBecause('Only this organisation’s supervisors can do that.');
  return access;
}

/**
 * Drafts, and projects programme staff hid, are seen only by their organisation; published, filled
 * and closed projects by anyone signed in. The staff of the project's programme (and the instance
 * admin) also open a hidden one, so they can review what they hid; a draft stays its organisation's.
 */
export const canViewProject = (
  status: string,
  access: OrgAccess | null,
  moderation = 'visible',
  moderatesProject = false,
): boolean => (status !== 'draft' && (moderation !== 'hidden' || moderatesProject)) || canManageOrg(access);

/** The caller's standing toward one project: its status and their standing toward its organisation. */
export interface ProjectAccess {
  projectId: string;
  status: string;
  /** How programme staff left it: 'visible', 'paused' or 'hidden' (hidden: a 404 outside its organisation). */
  moderation?: string;
  org: OrgAccess | null;
  /** The caller is staff of the project's programme, or the instance admin. */
  moderatesProject?: boolean;
}

/**
 * Throws unless the caller may see the project (`viewProject`: a draft is a 404 outside its
 * organisation) and, for `manageOrg`, is one of its organisation's supervisors (403 otherwise).
 */
export function authorizeProject(
  access: ProjectAccess | null,
  rule: 'viewProject' | 'manageOrg',
  notFound: () => AppError,
): ProjectAccess {
  if (!access || !canViewProject(access.status, access.org, access.moderation, access.moderatesProject))
    throw notFound();
  if (rule === 'manageOrg') authorizeOrg(access.org, notFound);
  return access;
}

/** An application is seen by the student who made it and by the organisation's supervisors. */
export const canViewApplication = (
  application: { studentId: string },
  userId: string,
  org: OrgAccess | null,
) => application.studentId === userId || canManageOrg(org);

/** Only the student who applied withdraws. */
export const canWithdrawApplication = (application: { studentId: string }, userId: string) =>
  application.studentId === userId;

/** The caller's standing toward one application: whose it is and the project organisation's standing. */
export interface ApplicationAccess {
  applicationId: string;
  studentId: string;
  org: OrgAccess | null;
}

/**
 * Throws unless `rule` allows the caller. Anyone who may not even see the application gets 404;
 * the student who applied gets 403 for an organisation's decision, a supervisor 403 for withdrawing.
 */
export function authorizeApplication(
  access: ApplicationAccess | null,
  userId: string,
  rule: 'viewApplication' | 'withdrawApplication' | 'manageOrg',
  notFound: () => AppError,
): ApplicationAccess {
  if (!access || !canViewApplication(access, userId, access.org)) throw notFound();
  if (rule === 'withdrawApplication' && !canWithdrawApplication(access, userId))
    throw forbiddenBecause('Only the student who applied can withdraw.');
  if (rule === 'manageOrg' && !canManageOrg(access.org))
    throw forbiddenBecause('Only the organisation can decide on applications.');
  return access;
}

// ---------------------------------------------------------------------------------------------
// Invitations to a workspace or an organisation.

/**
 * An invitation is answered only by the owner of the address it was sent to, and only once they
 * have confirmed that address (anyone else is told it does not exist).
 */
export const canAnswerInvitation = (
  invitation: { email: string },
  user: { email: string; emailConfirmed?: boolean },
) => user.emailConfirmed === true && invitation.email.toLowerCase() === user.email.toLowerCase();

// ---------------------------------------------------------------------------------------------
// Portfolio entries.

/** A portfolio entry is the student's alone to read in full, edit and export. */
export const canManageEntry = (entry: { studentId: string }, userId: string) => entry.studentId === userId;

/** Strangers read an entry only when its owner shared it (by link or publicly). */
export const canReadSharedEntry = (entry: { visibility: string }) => entry.visibility !== 'private';

/** Throws `notFound` unless the caller owns the entry: anyone else learns nothing of it. */
export function authorizeEntry<T extends { entry: { studentId: string } }>(
  loaded: T | null,
  userId: string,
  notFound: () => AppError,
): T {
  if (!loaded || !canManageEntry(loaded.entry, userId)) throw notFound();
  return loaded;
}

/** Throws `notFound` unless the entry's owner shared it. */
export function authorizeSharedEntry<T extends { entry: { visibility: string } }>(
  loaded: T | null,
  notFound: () => AppError,
): T {
  if (!loaded || !canReadSharedEntry(loaded.entry)) throw notFound();
  return loaded;
}

// ---------------------------------------------------------------------------------------------

/**
 * Every rule a route or socket event can cite. `public` and `signedIn` are the two without a
 * check of their own (authentication is `requireUser`); the rest are above.
 */
export const RULE_NAMES = [
  'public',
  'signedIn',
  ...(Object.keys(WORKSPACE_RULES) as WorkspaceRuleName[]),
  ...(Object.keys(ACCOUNT_RULES) as AccountRuleName[]),
  'deleteDeliverable',
  'manageOrg',
  'viewProject',
  'viewApplication',
  'withdrawApplication',
  'answerInvitation',
  'manageEntry',
  'readSharedEntry',
  'createProgramme',
  'listAllProgrammes',
  'viewInstanceSummary',
  'runProgramme',
  'answerAccessQuestions',
  'moderateProgramme',
  'suspendAccount',
  'moderateInstance',
] as const;

export type RuleName =
  | 'public'
  | 'signedIn'
  | WorkspaceRuleName
  | AccountRuleName
  | 'deleteDeliverable'
  | 'manageOrg'
  | 'viewProject'
  | 'viewApplication'
  | 'withdrawApplication'
  | 'answerInvitation'
  | 'manageEntry'
  | 'readSharedEntry'
  | 'createProgramme'
  | 'listAllProgrammes'
  | 'viewInstanceSummary'
  | 'runProgramme'
  | 'answerAccessQuestions'
  | 'moderateProgramme'
  | 'suspendAccount'
  | 'moderateInstance';

function forbiddenBecause(message: string) {
  return new AppError(403, 'forbidden', message);
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

/**
 * Throws unless the person may use a code of this audience and, for an organisation code, supervises
 * the organisation they bring (`org`: their standing toward it; someone else's organisation is a 404).
 */
export function authorizeJoinWithCode(
  role: AccountRole,
  audience: 'organisation' | 'student',
  org: OrgAccess | null | undefined,
): void {
  if (!canJoinWithCode(role, audience)) {
    throw forbiddenBecause(
      audience === 'student'
        ? 'This code is for students.'
        : 'This code is for organisations: a supervisor joins with it.',
    );
  }
  if (audience === 'organisation' && org !== undefined && !canManageOrg(org)) throw orgNotFound();
}

/**
 * Moderation inside a programme (verifying organisations, pausing or hiding projects, the report
 * queue, the audit log, finding people): its staff and the instance admin — the same people who
 * run it. Applied after `authorizeProgramme`, which answers strangers 404 and other staff 403.
 */
export const canModerateProgramme = (access: ProgrammeAccess | null) => canRunProgramme(access);

export function authorizeModeration(access: ProgrammeAccess | null): ProgrammeAccess {
  const granted = authorizeProgramme(access);
  if (!canModerateProgramme(granted)) throw programmeNotFound();
  return granted;
}

/**
 * Suspending an account: staff (and the admin) suspend the students and supervisors of their
 * programme, never the instance admin, and only the admin suspends a member of some programme's staff.
 */
export const canSuspendAccount = (
  access: ProgrammeAccess,
  target: { role: AccountRole; isStaffAnywhere: boolean },
) => target.role !== 'admin' && (access.isAdmin || !target.isStaffAnywhere);

export function authorizeSuspension(
  access: ProgrammeAccess,
  target: { role: AccountRole; isStaffAnywhere: boolean },
): void {
  if (!canSuspendAccount(access, target))
    throw forbiddenBecause('Programme staff and the instance admin cannot be suspended from here.');
}

/** Reports about things in no programme, instance-wide people search and suspension: the instance admin's. */
export const canModerateInstance = (role: AccountRole) => role === 'admin';
