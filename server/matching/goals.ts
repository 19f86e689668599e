import type { TermDocument, WeightedQuery } from './bm25.ts';
import { countBits } from './themes.ts';

/**
 * The goals part: does the project move the student where they want to go? Three signals, because
 * each alone misleads: BM25 relevance of the student's goals and interests to the project's words
 * (0.45), shared themes such as marketing or the environment (0.35; themes of the goals count fully,
 * those only in the headline or interests half), and the sector being one the
 * student picked (0.20). What a student leaves blank scores as neutral, not as a mismatch.
 */

export const GOAL_WEIGHTS = { relevance: 0.45, themes: 0.35, sector: 0.2 };
const NEUTRAL = { relevance: 0.3, themes: 0.3, sector: 0.5 };
/** Themes of the headline and interests count half as much as those of the goals. */
export const SIDE_THEME_WEIGHT = 0.5;

export interface GoalSide {
  query: WeightedQuery;
  themes: number;
  /** Themes from the headline and interests only; they count half. */
  sideThemes: number;
  sectors: number;
}

export interface ProjectSide {
  doc: TermDocument;
  themes: number;
  sectorBit: number;
}

export interface GoalsFit {
  score: number;
  relevance: number;
  themeFit: number;
  sectorFit: number;
  sharedThemes: number;
}

// Two shared themes are a full match: nobody's goals name every theme a project touches.
export function themeFitOf(student: GoalSide, project: ProjectSide): number {
  const wanted = countBits(student.themes) + SIDE_THEME_WEIGHT * countBits(student.sideThemes);
  if (wanted === 0) return NEUTRAL.themes;
  const shared =
    countBits(student.themes & project.themes) +
    SIDE_THEME_WEIGHT * countBits(student.sideThemes & project.themes);
  return Math.min(1, shared / Math.min(2, wanted));
}

export function sectorFitOf(student: GoalSide, project: ProjectSide): number {
  if (student.sectors === 0) return NEUTRAL.sector;
  return (student.sectors & project.sectorBit) !== 0 ? 1 : 0;
}

/** The goals part from a relevance already worked out (0–1); blank goals count as neutral. */
export function goalsScore(student: GoalSide, project: ProjectSide, rel: number): number {
  const relevanceFit = student.query.terms.length === 0 ? NEUTRAL.relevance : rel;
  return (
    GOAL_WEIGHTS.relevance * relevanceFit +
    GOAL_WEIGHTS.themes * themeFitOf(student, project) +
    GOAL_WEIGHTS.sector * sectorFitOf(student, project)
  );
}

export function goalsFit(student: GoalSide, project: ProjectSide, rel: number): GoalsFit {
  return {
    score: goalsScore(student, project, rel),
    relevance: rel,
    themeFit: themeFitOf(student, project),
    sectorFit: sectorFitOf(student, project),
    sharedThemes: (student.themes | student.sideThemes) & project.themes,
  };
}
