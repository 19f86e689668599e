import { pageQuery } from '../../../shared/schemas/pagination.ts';
import type { z } from 'zod';
import { loginInput, signupInput } from '../../../shared/schemas/auth.ts';
import {
  addMemberInput,
  createWorkspaceInput,
  messagesQuery,
  saveVersionInput,
} from '../../../shared/schemas/workspaces.ts';
import {
  applyInput,
  createOrgInput,
  createProjectInput,
  declineInput,
  inviteSupervisorInput,
  inviteToApplyInput,
  matchesQuery,
  projectSearchQuery,
  scopeProjectInput,
  studentProfileInput,
  updateOrgInput,
  updateProjectInput,
} from '../../../shared/schemas/marketplace.ts';
import {
  completeWorkspaceInput,
  reopenCompletionInput,
  createMilestoneInput,
  credentialBody,
  entryExportQuery,
  feedbackInput,
  fileDeliverableFields,
  handleInput,
  linkDeliverableInput,
  portfolioExportQuery,
  requestChangesInput,
  dropMilestoneInput,
  updateEntryInput,
} from '../../../shared/schemas/portfolio.ts';
import {
  auditQuery,
  fileReportInput,
  moderateProjectInput,
  orgVerificationInput,
  peopleQuery,
  reportsQuery,
  resolveReportInput,
  suspensionInput,
} from '../../../shared/schemas/moderation.ts';
import { notificationsQuery } from '../../../shared/schemas/notifications.ts';
import { commentBodyInput, createThreadInput } from '../../../shared/schemas/comments.ts';
import { workspaceSearchQuery } from '../../../shared/schemas/search.ts';
import { attachmentFields, attachmentsQuery } from '../../../shared/schemas/attachments.ts';
import {
  changeEmailInput,
  changeNameInput,
  changePasswordInput,
  confirmEmailInput,
  deleteAccountInput,
  emailPreferencesInput,
  passwordResetConfirmInput,
  passwordResetInput,
} from '../../../shared/schemas/account.ts';
import {
  accessAnswersInput,
  createInviteCodeInput,
  createProgrammeInput,
  figuresFilterInput,
  inviteStaffInput,
  joinProgrammeInput,
  recordNonCompletionInput,
} from '../../../shared/schemas/programmes.ts';
import { placesQuery, unknownSkillsQuery } from '../../../shared/schemas/places.ts';
import { logWeekInput, returnWeekInput, timeLogSettingsInput } from '../../../shared/schemas/time-log.ts';
import type { RuleName } from '../../auth/permissions.ts';

/**
 * Every route under /api, described once: the OpenAPI document is generated from this list and
 * `tests/unit/openapi-routes.test.ts` fails when Express has a route this list lacks (or the other
 * way round). `rule` names the permission rule (server/auth/permissions.ts) the handler applies.
 * Add a route here in the same commit as its handler.
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax, relative to /api: `/workspaces/:id`. */
  path: string;
  tag: string;
  summary: string;
  rule: RuleName;
  body?: z.ZodType;
  /** A multipart/form-data body; the file travels in the `file` field. */
  multipart?: z.ZodType;
  query?: z.ZodType;
  /** The success status: 201 for creating, 200 otherwise. */
  status?: 200 | 201;
  /** `list`: `{items, next}`; `file`: a download; `json` (default): an object. */
  answers?: 'json' | 'list' | 'file';
}

const route = (
  method: ApiRoute['method'],
  path: string,
  tag: string,
  rule: RuleName,
  summary: string,
  more: Partial<ApiRoute> = {},
): ApiRoute => ({ method, path, tag, rule, summary, ...more });

export const API_ROUTES: ApiRoute[] = [
  route('get', '/health', 'System', 'public', 'Liveness and the database kind'),
  route('get', '/openapi.json', 'System', 'public', 'This document'),
  route('get', '/docs', 'System', 'public', 'A readable reference page of this document', {
    answers: 'file',
  }),
  route('get', '/docs/start.js', 'System', 'public', 'The script that starts the reference page', {
    answers: 'file',
  }),

  route('post', '/auth/signup', 'Accounts', 'public', 'Create an account and start a session', {
    body: signupInput,
    status: 201,
  }),
  route('post', '/auth/login', 'Accounts', 'public', 'Start a session', { body: loginInput }),
  route('post', '/auth/logout', 'Accounts', 'public', 'End the current session'),
  route('get', '/me', 'Accounts', 'signedIn', 'The signed-in user'),

  route('post', '/orgs', 'Organisations', 'registerOrg', 'Register an organisation', {
    body: createOrgInput,
    status: 201,
  }),
  route('get', '/orgs', 'Organisations', 'signedIn', 'The caller’s organisations', {
    answers: 'list',
    query: pageQuery,
  }),
  route('get', '/orgs/:id', 'Organisations', 'signedIn', 'One organisation (more for its supervisors)'),
  route('patch', '/orgs/:id', 'Organisations', 'manageOrg', 'Change an organisation', {
    body: updateOrgInput,
  }),
  route('post', '/orgs/:id/supervisors', 'Organisations', 'manageOrg', 'Invite a co-supervisor by email', {
    body: inviteSupervisorInput,
    status: 201,
  }),
  route('get', '/orgs/:id/projects', 'Organisations', 'signedIn', 'An organisation’s projects', {
    answers: 'list',
    query: pageQuery,
  }),

  route('get', '/project-templates', 'Projects', 'signedIn', 'Guided project templates', { answers: 'list' }),
  route('post', '/projects/scope', 'Projects', 'signedIn', 'Check a draft project’s scope', {
    body: scopeProjectInput,
  }),
  route('get', '/projects', 'Projects', 'signedIn', 'Search published projects', {
    query: projectSearchQuery,
    answers: 'list',
  }),
  route('post', '/projects', 'Projects', 'manageOrg', 'Draft a project for an organisation', {
    body: createProjectInput,
    status: 201,
  }),
  route('get', '/projects/:id', 'Projects', 'viewProject', 'One project'),
  route('patch', '/projects/:id', 'Projects', 'manageOrg', 'Change a project', { body: updateProjectInput }),
  route('post', '/projects/:id/publish', 'Projects', 'manageOrg', 'Publish a draft'),
  route('post', '/projects/:id/close', 'Projects', 'manageOrg', 'Close a project'),
  route('post', '/projects/:id/applications', 'Applications', 'apply', 'Apply to a project', {
    body: applyInput,
    status: 201,
  }),
  route('get', '/projects/:id/applications', 'Applications', 'manageOrg', 'A project’s applicants', {
    answers: 'list',
    query: pageQuery,
  }),
  route('get', '/projects/:id/matches', 'Matching', 'manageOrg', 'Students ranked for a project', {
    query: matchesQuery,
    answers: 'list',
  }),
  route('post', '/projects/:id/invitations', 'Applications', 'manageOrg', 'Invite a student to apply', {
    body: inviteToApplyInput,
    status: 201,
  }),

  route('get', '/applications', 'Applications', 'signedIn', 'The caller’s applications', {
    answers: 'list',
    query: pageQuery,
  }),
  route('get', '/applications/:id', 'Applications', 'viewApplication', 'One application'),
  route(
    'post',
    '/applications/:id/withdraw',
    'Applications',
    'withdrawApplication',
    'Withdraw an application',
  ),
  route('post', '/applications/:id/shortlist', 'Applications', 'manageOrg', 'Shortlist an applicant'),
  route('post', '/applications/:id/decline', 'Applications', 'manageOrg', 'Decline an applicant', {
    body: declineInput,
  }),
  route(
    'post',
    '/applications/:id/accept',
    'Applications',
    'manageOrg',
    'Accept an applicant; opens a workspace',
  ),

  route('get', '/students/me/profile', 'Students', 'keepProfile', 'The student’s own profile'),
  route('put', '/students/me/profile', 'Students', 'keepProfile', 'Save the student’s profile', {
    body: studentProfileInput,
  }),
  route('get', '/students/me/matches', 'Matching', 'keepProfile', 'Projects ranked for the student', {
    query: matchesQuery,
    answers: 'list',
  }),
  route(
    'get',
    '/places',
    'Matching',
    'signedIn',
    'A typed place read on the map, or suggestions when unknown',
    {
      query: placesQuery,
      answers: 'list',
    },
  ),
  route('get', '/admin/unknown-skills', 'Matching', 'viewSkillReport', 'Most used skills the list lacks', {
    query: unknownSkillsQuery,
    answers: 'list',
  }),

  route('get', '/notifications', 'Notifications', 'signedIn', 'The caller’s notifications', {
    query: notificationsQuery,
    answers: 'list',
  }),
  route('post', '/notifications/read-all', 'Notifications', 'signedIn', 'Mark every notification read'),
  route('post', '/notifications/:id/read', 'Notifications', 'signedIn', 'Mark one notification read'),

  route('post', '/workspaces', 'Workspaces', 'startWorkspace', 'Start a workspace directly', {
    body: createWorkspaceInput,
    status: 201,
  }),
  route(
    'get',
    '/me/invitations',
    'Invitations',
    'signedIn',
    'Invitations waiting for the caller’s confirmed address',
    {
      answers: 'list',
      query: pageQuery,
    },
  ),
  route('post', '/invitations/:id/accept', 'Invitations', 'answerInvitation', 'Accept an invitation'),
  route('post', '/invitations/:id/decline', 'Invitations', 'answerInvitation', 'Decline an invitation'),
  route('get', '/workspaces', 'Workspaces', 'signedIn', 'The caller’s workspaces', {
    answers: 'list',
    query: pageQuery,
  }),
  route('get', '/workspaces/:id', 'Workspaces', 'viewWorkspace', 'One workspace with its members'),
  route(
    'post',
    '/workspaces/:id/members',
    'Workspaces',
    'manageMembers',
    'Invite a person by email (same answer for every address)',
    {
      body: addMemberInput,
      status: 201,
    },
  ),
  route('delete', '/workspaces/:id/members/:userId', 'Workspaces', 'manageMembers', 'Remove a member'),
  route(
    'delete',
    '/workspaces/:id/invitations/:invitationId',
    'Workspaces',
    'manageMembers',
    'Cancel an invitation',
  ),
  route('get', '/workspaces/:id/messages', 'Workspaces', 'viewWorkspace', 'Chat history, newest page first', {
    query: messagesQuery,
    answers: 'list',
  }),
  route('get', '/workspaces/:id/versions', 'Versions', 'viewWorkspace', 'Named versions of the brief', {
    answers: 'list',
    query: pageQuery,
  }),
  route('post', '/workspaces/:id/versions', 'Versions', 'saveVersion', 'Save a named version of the brief', {
    body: saveVersionInput,
    status: 201,
  }),
  route('get', '/workspaces/:id/versions/:versionId', 'Versions', 'viewWorkspace', 'One version'),
  route(
    'post',
    '/workspaces/:id/versions/:versionId/restore',
    'Versions',
    'restoreVersion',
    'Restore a version',
  ),

  route('get', '/workspaces/:id/comments', 'Comments', 'viewWorkspace', 'Comment threads on the brief', {
    answers: 'list',
    query: pageQuery,
  }),
  route('post', '/workspaces/:id/comments', 'Comments', 'comment', 'Comment on a stretch of the brief', {
    body: createThreadInput,
    status: 201,
  }),
  route('post', '/workspaces/:id/comments/:commentId/replies', 'Comments', 'comment', 'Reply in a thread', {
    body: commentBodyInput,
    status: 201,
  }),
  route('patch', '/workspaces/:id/comments/:commentId', 'Comments', 'changeOwnComment', 'Edit your comment', {
    body: commentBodyInput,
  }),
  route(
    'delete',
    '/workspaces/:id/comments/:commentId',
    'Comments',
    'changeOwnComment',
    'Delete your comment',
  ),
  route('post', '/workspaces/:id/comments/:commentId/resolve', 'Comments', 'comment', 'Resolve a thread'),
  route('post', '/workspaces/:id/comments/:commentId/reopen', 'Comments', 'comment', 'Reopen a thread'),
  route(
    'get',
    '/workspaces/:id/search',
    'Workspaces',
    'viewWorkspace',
    'Search the brief, chat and comments (capped per kind; `truncated` says which had more)',
    { query: workspaceSearchQuery, answers: 'list' },
  ),

  route('get', '/workspaces/:id/milestones', 'Milestones', 'viewWorkspace', 'A workspace’s milestones', {
    answers: 'list',
  }),
  route('post', '/workspaces/:id/milestones', 'Milestones', 'manageMilestones', 'Plan a milestone', {
    body: createMilestoneInput,
    status: 201,
  }),
  route('post', '/milestones/:id/submit', 'Milestones', 'submitMilestone', 'Submit a milestone for review'),
  route('post', '/milestones/:id/accept', 'Milestones', 'reviewMilestone', 'Accept a submitted milestone'),
  route('post', '/milestones/:id/request-changes', 'Milestones', 'reviewMilestone', 'Ask for changes', {
    body: requestChangesInput,
  }),
  route('post', '/milestones/:id/drop', 'Milestones', 'dropMilestone', 'Drop a milestone, saying why', {
    body: dropMilestoneInput,
  }),

  route('get', '/workspaces/:id/time-log', 'Time log', 'viewWorkspace', 'A workspace’s time log and totals'),
  route(
    'put',
    '/workspaces/:id/time-log/settings',
    'Time log',
    'manageTimeLog',
    'Turn the time log on or off',
    {
      body: timeLogSettingsInput,
    },
  ),
  route(
    'put',
    '/workspaces/:id/time-log/weeks/:week',
    'Time log',
    'logTime',
    'Log your hours for an ISO week',
    {
      body: logWeekInput,
    },
  ),
  route('post', '/time-log/:id/confirm', 'Time log', 'reviewTime', 'Confirm a logged week'),
  route('post', '/time-log/:id/return', 'Time log', 'reviewTime', 'Send a logged week back', {
    body: returnWeekInput,
  }),

  route(
    'get',
    '/workspaces/:id/deliverables',
    'Deliverables',
    'viewWorkspace',
    'A workspace’s deliverables',
    {
      answers: 'list',
      query: pageQuery,
    },
  ),
  route(
    'post',
    '/workspaces/:id/deliverables',
    'Deliverables',
    'addDeliverable',
    'Hand in a link or a file',
    {
      body: linkDeliverableInput,
      multipart: fileDeliverableFields,
      status: 201,
    },
  ),
  route('get', '/deliverables/:id/download', 'Deliverables', 'viewWorkspace', 'Download a file deliverable', {
    answers: 'file',
  }),
  route('delete', '/deliverables/:id', 'Deliverables', 'deleteDeliverable', 'Withdraw a deliverable'),

  route(
    'get',
    '/workspaces/:id/attachments',
    'Attachments',
    'viewWorkspace',
    'Files attached to cards and comments',
    {
      answers: 'list',
      query: attachmentsQuery,
    },
  ),
  route(
    'post',
    '/workspaces/:id/cards/:cardId/attachments',
    'Attachments',
    'editBoard',
    'Attach a file to a board card',
    {
      multipart: attachmentFields,
      status: 201,
    },
  ),
  route(
    'post',
    '/workspaces/:id/comments/:commentId/attachments',
    'Attachments',
    'attachToComment',
    'Attach a file to a comment',
    { multipart: attachmentFields, status: 201 },
  ),
  route('get', '/attachments/:id/download', 'Attachments', 'viewWorkspace', 'Download an attached file', {
    answers: 'file',
  }),

  route('post', '/workspaces/:id/complete', 'Completion', 'completeWorkspace', 'Complete the workspace', {
    body: completeWorkspaceInput,
  }),
  route('post', '/workspaces/:id/feedback', 'Completion', 'giveFeedback', 'Rate the other side once', {
    body: feedbackInput,
    status: 201,
  }),
  route('get', '/workspaces/:id/feedback', 'Completion', 'giveFeedback', 'Feedback given and received'),

  route('get', '/portfolio/entries', 'Portfolio', 'signedIn', 'The caller’s portfolio entries', {
    answers: 'list',
    query: pageQuery,
  }),
  route('get', '/portfolio/entries/:id', 'Portfolio', 'manageEntry', 'One of the caller’s entries'),
  route('patch', '/portfolio/entries/:id', 'Portfolio', 'manageEntry', 'Change an entry', {
    body: updateEntryInput,
  }),
  route('get', '/portfolio/entries/:id/export', 'Portfolio', 'manageEntry', 'Export an entry', {
    query: entryExportQuery,
    answers: 'file',
  }),
  route('get', '/portfolio/export', 'Portfolio', 'signedIn', 'Export the whole portfolio', {
    query: portfolioExportQuery,
    answers: 'file',
  }),
  route('get', '/portfolio/handle', 'Portfolio', 'signedIn', 'The caller’s public handle'),
  route('put', '/portfolio/handle', 'Portfolio', 'signedIn', 'Choose the public handle', {
    body: handleInput,
  }),
  route('get', '/public/portfolios/:handle', 'Public', 'public', 'A student’s public portfolio'),
  route('get', '/public/entries/:token', 'Public', 'readSharedEntry', 'A shared entry'),
  route('get', '/public/entries/:token/export', 'Public', 'readSharedEntry', 'Export a shared entry', {
    query: entryExportQuery,
    answers: 'file',
  }),
  route(
    'get',
    '/public/entries/:token/deliverables/:deliverableId/download',
    'Public',
    'readSharedEntry',
    'Download a deliverable of a shared entry',
    { answers: 'file' },
  ),

  route('post', '/credentials/verify', 'Credentials', 'public', 'Verify an Open Badges credential', {
    body: credentialBody,
  }),
  route('get', '/credentials/:id', 'Credentials', 'public', 'A credential, as issued'),
  route(
    'get',
    '/workspaces/:id/credentials',
    'Credentials',
    'revokeCredential',
    'A workspace’s credentials',
    {
      answers: 'list',
      query: pageQuery,
    },
  ),
  route('post', '/credentials/:id/revoke', 'Credentials', 'revokeCredential', 'Revoke a credential'),
  // Accounts people manage themselves: reset, confirmation, settings, export and deletion.
  route(
    'post',
    '/auth/password-reset',
    'Accounts',
    'public',
    'Email a password-reset link (same answer for every address)',
    {
      body: passwordResetInput,
    },
  ),
  route(
    'post',
    '/auth/password-reset/confirm',
    'Accounts',
    'public',
    'Set a new password with an emailed token; ends every session',
    {
      body: passwordResetConfirmInput,
    },
  ),
  route(
    'post',
    '/auth/confirm-email',
    'Accounts',
    'public',
    'Confirm an email address with an emailed token',
    {
      body: confirmEmailInput,
    },
  ),
  route('post', '/me/confirmation-email', 'Accounts', 'signedIn', 'Send the confirmation email again'),
  route('get', '/me/export', 'Accounts', 'signedIn', 'The caller’s data as JSON', { answers: 'file' }),
  route('delete', '/me', 'Accounts', 'signedIn', 'Delete the caller’s account (needs the password)', {
    body: deleteAccountInput,
  }),
  route('get', '/me/email-preferences', 'Accounts', 'signedIn', 'Which emails the caller receives'),
  route(
    'put',
    '/me/email-preferences',
    'Accounts',
    'signedIn',
    'Choose instant, daily digest or off per email',
    {
      body: emailPreferencesInput,
    },
  ),
  route('post', '/me/password', 'Accounts', 'signedIn', 'Change the password (needs the current one)', {
    body: changePasswordInput,
  }),
  route('patch', '/me', 'Accounts', 'signedIn', 'Change the caller’s name', { body: changeNameInput }),
  route(
    'post',
    '/me/email',
    'Accounts',
    'signedIn',
    'Move to another address (it takes effect once confirmed)',
    {
      body: changeEmailInput,
    },
  ),
  route('get', '/me/sessions', 'Accounts', 'signedIn', 'The caller’s sessions', {
    answers: 'list',
    query: pageQuery,
  }),
  route('delete', '/me/sessions/:id', 'Accounts', 'signedIn', 'Sign out one of the caller’s other sessions'),
  route('post', '/me/sessions/end-all', 'Accounts', 'signedIn', 'Sign out everywhere'),

  // Programmes: staff, invite codes and figures.
  route('post', '/programmes', 'Programmes', 'createProgramme', 'Create a programme (instance admin)', {
    body: createProgrammeInput,
    status: 201,
  }),
  route('get', '/programmes', 'Programmes', 'signedIn', 'Programmes the caller runs (all, for the admin)', {
    answers: 'list',
    query: pageQuery,
  }),
  route('get', '/admin/summary', 'Programmes', 'viewInstanceSummary', 'Figures across the instance'),
  route('get', '/programmes/:id', 'Programmes', 'runProgramme', 'One programme'),
  route('get', '/programmes/:id/staff', 'Programmes', 'runProgramme', 'A programme’s staff', {
    query: pageQuery,
    answers: 'list',
  }),
  route(
    'get',
    '/programmes/:id/staff-invitations',
    'Programmes',
    'runProgramme',
    'Invitations to the staff not yet taken up',
    { query: pageQuery, answers: 'list' },
  ),
  route(
    'post',
    '/programmes/:id/staff',
    'Programmes',
    'runProgramme',
    'Invite someone to the staff by email',
    {
      body: inviteStaffInput,
      status: 201,
    },
  ),
  route(
    'post',
    '/programmes/:id/staff-invitations/:invitationId/resend',
    'Programmes',
    'runProgramme',
    'Email a pending staff invitation again',
  ),
  route('get', '/programmes/:id/invite-codes', 'Programmes', 'runProgramme', 'A programme’s invite codes', {
    query: pageQuery,
    answers: 'list',
  }),
  route(
    'post',
    '/programmes/:id/invite-codes',
    'Programmes',
    'runProgramme',
    'Make an invite code for organisations or students',
    {
      body: createInviteCodeInput,
      status: 201,
    },
  ),
  route(
    'post',
    '/programmes/:id/non-completions',
    'Programmes',
    'runProgramme',
    'Record why a placement ended early',
    {
      body: recordNonCompletionInput,
      status: 201,
    },
  ),
  route('get', '/programmes/:id/figures', 'Programmes', 'runProgramme', 'The programme’s figures', {
    query: figuresFilterInput,
  }),
  route(
    'get',
    '/programmes/:id/figures/:table.csv',
    'Programmes',
    'runProgramme',
    'One figures table as CSV',
    {
      query: figuresFilterInput,
      answers: 'file',
    },
  ),
  route('get', '/programme-invites/:code', 'Programmes', 'signedIn', 'What an invite code joins'),
  route(
    'post',
    '/programme-invites/:code/join',
    'Programmes',
    'signedIn',
    'Join a programme with an invite code',
    {
      body: joinProgrammeInput,
    },
  ),
  route(
    'get',
    '/students/me/access-answers',
    'Programmes',
    'answerAccessQuestions',
    'The student’s own access answers',
  ),
  route(
    'put',
    '/students/me/access-answers',
    'Programmes',
    'answerAccessQuestions',
    'Answer the optional access questions',
    {
      body: accessAnswersInput,
    },
  ),
  route(
    'delete',
    '/students/me/access-answers',
    'Programmes',
    'answerAccessQuestions',
    'Delete every access answer',
  ),

  route(
    'post',
    '/workspaces/:id/reopen',
    'Completion',
    'reopenCompletion',
    'Re-open a completed workspace, saying why',
    {
      body: reopenCompletionInput,
    },
  ),
  route(
    'get',
    '/credentials/status/:list',
    'Credentials',
    'public',
    'A signed Bitstring Status List credential',
    {
      answers: 'file',
    },
  ),
  // Moderation: reports, the staff's queue and actions, the audit log, people.
  route('post', '/reports', 'Moderation', 'fileReport', 'Report a project, organisation, message or person', {
    body: fileReportInput,
    status: 201,
  }),
  route('get', '/programmes/:id/reports', 'Moderation', 'moderateProgramme', 'The report queue', {
    query: reportsQuery,
    answers: 'list',
  }),
  route(
    'post',
    '/programmes/:id/reports/:reportId/resolve',
    'Moderation',
    'moderateProgramme',
    'Dismiss or act on a report; the reporter is told',
    { body: resolveReportInput },
  ),
  route('get', '/programmes/:id/audit', 'Moderation', 'moderateProgramme', 'The audit log of staff actions', {
    query: auditQuery,
    answers: 'list',
  }),
  route('get', '/programmes/:id/orgs', 'Moderation', 'moderateProgramme', 'The programme’s organisations', {
    query: pageQuery,
    answers: 'list',
  }),
  route(
    'post',
    '/programmes/:id/orgs/:orgId/verification',
    'Moderation',
    'moderateProgramme',
    'Verify an organisation (or withdraw it)',
    { body: orgVerificationInput },
  ),
  route('get', '/programmes/:id/projects', 'Moderation', 'moderateProgramme', 'The programme’s projects', {
    query: pageQuery,
    answers: 'list',
  }),
  route(
    'post',
    '/programmes/:id/projects/:projectId/moderation',
    'Moderation',
    'moderateProgramme',
    'Pause, hide or restore a project',
    { body: moderateProjectInput },
  ),
  route('get', '/programmes/:id/people', 'Moderation', 'moderateProgramme', 'Find people of the programme', {
    query: peopleQuery,
    answers: 'list',
  }),
  route(
    'post',
    '/programmes/:id/people/:userId/suspension',
    'Moderation',
    'suspendAccount',
    'Suspend an account (its sessions end at once) or lift it',
    { body: suspensionInput },
  ),
  route('get', '/admin/reports', 'Moderation', 'moderateInstance', 'Reports about things in no programme', {
    query: reportsQuery,
    answers: 'list',
  }),
  route(
    'post',
    '/admin/reports/:reportId/resolve',
    'Moderation',
    'moderateInstance',
    'Dismiss or act on a report in no programme',
    { body: resolveReportInput },
  ),
  route('get', '/admin/audit', 'Moderation', 'moderateInstance', 'Every audit row', {
    query: auditQuery,
    answers: 'list',
  }),
  route('get', '/admin/people', 'Moderation', 'moderateInstance', 'Find anyone', {
    query: peopleQuery,
    answers: 'list',
  }),
  route(
    'post',
    '/admin/people/:userId/suspension',
    'Moderation',
    'moderateInstance',
    'Suspend any account but the admin’s, or lift it',
    { body: suspensionInput },
  ),
];
