import type {
  RemotePreference,
  ScheduleFlexibility,
  Sector,
  SkillLevel,
  TimeSlot,
  WorkMode,
} from '../../shared/marketplace.ts';

/**
 * What the matcher knows about a student. Deliberately nothing about age, gender, ethnicity,
 * disability or anything that stands in for them: a match is about skills, time and goals.
 */
export interface MatchStudent {
  id: string;
  name: string;
  headline: string;
  skills: { skillId: string; level: SkillLevel }[];
  /** Skills the student wants to grow into. */
  stretchSkillIds: string[];
  hoursPerWeek: number;
  /** YYYY-MM-DD; null means from today. */
  availableFrom: string | null;
  /** How many weeks from `availableFrom`; null means open-ended. */
  availableWeeks: number | null;
  /** When the student can work; empty means any time. */
  availability: TimeSlot[];
  remote: RemotePreference;
  location: string | null;
  /** How far they can travel to work, in km, or in minutes (km wins when both are given); unset: 25 km. */
  travelKm?: number | null;
  travelMinutes?: number | null;
  goals: string;
  interests: string;
  sectorsOfInterest: Sector[];
}

export interface MatchProject {
  id: string;
  title: string;
  summary: string;
  deliverables: string[];
  skills: { skillId: string; level: SkillLevel }[];
  durationWeeks: number;
  hoursPerWeek: number;
  /** YYYY-MM-DD; null means it can start now. */
  startDate: string | null;
  flexibility: ScheduleFlexibility;
  /** When the work happens; binding only when `flexibility` is 'fixed'. */
  workTimes: TimeSlot[];
  workMode: WorkMode;
  location: string | null;
  /** Days a week on site, for hybrid work; unset means 2. */
  onsiteDays?: number | null;
  sector: Sector;
  orgName: string;
  fee: number | null;
}

/** Each part 0–1; `score` is their weighted sum on 0–100. */
export interface MatchParts {
  skills: number;
  availability: number;
  goals: number;
}

export interface MatchResult {
  /** The id of the project (ranking for a student) or of the student (ranking for a project). */
  id: string;
  score: number;
  parts: MatchParts;
  /** Plain-English reasons, most telling first. */
  reasons: string[];
  /** What would make this a better match. */
  improve: string[];
}

export interface MatchRanking {
  items: MatchResult[];
  /** How many were left out because they break a hard constraint (hours, dates, fixed times, place). */
  excluded: number;
  /** How many were looked at. */
  considered: number;
}

/** Who reads the explanations: the student ("you have 10") or the business ("has 10"). */
export type Audience = 'student' | 'business';

/**
 * Weights of the three parts; they sum to 1. Skills lead (0.5) because a project a student cannot do
 * helps nobody; goals come next (0.3) because a micro-internship is a step towards something; soft
 * availability is last (0.2) because the hard constraints have already removed what does not fit,
 * and what remains differs only in comfort (slack in hours, weeks covered, preferred times, travel).
 */
export interface MatchWeights {
  skills: number;
  availability: number;
  goals: number;
}

export const DEFAULT_WEIGHTS: MatchWeights = { skills: 0.5, goals: 0.3, availability: 0.2 };
