/**
 * Every kind of email Stint sends. Security emails always go out at once; for the others each person
 * chooses instant, a daily digest, or off on the settings page.
 */
export const SECURITY_EMAIL_KINDS = [
  'password_reset',
  'email_confirmation',
  'account_deleted',
  'account_exists',
  'email_changed',
] as const;

export const ACTIVITY_EMAIL_KINDS = [
  'invitation',
  'application_received',
  'application_decided',
  'milestone_submitted',
  'milestone_reviewed',
  'workspace_completed',
  'feedback_waiting',
  'mentioned',
  'reminder',
] as const;

export type SecurityEmailKind = (typeof SECURITY_EMAIL_KINDS)[number];
export type ActivityEmailKind = (typeof ACTIVITY_EMAIL_KINDS)[number];
/** Sent to an address with no account (nobody has a preference for it yet): always at once. */
export type ProgrammeEmailKind = 'programme_staff_invitation';
export type EmailKind = SecurityEmailKind | ActivityEmailKind | ProgrammeEmailKind | 'digest';

export const EMAIL_MODES = ['instant', 'digest', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** What the settings page calls each kind people can choose for. */
export const ACTIVITY_EMAIL_LABELS: Record<ActivityEmailKind, string> = {
  invitation: 'Invitations to workspaces and organisations',
  application_received: 'New applicants to your projects',
  application_decided: 'Decisions on your applications',
  milestone_submitted: 'Milestones submitted for review',
  milestone_reviewed: 'Reviews of your milestones',
  workspace_completed: 'Workspaces completed',
  feedback_waiting: 'Feedback waiting for you',
  mentioned: 'When someone @mentions you in a workspace',
  reminder: 'Reminders about things waiting on you',
};

export function isSecurityEmail(kind: EmailKind): kind is SecurityEmailKind {
  return (SECURITY_EMAIL_KINDS as readonly string[]).includes(kind);
}
