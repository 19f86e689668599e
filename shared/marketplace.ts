/** The vocabulary of the marketplace: sectors, sizes, work modes and times, project states. */

export const SECTORS = [
  'retail',
  'nonprofit',
  'community',
  'social_enterprise',
  'small_business',
  'public_sector',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  retail: 'Retail',
  nonprofit: 'Nonprofit',
  community: 'Community organisation',
  social_enterprise: 'Social enterprise',
  small_business: 'Small business',
  public_sector: 'Public sector',
  other: 'Other',
};

/** Sectors that rarely get interns; fair exposure makes sure students see some of them. */
export const UNDER_SERVED_SECTORS: readonly Sector[] = ['nonprofit', 'community', 'retail'];

export const ORG_SIZES = ['1-9', '10-49', '50-249', '250+'] as const;
export type OrgSize = (typeof ORG_SIZES)[number];

export const WORK_MODES = ['remote', 'onsite', 'hybrid'] as const;
export type WorkMode = (typeof WORK_MODES)[number];

export const WORK_MODE_LABELS: Record<WorkMode, string> = {
  remote: 'Remote',
  onsite: 'On-site',
  hybrid: 'Hybrid',
};

/** When someone can work (students) or when the work has to happen (projects with fixed times). */
export const TIME_SLOTS = ['weekday_daytime', 'weekday_evenings', 'weekends'] as const;
export type TimeSlot = (typeof TIME_SLOTS)[number];

export const TIME_SLOT_LABELS: Record<TimeSlot, string> = {
  weekday_daytime: 'Weekday daytime',
  weekday_evenings: 'Weekday evenings',
  weekends: 'Weekends',
};

/**
 * `flexible`: the intern chooses their hours (evenings and weekends are fine);
 * `fixed`: the work happens in the project's `workTimes`.
 */
export const SCHEDULE_FLEXIBILITY = ['flexible', 'fixed'] as const;
export type ScheduleFlexibility = (typeof SCHEDULE_FLEXIBILITY)[number];

/** A student's stance on where they work. */
export const REMOTE_PREFERENCES = ['remote_only', 'onsite_ok', 'any'] as const;
export type RemotePreference = (typeof REMOTE_PREFERENCES)[number];

export const PROJECT_STATUSES = ['draft', 'published', 'filled', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const APPLICATION_STATUSES = [
  'submitted',
  'shortlisted',
  'declined',
  'withdrawn',
  'accepted',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Skill level 1–3, the same scale for what a project needs and what a student has. */
export const SKILL_LEVELS = [1, 2, 3] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];
export const SKILL_LEVEL_LABELS: Record<SkillLevel, string> = {
  1: 'Beginner',
  2: 'Confident',
  3: 'Advanced',
};

export const MIN_WEEKS = 2;
export const MAX_WEEKS = 8;
