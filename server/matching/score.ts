import {
  availabilityFit,
  availabilityScore,
  passesHardConstraints,
  type AvailabilityFit,
} from './availability.ts';
import { relevance, type TermStats } from './bm25.ts';
import { goalsFit, goalsScore, type GoalSide, type GoalsFit } from './goals.ts';
import { queryOf, type PreparedProject, type PreparedStudent } from './prepare.ts';
import {
  MISSING_ESSENTIAL_FACTOR,
  lacksEssential,
  missingEssentials,
  skillsScore,
  type Coverage,
} from './skills.ts';
import { weighRequirements, type SkillFrequency } from './specificity.ts';
import type { MatchParts, MatchWeights } from './types.ts';

/**
 * The score of a pair, 0–100: the weighted sum of the three parts (each 0–1), times 0.5 when an
 * essential skill is missing. Pairs that break a hard constraint get no score at all.
 */

export interface ScoreContext {
  today: number;
  weights: MatchWeights;
  stats: TermStats;
  skills: SkillFrequency;
}

export interface PairDetail {
  score: number;
  parts: MatchParts;
  coverage: Coverage[];
  availability: AvailabilityFit;
  goals: GoalsFit;
  /** Essential skills (a language at level 2+) the student lacks. */
  missingEssential: string[];
}

/**
 * The hot path, run for every candidate: a number, no allocation. The caller has checked the hard
 * constraints and worked out the text relevance (0–1) in bulk.
 */
export function quickScore(
  student: PreparedStudent,
  project: PreparedProject,
  context: ScoreContext,
  rel: number,
): number {
  weighRequirements(project, context.skills);
  const skills = skillsScore(student, project.requirements);
  const availability = availabilityScore(student.timing, project.timing, context.today);
  const goals = goalsScore(goalSide(student, context), project, rel);
  return combine(skills, availability, goals, context.weights, essentialFactor(student, project));
}

/** Everything the explanations need, for the few results shown. */
export function detailPair(
  student: PreparedStudent,
  project: PreparedProject,
  context: ScoreContext,
  rel?: number,
): PairDetail {
  const side = goalSide(student, context);
  weighRequirements(project, context.skills);
  const coverage: Coverage[] = [];
  const skills = skillsScore(student, project.requirements, coverage);
  const availability = availabilityFit(student.timing, project.timing, context.today);
  const goals = goalsFit(
    side,
    project,
    rel ?? relevance(side.query, project.doc, context.stats.averageLength),
  );
  return {
    score: combine(
      skills,
      availability.score,
      goals.score,
      context.weights,
      essentialFactor(student, project),
    ),
    parts: { skills, availability: availability.score, goals: goals.score },
    coverage,
    availability,
    goals,
    missingEssential: project.hasEssentials ? missingEssentials(student, project.requirements) : [],
  };
}

/** The pair's detail, or null when a hard constraint rules it out. */
export function scorePair(
  student: PreparedStudent,
  project: PreparedProject,
  context: ScoreContext,
): PairDetail | null {
  return passesHardConstraints(student.timing, project.timing, context.today)
    ? detailPair(student, project, context)
    : null;
}

function goalSide(student: PreparedStudent, context: ScoreContext): GoalSide {
  student.goalSide.query = queryOf(student, context.stats);
  return student.goalSide;
}

function essentialFactor(student: PreparedStudent, project: PreparedProject): number {
  return project.hasEssentials && lacksEssential(student, project.requirements)
    ? MISSING_ESSENTIAL_FACTOR
    : 1;
}

/** 0–100, one decimal. */
export function combine(
  skills: number,
  availability: number,
  goals: number,
  weights: MatchWeights,
  factor = 1,
): number {
  const raw = weights.skills * skills + weights.availability * availability + weights.goals * goals;
  return Math.round(raw * factor * 1000) / 10;
}
