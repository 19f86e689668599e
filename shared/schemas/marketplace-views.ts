import type {
  ApplicationStatus,
  OrgSize,
  ProjectStatus,
  RemotePreference,
  ScheduleFlexibility,
  Sector,
  SkillLevel,
  TimeSlot,
  WorkMode,
} from '../marketplace.ts';

/** What the marketplace API answers with. */

export interface Organisation {
  id: string;
  name: string;
  sector: Sector;
  size: OrgSize;
  location: string;
  workMode: WorkMode;
  description: string;
  createdAt: string;
  /** Programme staff verified it (the badge students see). */
  verified?: boolean;
  /** Present for the organisation's own supervisors. */
  supervisors?: { id: string; name: string; email: string }[];
  invitations?: { id: string; email: string }[];
}

export interface SkillNeed {
  skillId: string;
  label: string;
  level: SkillLevel;
  /** False for a free-text skill the taxonomy lacks, shown to its writer as "not in the skill list". */
  known?: boolean;
}

export interface Project {
  id: string;
  orgId: string;
  /** `verified`: programme staff verified the organisation; students see the others as "unverified". */
  organisation: { id: string; name: string; sector: Sector; verified: boolean };
  title: string;
  summary: string;
  goals: string[];
  deliverables: string[];
  milestones: { title: string; week: number | null; hours: number | null }[];
  skills: SkillNeed[];
  questions: string[];
  durationWeeks: number;
  hoursPerWeek: number;
  flexibility: ScheduleFlexibility;
  workTimes: TimeSlot[];
  remote: WorkMode;
  location: string;
  /** Days a week on site for hybrid work; null when not said (the matcher assumes 2). */
  onsiteDays: number | null;
  fee: number | null;
  currency: string;
  seats: number;
  seatsTaken: number;
  startDate: string | null;
  applicationDeadline: string | null;
  templateId: string | null;
  status: ProjectStatus;
  createdAt: string;
  publishedAt: string | null;
  /** For the organisation's supervisors: whether the caller may edit it. */
  canEdit: boolean;
  /** Programme staff paused it (off the marketplace, no applications) or hid it; usually `visible`. */
  moderation: 'visible' | 'paused' | 'hidden';
}

export interface ScopingWarning {
  code:
    | 'no_deliverable'
    | 'too_much_work'
    | 'missing_skills'
    | 'duration_out_of_range'
    | 'fee_below_floor'
    | 'no_skills'
    | 'vague_summary';
  message: string;
}

export interface ScopingResult {
  warnings: ScopingWarning[];
  /** Skills the text implies that the project does not list. */
  suggestedSkills: { skillId: string; label: string; evidence: string }[];
  /** A fair fee: the hours at no less than the hourly floor. */
  suggestedFee: { amount: number; currency: string; hourlyFloor: number; hours: number };
  /** Hours the milestones add up to, and what hours × weeks allow. */
  effort: { estimated: number | null; available: number };
}

export interface StudentProfile {
  userId: string;
  name: string;
  headline: string;
  skills: SkillNeed[];
  stretchSkills: { skillId: string; label: string }[];
  interests: string;
  goals: string;
  sectorsOfInterest: Sector[];
  hoursPerWeek: number | null;
  availableFrom: string | null;
  availableWeeks: number | null;
  availability: TimeSlot[];
  remote: RemotePreference;
  location: string;
  /** How far they can travel, in km or minutes; both null: the default reach (25 km). */
  travelKm: number | null;
  travelMinutes: number | null;
  links: { label: string; url: string }[];
  /** 0–100, and what would complete it. */
  completeness: { percent: number; missing: string[] };
  updatedAt: string | null;
}

export interface Application {
  id: string;
  projectId: string;
  project: { id: string; title: string; orgName: string; status: ProjectStatus };
  student: { id: string; name: string; headline: string };
  note: string;
  answers: string[];
  status: ApplicationStatus;
  decisionMessage: string | null;
  workspaceId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectTemplate {
  id: string;
  title: string;
  kind: string;
  sectors: Sector[];
  summary: string;
  goals: string[];
  deliverables: string[];
  milestones: { title: string; week: number | null; hours: number | null }[];
  skills: { skill: string; level: SkillLevel }[];
  durationWeeks: number;
  hoursPerWeek: number;
  remote: WorkMode;
}
