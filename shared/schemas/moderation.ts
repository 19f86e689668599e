import { z } from 'zod';
import { pageQuery } from './pagination.ts';
import {
  REPORT_STATUSES,
  REPORT_TARGETS,
  type ProjectModerationState,
  type ReportStatus,
  type ReportTarget,
} from '../moderation.ts';
import { text } from './text.ts';

/** Why staff acted: every staff action carries one, and it goes into the audit log. */
const reason = text().trim().min(1, 'Say why: it goes into the audit log.').max(1000);

export const fileReportInput = z.strictObject({
  targetType: z.enum(REPORT_TARGETS),
  targetId: z.uuid(),
  reason: text().trim().min(1, 'Say what is wrong.').max(2000),
});

export const resolveReportInput = z.strictObject({
  outcome: z.enum(['dismissed', 'actioned']),
  /** Told to the reporter, and kept in the audit log. */
  reason,
});

export const reportsQuery = z.strictObject({
  status: z.enum(REPORT_STATUSES).optional(),
  ...pageQuery.shape,
});

export const orgVerificationInput = z.strictObject({ verified: z.boolean(), reason });

export const suspensionInput = z.strictObject({ suspended: z.boolean(), reason });

export const resendInvitationInput = z.strictObject({});

/** The audit log pages back by time: `before` is the `next` of the previous page. */
export const auditQuery = z.strictObject({
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

export const moderateProjectInput = z.strictObject({
  state: z.enum(['paused', 'hidden', 'visible']),
  reason,
});

export const peopleQuery = z.strictObject({ q: text().trim().max(200).default('') });

export interface Report {
  id: string;
  programmeId: string | null;
  targetType: ReportTarget;
  targetId: string;
  targetLabel: string;
  reason: string;
  status: ReportStatus;
  outcome: string;
  reporter: { id: string; name: string };
  createdAt: string;
  resolvedAt: string | null;
}

export interface AuditEntry {
  id: string;
  programmeId: string | null;
  actor: { id: string; name: string };
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  reason: string;
  at: string;
}

/** Someone staff can find: their role, how they are in the programme, and whether they are suspended. */
export interface ProgrammePerson {
  id: string;
  name: string;
  email: string;
  role: string;
  /** e.g. "student, cohort Autumn", "supervisor of Corner Thread Fabrics", "staff". */
  memberships: { programmeId: string; kind: 'student' | 'supervisor' | 'staff'; detail: string }[];
  suspended: boolean;
}

export interface ProjectModeration {
  projectId: string;
  state: ProjectModerationState | 'visible';
}
