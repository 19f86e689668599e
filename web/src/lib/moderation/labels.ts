import type { AuditAction, ReportTarget } from '$shared/moderation.ts';
import { formatDateTime } from '$lib/format/dates.ts';
import { dateSettings } from '$lib/format/user-dates.svelte.ts';

export const REPORT_TARGET_LABELS: Record<ReportTarget, string> = {
  project: 'Project',
  organisation: 'Organisation',
  message: 'Message',
  person: 'Person',
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  org_verified: 'Verified an organisation',
  org_unverified: 'Withdrew an organisation’s verification',
  project_paused: 'Paused a project',
  project_hidden: 'Hid a project',
  project_restored: 'Restored a project',
  account_suspended: 'Suspended an account',
  account_restored: 'Lifted a suspension',
  report_dismissed: 'Dismissed a report',
  report_actioned: 'Acted on a report',
  staff_added: 'Made someone staff',
  staff_invited: 'Invited someone to the staff',
  staff_invitation_resent: 'Sent a staff invitation again',
};

/** Audit times in UTC, so staff in different places quote the same time. */
export const formatWhen = (iso: string) =>
  formatDateTime(iso, { ...dateSettings(), timeZone: 'UTC' }) + ' UTC';

/** Who may file a report: the same accounts as the server's `fileReport` rule. */
export const canFileReport = (role: string | undefined): boolean =>
  role === 'student' || role === 'supervisor';
