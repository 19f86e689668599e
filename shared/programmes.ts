/** The vocabulary of programmes: who invite codes are for, why a placement ended early, access questions. */

export const INVITE_AUDIENCES = ['organisation', 'student'] as const;
export type InviteAudience = (typeof INVITE_AUDIENCES)[number];

export const NON_COMPLETION_REASONS = [
  'student_withdrew',
  'organisation_withdrew',
  'student_unreachable',
  'project_cancelled',
  'mismatch',
  'other',
] as const;
export type NonCompletionReason = (typeof NON_COMPLETION_REASONS)[number];

export const NON_COMPLETION_LABELS: Record<NonCompletionReason, string> = {
  student_withdrew: 'Student withdrew',
  organisation_withdrew: 'Organisation withdrew',
  student_unreachable: 'Student stopped responding',
  project_cancelled: 'Project cancelled',
  mismatch: 'Poor fit of skills or hours',
  other: 'Other',
};

/**
 * The sectors the programme dashboard counts as under-served (they rarely get interns). Wider than
 * the matcher's fair-exposure list: social enterprises count here too.
 */
export const PROGRAMME_UNDER_SERVED_SECTORS = [
  'retail',
  'nonprofit',
  'community',
  'social_enterprise',
] as const;

/**
 * Self-declared access questions. Every answer is optional: `null` means "not answered" (or
 * "prefer not to say"), which is never treated as "no".
 */
export const ACCESS_QUESTIONS = [
  'firstInFamily',
  'worksWhileStudying',
  'caringResponsibilities',
  'disability',
  'careExperienced',
] as const;
export type AccessQuestion = (typeof ACCESS_QUESTIONS)[number];

export const ACCESS_QUESTION_LABELS: Record<AccessQuestion, string> = {
  firstInFamily: 'First in family at university',
  worksWhileStudying: 'Works while studying',
  caringResponsibilities: 'Has caring responsibilities',
  disability: 'Disabled or has a long-term condition',
  careExperienced: 'Care-experienced',
};

/** A cell counting fewer people than this is shown as "< 5", so nobody can be singled out. */
export const SMALL_NUMBER_THRESHOLD = 5;
export const SUPPRESSED_SMALL = '< 5';
/** A cell hidden so that a "< 5" cell cannot be worked out from the total minus the others. */
export const SUPPRESSED_SECONDARY = 'suppressed';
