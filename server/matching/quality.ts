import { UNDER_SERVED_SECTORS } from '../../shared/marketplace.ts';
import { skillName } from '../../shared/taxonomy/index.ts';
import { hardConstraintViolations } from './availability.ts';
import { TermStats, bm25, weighQuery } from './bm25.ts';
import { exposureConcentration, underServedShare, type ExposureReport } from './fairness.ts';
import type { MatchIndex } from './index.ts';
import type { MatchProject, MatchStudent } from './types.ts';

/**
 * Measuring match quality against graded judgements (0–3): nDCG@k and precision@k (grade ≥ 2 is
 * relevant), the same for a plain keyword baseline, hard-constraint violations in the top k, and
 * the fairness effects. Used by `scripts/eval-match.ts` and the quality test.
 */

export interface Judgement {
  studentId: string;
  projectId: string;
  grade: number;
  reason: string;
}

export interface Programme {
  today: string;
  students: MatchStudent[];
  projects: MatchProject[];
  judgements: Judgement[];
}

export interface QualityFigures {
  ndcg: number;
  precision: number;
  /** Top-k entries that break a hard constraint. */
  violations: number;
  /** Students with at least one relevant project: the ones the means are over. */
  students: number;
}

type Ranker = (student: MatchStudent) => string[];

function gradesOf(judgements: readonly Judgement[]): Map<string, Map<string, number>> {
  const grades = new Map<string, Map<string, number>>();
  for (const { studentId, projectId, grade } of judgements) {
    const forStudent = grades.get(studentId) ?? new Map<string, number>();
    forStudent.set(projectId, grade);
    grades.set(studentId, forStudent);
  }
  return grades;
}

export function ndcgAt(ranked: readonly string[], grades: ReadonlyMap<string, number>, k: number): number {
  const gain = (grade: number, position: number) => (2 ** grade - 1) / Math.log2(position + 2);
  const dcg = ranked.slice(0, k).reduce((sum, id, position) => sum + gain(grades.get(id) ?? 0, position), 0);
  const ideal = [...grades.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, position) => sum + gain(grade, position), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function precisionAt(
  ranked: readonly string[],
  grades: ReadonlyMap<string, number>,
  k: number,
): number {
  return ranked.slice(0, k).filter((id) => (grades.get(id) ?? 0) >= 2).length / k;
}

export function evaluate(programme: Programme, rank: Ranker, k = 5): QualityFigures {
  const grades = gradesOf(programme.judgements);
  const projects = new Map(programme.projects.map((project) => [project.id, project]));
  let ndcg = 0;
  let precision = 0;
  let violations = 0;
  let students = 0;
  for (const student of programme.students) {
    const ranked = rank(student).slice(0, k);
    for (const id of ranked) {
      const project = projects.get(id);
      if (project && hardConstraintViolations(student, project, { today: programme.today }).length > 0)
        violations += 1;
    }
    const own = grades.get(student.id) ?? new Map<string, number>();
    if (![...own.values()].some((grade) => grade >= 2)) continue;
    students += 1;
    ndcg += ndcgAt(ranked, own, k);
    precision += precisionAt(ranked, own, k);
  }
  return {
    ndcg: students ? ndcg / students : 0,
    precision: students ? precision / students : 0,
    violations,
    students,
  };
}

/** Our matcher, as the product would call it. */
export function matcherRanker(index: MatchIndex, options: { underServed?: boolean } = {}): Ranker {
  return (student) =>
    index
      .rankProjectsForStudent(student.id, {
        limit: 10,
        ...(options.underServed === false ? { underServed: false } : {}),
      })
      .items.map((item) => item.id);
}

// A keyword search as anyone would first write it: lower-case words, common words dropped.
const STOP = new Set(
  'a an and are as at be by for from has have i in is it its me my of on or our so that the their this to we will with you your who what want would like can do any'.split(
    ' ',
  ),
);
const words = (text: string) =>
  (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((word) => !STOP.has(word) && word.length > 1);

function counts(list: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const word of list) map.set(word, (map.get(word) ?? 0) + 1);
  return map;
}

/** The baseline: BM25 of the whole profile's raw text against each project's whole raw text. */
export function keywordRanker(projects: readonly MatchProject[]): Ranker {
  const name = (id: string) => skillName(id);
  const docs = projects.map((project) => {
    const list = words(
      [
        project.title,
        project.summary,
        ...project.deliverables,
        ...project.skills.map((skill) => name(skill.skillId)),
        project.orgName,
        project.location ?? '',
      ].join(' '),
    );
    return { id: project.id, terms: counts(list), length: list.length };
  });
  const stats = new TermStats();
  for (const doc of docs) stats.add(doc);
  return (student) => {
    const text = [
      student.headline,
      student.goals,
      student.interests,
      ...student.skills.map((skill) => name(skill.skillId)),
      student.location ?? '',
    ].join(' ');
    const query = weighQuery([...new Set(words(text))], stats);
    return docs
      .map((doc) => ({ id: doc.id, score: bm25(query, doc, stats.averageLength) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .map((doc) => doc.id);
  };
}

export interface FairnessFigures {
  students: { before: ExposureReport; after: ExposureReport };
  underServed: { before: ReturnType<typeof underServedShare>; after: ReturnType<typeof underServedShare> };
}

/**
 * Each project's top-k students, in turn, with and without the exposure discount (counts carried
 * from one project's list to the next, as a live programme would); and each student's top-k
 * projects with and without the under-served rule. `population` is everyone who could be shown
 * (all students in the index, when `programme` is a sample).
 */
export function measureFairness(
  index: MatchIndex,
  programme: Pick<Programme, 'students' | 'projects'>,
  k = 5,
  population: readonly string[] = programme.students.map((student) => student.id),
): FairnessFigures {
  const plain: string[][] = [];
  const fair: string[][] = [];
  const shown = new Map<string, number>();
  for (const project of programme.projects) {
    plain.push(index.rankStudentsForProject(project.id, { limit: k }).items.map((item) => item.id));
    const list = index
      .rankStudentsForProject(project.id, { limit: k, exposure: shown })
      .items.map((item) => item.id);
    for (const id of list) shown.set(id, (shown.get(id) ?? 0) + 1);
    fair.push(list);
  }
  const underServed = (id: string) => UNDER_SERVED_SECTORS.includes(index.getProject(id)?.sector ?? 'other');
  const listsFor = (on: boolean) =>
    programme.students.map((student) =>
      index
        .rankProjectsForStudent(student.id, { limit: k, underServed: on ? {} : false })
        .items.map((item) => item.id),
    );
  return {
    students: {
      before: exposureConcentration(plain, population, k),
      after: exposureConcentration(fair, population, k),
    },
    underServed: {
      before: underServedShare(listsFor(false), underServed, k),
      after: underServedShare(listsFor(true), underServed, k),
    },
  };
}
