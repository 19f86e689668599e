/** Moderation vocabulary shared by the server, its schema and the pages. */

/** `paused`: off the marketplace and closed to applications; `hidden`: also not shown to students. */
export const PROJECT_MODERATION_STATES = ['paused', 'hidden'] as const;
export type ProjectModerationState = (typeof PROJECT_MODERATION_STATES)[number];

export const REPORT_TARGETS = ['project', 'organisation', 'message', 'person'] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

export const REPORT_STATUSES = ['open', 'dismissed', 'actioned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What an audit row says was done. */
export const AUDIT_ACTIONS = [
  'org_verified',
  'org_unverified',
  'project_paused',
  'project_hidden',
  'project_restored',
  'account_suspended',
  'account_restored',
  'report_dismissed',
  'report_actioned',
  'staff_added',
  'staff_invited',
  'staff_invitation_resent',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
