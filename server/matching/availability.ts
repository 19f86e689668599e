import { TIME_SLOTS, TIME_SLOT_LABELS, type TimeSlot } from '../../shared/marketplace.ts';
import { gapBetween, reachFactor, reachKmOf, samePlace, whereabouts, type Whereabouts } from './location.ts';
import type { MatchProject, MatchStudent } from './types.ts';

/**
 * Time and place. Hard constraints come first: a project that breaks one is never recommended, however
 * good the rest looks. The rules, and the calls we made where the brief left room:
 *  - hours: the project's hours per week must fit the student's;
 *  - dates: a dated project runs from its start date (never before today) for its duration; it must
 *    start before the student's free weeks end, and end after they begin; a partial overlap is
 *    allowed and scored by the share covered. A project with no start date is a flexible start: it
 *    begins when the student is free, so it fits unless their free weeks are shorter than it;
 *  - fixed times: a project with `flexibility: 'fixed'` and work times needs at least one of them to be
 *    a time the student can work (a student who leaves availability empty can work any time);
 *  - place: on-site and hybrid work are refused to 'remote_only' students; otherwise the project's
 *    place must be within the student's reach (what they said, in km or minutes, or 25 km), measured
 *    between the edges of the two places on the gazetteer's map. Hybrid work stretches the reach
 *    by its on-site days (see `reachFactor`). A student who gave no location cannot be placed on
 *    site; an 'any' student without one is taken at their word for hybrid work. Places the
 *    gazetteer cannot resolve (stored before forms checked them) fall back to equal names. An
 *    on-site project with no location cannot be checked and is allowed, with a lower soft score.
 */

const DAY_MS = 86_400_000;

export function dayNumber(isoDate: string): number {
  const time = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(time)) throw new Error(`Not a date: ${isoDate}`);
  return Math.floor(time / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function todayNumber(now: Date = new Date()): number {
  return Math.floor(now.getTime() / DAY_MS);
}

export function slotMask(slots: readonly TimeSlot[]): number {
  let mask = 0;
  for (const slot of slots) mask |= 1 << TIME_SLOTS.indexOf(slot);
  return mask;
}

export function slotNames(mask: number): string {
  return TIME_SLOTS.filter((_, index) => (mask & (1 << index)) !== 0)
    .map((slot) => TIME_SLOT_LABELS[slot].toLowerCase())
    .join(', ');
}

export interface StudentTiming {
  hours: number;
  fromDay: number | null;
  /** Weeks free from `fromDay` (or from today); null when open-ended. */
  weeks: number | null;
  /** Bit set of time slots; 0 means any time. */
  slots: number;
  remote: MatchStudent['remote'];
  where: Whereabouts;
  reachKm: number;
}

export interface ProjectTiming {
  hours: number;
  startDay: number | null;
  durationDays: number;
  fixed: boolean;
  slots: number;
  workMode: MatchProject['workMode'];
  where: Whereabouts;
  location: string | null;
  /** The student's reach is multiplied by this for this project (hybrid work, fewer trips). */
  reachFactor: number;
}

export function studentTiming(student: MatchStudent): StudentTiming {
  const fromDay = student.availableFrom ? dayNumber(student.availableFrom) : null;
  return {
    hours: student.hoursPerWeek,
    fromDay,
    weeks: student.availableWeeks,
    slots: slotMask(student.availability),
    remote: student.remote,
    where: whereabouts(student.location),
    reachKm: reachKmOf(student),
  };
}

export function projectTiming(project: MatchProject): ProjectTiming {
  return {
    hours: project.hoursPerWeek,
    startDay: project.startDate ? dayNumber(project.startDate) : null,
    durationDays: Math.max(1, project.durationWeeks) * 7,
    fixed: project.flexibility === 'fixed' && project.workTimes.length > 0,
    slots: slotMask(project.workTimes),
    workMode: project.workMode,
    where: whereabouts(project.location),
    location: project.location,
    reachFactor: reachFactor(project.workMode, project.onsiteDays),
  };
}

/** First free day: the later of their `availableFrom` and today. */
export function windowOpens(student: StudentTiming, today: number): number {
  return Math.max(student.fromDay ?? today, today);
}

/** First day no longer free. A window that opened in the past has been running since then. */
export function windowCloses(student: StudentTiming, today: number): number {
  return student.weeks === null ? Number.POSITIVE_INFINITY : (student.fromDay ?? today) + student.weeks * 7;
}

/** When the project would begin for this student: its date, or when they are free if it has none. */
export function projectStarts(student: StudentTiming, project: ProjectTiming, today: number): number {
  return project.startDay === null ? windowOpens(student, today) : Math.max(project.startDay, today);
}

export function projectEnds(student: StudentTiming, project: ProjectTiming, today: number): number {
  return projectStarts(student, project, today) + project.durationDays;
}

/** A hard constraint: `broken` is the fast check used on every pair, `describe` says why in words. */
interface Rule {
  broken(student: StudentTiming, project: ProjectTiming, today: number): boolean;
  describe(student: StudentTiming, project: ProjectTiming, today: number): string;
}

const workKind = (project: ProjectTiming) => (project.workMode === 'onsite' ? 'On-site' : 'Hybrid');

const RULES: readonly Rule[] = [
  {
    broken: (student, project) => project.hours > student.hours,
    describe: (student, project) => `Needs ${project.hours} h/week; the student has ${student.hours}`,
  },
  {
    broken: (student, project, today) =>
      projectStarts(student, project, today) >= windowCloses(student, today),
    describe: (student, project, today) =>
      `Starts ${isoDay(projectStarts(student, project, today))}, after the student's free weeks end (${isoDay(windowCloses(student, today) - 1)})`,
  },
  {
    broken: (student, project, today) => windowOpens(student, today) >= projectEnds(student, project, today),
    describe: (student, project, today) =>
      `Ends ${isoDay(projectEnds(student, project, today) - 1)}, before the student is free (${isoDay(windowOpens(student, today))})`,
  },
  {
    broken: (student, project, today) =>
      project.startDay === null &&
      windowCloses(student, today) - windowOpens(student, today) < project.durationDays,
    describe: (student, project, today) =>
      `Runs ${project.durationDays / 7} weeks; the student is free for ${Math.floor((windowCloses(student, today) - windowOpens(student, today)) / 7)}`,
  },
  {
    broken: (student, project) =>
      project.fixed && student.slots !== 0 && (project.slots & student.slots) === 0,
    describe: (_, project) =>
      `Works at fixed times (${slotNames(project.slots)}) when the student is not free`,
  },
  {
    broken: (student, project) => project.workMode !== 'remote' && student.remote === 'remote_only',
    describe: (_, project) => `${workKind(project)} work; the student only works remotely`,
  },
  {
    broken: (student, project) =>
      project.workMode !== 'remote' && student.remote !== 'remote_only' && !withinReach(student, project),
    describe: (student, project) => {
      const gap = gapBetween(student.where, project.where);
      const where = `${workKind(project)} in ${project.location ?? ''}`;
      if (gap === null)
        return `${where}; the student ${student.where.key ? 'is elsewhere' : 'has not given a location'}`;
      return `${where}, about ${Math.round(gap)} km from the student, who travels up to ${Math.round(allowedKm(student, project))} km for it`;
    },
  },
];

/** The furthest the student goes for this project: their reach, stretched for hybrid work. */
export function allowedKm(student: StudentTiming, project: ProjectTiming): number {
  return student.reachKm * project.reachFactor;
}

/** The project's place is one the student can get to (true when it gives none: nothing to check). */
export function withinReach(student: StudentTiming, project: ProjectTiming): boolean {
  if (project.where.key === null) return true;
  if (student.where.key === null) return project.workMode === 'hybrid' && student.remote === 'any';
  const gap = gapBetween(student.where, project.where);
  if (gap !== null) return gap <= allowedKm(student, project);
  return samePlace(student.where.key, project.where.key);
}

/** The hard constraints a pair breaks, in words. */
export function constraintViolations(
  student: StudentTiming,
  project: ProjectTiming,
  today: number,
): string[] {
  return RULES.filter((rule) => rule.broken(student, project, today)).map((rule) =>
    rule.describe(student, project, today),
  );
}

/** The fast check made for every pair while ranking: no allocation, stops at the first broken rule. */
export function passesHardConstraints(
  student: StudentTiming,
  project: ProjectTiming,
  today: number,
): boolean {
  for (let index = 0; index < RULES.length; index += 1)
    if (RULES[index]?.broken(student, project, today)) return false;
  return true;
}

/** Why a student cannot take a project, in words; empty when nothing rules it out. */
export function hardConstraintViolations(
  student: MatchStudent,
  project: MatchProject,
  options: { today?: string } = {},
): string[] {
  const today = options.today ? dayNumber(options.today) : todayNumber();
  return constraintViolations(studentTiming(student), projectTiming(project), today);
}

export interface AvailabilityFit {
  /** 0–1. */
  score: number;
  hoursFit: number;
  /** Share of the project's days inside the student's free window. */
  weeksFit: number;
  timesFit: number;
  placeFit: number;
}

/** Up to 85% of their hours leaves slack; using every hour they offered is fine, a little less so. */
export function hoursFitOf(student: StudentTiming, project: ProjectTiming): number {
  const ratio = student.hours > 0 ? project.hours / student.hours : 1;
  return ratio <= 0.85 ? 1 : Math.max(0.9, 1 - ((ratio - 0.85) / 0.15) * 0.1);
}

/** Share of the project's days inside the student's free window. */
export function weeksFitOf(student: StudentTiming, project: ProjectTiming, today: number): number {
  const start = projectStarts(student, project, today);
  const end = start + project.durationDays;
  const covered = Math.max(
    0,
    Math.min(end, windowCloses(student, today)) - Math.max(start, windowOpens(student, today)),
  );
  return Math.min(1, covered / (end - start));
}

export function timesFitOf(student: StudentTiming, project: ProjectTiming): number {
  if (project.slots !== 0 && student.slots !== 0) {
    const shared = countSlots(project.slots & student.slots) / countSlots(project.slots);
    return project.fixed ? shared : 0.7 + 0.3 * shared;
  }
  return project.fixed && student.slots === 0 ? 0.9 : 1;
}

/** 1 on the doorstep, falling to 0.6 at the edge of reach; 0.7 when the project gives no place. */
export function placeFitOf(student: StudentTiming, project: ProjectTiming): number {
  if (project.workMode === 'remote') return 1;
  if (!project.where.key) return 0.7;
  const gap = gapBetween(student.where, project.where);
  if (gap !== null) return 1 - 0.4 * Math.min(1, gap / Math.max(1, allowedKm(student, project)));
  return samePlace(student.where.key, project.where.key) ? 1 : 0.6;
}

/**
 * How comfortably a pair that passes the hard constraints fits: hours with some slack to spare (0.4),
 * the whole project inside the free weeks (0.3), the work times the student prefers (0.15), no long
 * trip (0.15).
 */
export function availabilityScore(student: StudentTiming, project: ProjectTiming, today: number): number {
  return (
    0.4 * hoursFitOf(student, project) +
    0.3 * weeksFitOf(student, project, today) +
    0.15 * timesFitOf(student, project) +
    0.15 * placeFitOf(student, project)
  );
}

export function availabilityFit(
  student: StudentTiming,
  project: ProjectTiming,
  today: number,
): AvailabilityFit {
  return {
    score: availabilityScore(student, project, today),
    hoursFit: hoursFitOf(student, project),
    weeksFit: weeksFitOf(student, project, today),
    timesFit: timesFitOf(student, project),
    placeFit: placeFitOf(student, project),
  };
}

function countSlots(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
