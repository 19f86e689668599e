import { SECTOR_LABELS, SKILL_LEVEL_LABELS, SECTORS, type SkillLevel } from '../../shared/marketplace.ts';
import { skillName } from '../../shared/taxonomy/index.ts';
import { isoDay, projectStarts, slotNames, windowCloses } from './availability.ts';
import type { TermStats } from './bm25.ts';
import { gapBetween } from './location.ts';
import type { PreparedProject, PreparedStudent } from './prepare.ts';
import type { PairDetail } from './score.ts';
import type { Coverage } from './skills.ts';
import { themesOfBits } from './themes.ts';
import type { Audience } from './types.ts';

/**
 * Plain-English reasons for a score, and what would raise it. Written for whoever reads them: a
 * student ("Needs 8 h/week — you have 10") or the business ("Has 10 h/week; needs 8"). Every reason
 * comes from a number in the score, so an explanation never claims what the score did not count.
 */

export interface Explanation {
  reasons: string[];
  improve: string[];
}

const label = (skillId: string) => skillName(skillId);
const level = (value: SkillLevel | undefined) => SKILL_LEVEL_LABELS[value ?? 1];
const list = (items: string[]) => items.join(', ');
const MAX_IMPROVE = 3;

export function explainPair(
  student: PreparedStudent,
  project: PreparedProject,
  detail: PairDetail,
  context: { today: number; stats: TermStats },
  audience: Audience,
): Explanation {
  const forStudent = audience === 'student';
  const reasons: string[] = [];
  const improve: string[] = [];

  for (const skillId of detail.missingEssential) {
    reasons.push(
      forStudent
        ? `Needs ${label(skillId)}, which you don't list`
        : `Does not list ${label(skillId)}, which the work needs`,
    );
  }
  reasons.push(...skillReasons(project, detail.coverage, forStudent));
  improve.push(...skillImprovements(detail.coverage, forStudent));
  reasons.push(...goalReasons(student, project, detail, context.stats, forStudent));
  reasons.push(...timeReasons(student, project, detail, context.today, forStudent, improve));
  return { reasons, improve: improve.slice(0, MAX_IMPROVE) };
}

function skillReasons(project: PreparedProject, coverage: Coverage[], forStudent: boolean): string[] {
  const reasons: string[] = [];
  if (coverage.length === 0) return reasons;
  const held = coverage.filter((item) => item.kind === 'has' || item.kind === 'lower');
  const subject = forStudent ? 'You have' : 'Has';
  const noun = project.inferredSkills ? 'skills its description names' : 'skills';
  if (held.length > 0) {
    const count =
      held.length === coverage.length ? `all ${coverage.length}` : `${held.length} of ${coverage.length}`;
    reasons.push(
      `${subject} ${count} ${coverage.length === 1 ? noun.replace('skills', 'skill') : noun} (${list(held.map((item) => label(item.skillId)))})`,
    );
  }
  for (const item of coverage) {
    if (item.kind === 'lower') {
      reasons.push(
        forStudent
          ? `${label(item.skillId)}: you're ${level(item.have)}, it asks for ${level(item.need)}`
          : `${label(item.skillId)}: ${level(item.have)}, you asked for ${level(item.need)}`,
      );
    } else if (item.kind === 'related' && item.via) {
      reasons.push(`${label(item.via)} is related to the missing ${label(item.skillId)} skill`);
    } else if (item.kind === 'mentioned') {
      reasons.push(
        forStudent
          ? `You mention ${label(item.skillId)} in your profile`
          : `Mentions ${label(item.skillId)} in their profile`,
      );
    }
  }
  const stretch = coverage.find((item) => item.stretch && item.kind !== 'has');
  if (stretch) {
    reasons.push(
      forStudent
        ? `Lets you grow into ${label(stretch.skillId)}, as you wanted`
        : `Wants to grow into ${label(stretch.skillId)}`,
    );
  }
  return reasons;
}

function skillImprovements(coverage: Coverage[], forStudent: boolean): string[] {
  const improve: string[] = [];
  const gaps = coverage
    .filter((item) => item.kind === 'missing' || item.kind === 'related')
    .sort((a, b) => b.need - a.need);
  for (const gap of gaps.slice(0, 2)) {
    improve.push(
      forStudent
        ? `Adding ${label(gap.skillId)} would raise this match`
        : `Does not list ${label(gap.skillId)} yet`,
    );
  }
  const lower = coverage.find((item) => item.kind === 'lower');
  if (lower) {
    improve.push(
      forStudent
        ? `Reaching ${level(lower.need)} in ${label(lower.skillId)} would raise this match`
        : `Would need to grow ${label(lower.skillId)} from ${level(lower.have)} to ${level(lower.need)}`,
    );
  }
  const mentioned = coverage.find((item) => item.kind === 'mentioned');
  if (mentioned && forStudent)
    improve.push(`Listing ${label(mentioned.skillId)} in your skills would make this match clearer`);
  return improve;
}

function goalReasons(
  student: PreparedStudent,
  project: PreparedProject,
  detail: PairDetail,
  stats: TermStats,
  forStudent: boolean,
): string[] {
  const reasons: string[] = [];
  const themes = themesOfBits(detail.goals.sharedThemes).map((theme) => theme.label);
  if (themes.length > 0)
    reasons.push(`${forStudent ? 'Matches your goals' : 'Their goals match'}: ${list(themes.slice(0, 3))}`);
  const words = sharedWords(student, project, stats);
  if (words.length > 0)
    reasons.push(
      `${forStudent ? 'Your goals and interests mention' : 'Their goals and interests mention'} ${list(words)}`,
    );
  if (detail.goals.sectorFit === 1) {
    const sector = SECTORS.find((_, index) => (project.sectorBit & (1 << index)) !== 0);
    if (sector)
      reasons.push(
        forStudent
          ? `In a sector you picked: ${SECTOR_LABELS[sector]}`
          : `Interested in ${SECTOR_LABELS[sector].toLowerCase()} work`,
      );
  }
  return reasons;
}

/** The rarest words the student's goals share with the project, skills shown by name. */
function sharedWords(student: PreparedStudent, project: PreparedProject, stats: TermStats): string[] {
  const shared = student.terms.filter((term) => project.doc.terms.has(term));
  const named = new Set<string>();
  return shared
    .sort((a, b) => stats.idf(b) - stats.idf(a))
    .map((term) => (term.startsWith('skill:') ? label(term.slice(6)) : term))
    .filter((word) => {
      const key = word.toLowerCase();
      if (named.has(key)) return false;
      named.add(key);
      return true;
    })
    .slice(0, 3);
}

function timeReasons(
  student: PreparedStudent,
  project: PreparedProject,
  detail: PairDetail,
  today: number,
  forStudent: boolean,
  improve: string[],
): string[] {
  const reasons: string[] = [];
  const need = project.timing.hours;
  const have = student.timing.hours;
  reasons.push(forStudent ? `Needs ${need} h/week — you have ${have}` : `Has ${have} h/week; needs ${need}`);

  const weeks = project.project.durationWeeks;
  const dated =
    project.timing.startDay !== null || student.timing.fromDay !== null || student.timing.weeks !== null;
  if (dated) {
    const start = projectStarts(student.timing, project.timing, today);
    const covered = Math.floor(detail.availability.weeksFit * weeks + 1e-9);
    if (detail.availability.weeksFit >= 0.999) {
      const flexible = project.timing.startDay === null;
      reasons.push(
        forStudent
          ? `Runs ${weeks} weeks from ${isoDay(start)}${flexible ? ' (flexible start)' : ''}, within your free weeks`
          : `Free for the whole ${weeks} weeks from ${isoDay(start)}${flexible ? ' (flexible start)' : ''}`,
      );
    } else {
      reasons.push(
        forStudent
          ? `Your free weeks cover ${covered} of its ${weeks} weeks`
          : `Free for ${covered} of the ${weeks} weeks`,
      );
      const until = windowCloses(student.timing, today);
      if (Number.isFinite(until))
        improve.push(
          forStudent
            ? `Being free for ${weeks - covered} more weeks would cover the whole project`
            : `Starting by ${isoDay(until - weeks * 7)} would fit their free weeks`,
        );
    }
  }

  if (project.timing.fixed) {
    const slots = slotNames(project.timing.slots & (student.timing.slots || project.timing.slots));
    reasons.push(
      forStudent ? `Work happens ${slots} — a time you're free` : `Free ${slots}, when the work happens`,
    );
  }

  const where = project.project.location;
  if (project.timing.workMode === 'remote') reasons.push('Remote');
  else if (!where)
    reasons.push(`${project.timing.workMode === 'onsite' ? 'On-site' : 'Hybrid'} (location not given)`);
  else {
    const gap = gapBetween(student.timing.where, project.timing.where);
    const days = project.timing.workMode === 'hybrid' ? hybridDays(project) : '';
    if (detail.availability.placeFit === 1 || (gap !== null && gap < 1))
      reasons.push(
        forStudent ? `${modeLabel(project)}${days} in ${where}, where you are` : `Based near ${where}`,
      );
    else if (gap !== null)
      reasons.push(
        forStudent
          ? `${modeLabel(project)}${days} in ${where}, about ${Math.round(gap)} km from you`
          : `${modeLabel(project)}${days}: about ${Math.round(gap)} km to travel to ${where}`,
      );
    else reasons.push(forStudent ? `${modeLabel(project)}${days} in ${where}` : `Would travel to ${where}`);
  }
  return reasons;
}

const hybridDays = (project: PreparedProject) => {
  const days = project.project.onsiteDays;
  return days ? ` (${days} day${days === 1 ? '' : 's'} a week on site)` : '';
};

const modeLabel = (project: PreparedProject) => (project.timing.workMode === 'onsite' ? 'On-site' : 'Hybrid');
