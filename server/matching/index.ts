import { UNDER_SERVED_SECTORS } from '../../shared/marketplace.ts';
import { constraintViolations, dayNumber, passesHardConstraints, todayNumber } from './availability.ts';
import { TermDictionary, TermScratch, TermStats, squash, termWeight } from './bm25.ts';
import { explainPair } from './explain.ts';
import {
  DEFAULT_EXPOSURE,
  DEFAULT_UNDER_SERVED,
  ensureUnderServed,
  rerankByExposure,
  type ExposureOptions,
  type UnderServedOptions,
} from './fairness.ts';
import {
  prepareProject,
  prepareStudent,
  queryOf,
  type PreparedProject,
  type PreparedStudent,
} from './prepare.ts';
import { detailPair, quickScore, type ScoreContext } from './score.ts';
import { SkillFrequency } from './specificity.ts';
import { TopList } from './top-list.ts';
import { loadTextReader, type TextReader } from './text.ts';
import {
  DEFAULT_WEIGHTS,
  type Audience,
  type MatchProject,
  type MatchRanking,
  type MatchResult,
  type MatchStudent,
  type MatchWeights,
} from './types.ts';

// What the rest of the server needs from matching, in one place.
export { hardConstraintViolations } from './availability.ts';
export { extractSkills, extractThemes, loadTextReader } from './text.ts';
export { exposureConcentration, underServedShare, gini } from './fairness.ts';
export * from './types.ts';

export interface MatchIndexOptions {
  /** Today as YYYY-MM-DD (tests and the eval pin it); defaults to the real date. */
  today?: () => string;
  weights?: MatchWeights;
  exposure?: ExposureOptions;
}

interface RankOptions {
  limit?: number;
  /** How often each candidate has been shown recently (id → count); lowers the often-shown a little. */
  exposure?: ReadonlyMap<string, number>;
}

export interface ProjectRankOptions extends RankOptions {
  /** Keep some under-served sectors in the top k when they fit; on by default. */
  underServed?: false | Partial<UnderServedOptions>;
}

export interface StudentRankOptions extends RankOptions {
  /** Only rank these students (e.g. the applicants). */
  candidateIds?: Iterable<string>;
}

export class NotInIndexError extends Error {
  readonly code = 'not_in_index';
}

/** Room kept beyond `limit` so re-ranking for fairness has candidates to move up. */
const FAIRNESS_POOL = 20;
const UNDER_SERVED_SET = new Set<string>(UNDER_SERVED_SECTORS);

/**
 * Prepared projects and students in memory, ready to rank either way. Adding or updating one reads
 * its text once; ranking only compares numbers and small maps. Create it with `MatchIndex.create()`,
 * which loads the text reader.
 */
export class MatchIndex {
  private readonly projects = new Map<string, PreparedProject>();
  private readonly students = new Map<string, PreparedStudent>();
  private readonly stats = new TermStats();
  private readonly skillFrequency = new SkillFrequency();
  private readonly dictionary = new TermDictionary();
  private readonly scratch = new TermScratch();
  private readonly weights: MatchWeights;
  private readonly exposureOptions: ExposureOptions;

  static async create(options: MatchIndexOptions = {}): Promise<MatchIndex> {
    return new MatchIndex(await loadTextReader(), options);
  }

  constructor(
    private readonly reader: TextReader,
    private readonly options: MatchIndexOptions = {},
  ) {
    this.weights = options.weights ?? DEFAULT_WEIGHTS;
    this.exposureOptions = options.exposure ?? DEFAULT_EXPOSURE;
  }

  get projectCount(): number {
    return this.projects.size;
  }

  get studentCount(): number {
    return this.students.size;
  }

  /** The project as last added, if it is in the index. */
  getProject(id: string): MatchProject | undefined {
    return this.projects.get(id)?.project;
  }

  upsertProject(project: MatchProject): void {
    this.removeProject(project.id);
    const prepared = prepareProject(this.reader, this.dictionary, project);
    this.projects.set(project.id, prepared);
    this.stats.add(prepared.doc);
    this.skillFrequency.add(prepared.requirements);
  }

  removeProject(id: string): boolean {
    const prepared = this.projects.get(id);
    if (!prepared) return false;
    this.stats.remove(prepared.doc);
    this.skillFrequency.remove(prepared.requirements);
    return this.projects.delete(id);
  }

  upsertStudent(student: MatchStudent): void {
    this.students.set(student.id, prepareStudent(this.reader, this.dictionary, student));
  }

  removeStudent(id: string): boolean {
    return this.students.delete(id);
  }

  /** Projects for a student, best first; projects the student cannot take are left out and counted. */
  rankProjectsForStudent(studentOrId: string | MatchStudent, options: ProjectRankOptions = {}): MatchRanking {
    const student = this.studentFor(studentOrId);
    const context = this.context();
    const limit = options.limit ?? 20;
    const fair = options.underServed !== false;
    const underServed: UnderServedOptions = { ...DEFAULT_UNDER_SERVED, ...(options.underServed || {}) };
    const top = new TopList<Candidate>(limit + (fair || options.exposure ? FAIRNESS_POOL : 0));
    const bestUnderServed = new TopList<Candidate>(fair ? underServed.minCount : 0);
    const average = this.stats.averageLength;
    const query = queryOf(student, this.stats);
    // The student's IDFs go into a dense array once; each project then adds up its own terms.
    const idf = this.scratch.load(query.ids, (index) => query.idf[index] ?? 0, this.dictionary.size);
    let excluded = 0;
    for (const project of this.projects.values()) {
      if (!passesHardConstraints(student.timing, project.timing, context.today)) {
        excluded += 1;
        continue;
      }
      const { ids, counts, length } = project.vector;
      let raw = 0;
      for (let index = 0; index < ids.length; index += 1) {
        const weight = idf[ids[index] ?? 0] ?? 0;
        if (weight !== 0) raw += weight * termWeight(counts[index] ?? 0, length, average);
      }
      const rel = squash(raw, query);
      const score = quickScore(student, project, context, rel);
      const id = project.project.id;
      if (top.admits(score)) top.add(score, id, { id, score, rel, project, student });
      if (fair && UNDER_SERVED_SET.has(project.project.sector))
        bestUnderServed.add(score, id, { id, score, rel, project, student });
    }
    this.scratch.clear(query.ids);
    let ranked = top.values();
    if (options.exposure) ranked = rerankByExposure(ranked, options.exposure, this.exposureOptions);
    if (fair)
      ranked = ensureUnderServed(
        ranked,
        (item) => UNDER_SERVED_SET.has(item.project.project.sector),
        bestUnderServed.values(),
        underServed,
      );
    const items = ranked.slice(0, limit).map((item) => this.result(item, context, 'student'));
    return { items, excluded, considered: this.projects.size };
  }

  /** Students for a project, best first; students who cannot take it are left out and counted. */
  rankStudentsForProject(projectOrId: string | MatchProject, options: StudentRankOptions = {}): MatchRanking {
    const project = this.projectFor(projectOrId);
    const context = this.context();
    const limit = options.limit ?? 20;
    const top = new TopList<Candidate>(limit + (options.exposure ? FAIRNESS_POOL : 0));
    const average = this.stats.averageLength;
    // The project's term weights go into a dense array once; each student then adds up their query.
    const { ids, counts, length } = project.vector;
    const weights = this.scratch.load(
      ids,
      (index) => termWeight(counts[index] ?? 0, length, average),
      this.dictionary.size,
    );
    let excluded = 0;
    let considered = 0;
    const candidates = options.candidateIds ? this.picked(options.candidateIds) : this.students.values();
    for (const student of candidates) {
      considered += 1;
      if (!passesHardConstraints(student.timing, project.timing, context.today)) {
        excluded += 1;
        continue;
      }
      const query = queryOf(student, this.stats);
      let raw = 0;
      for (let index = 0; index < query.ids.length; index += 1)
        raw += (query.idf[index] ?? 0) * (weights[query.ids[index] ?? 0] ?? 0);
      const rel = squash(raw, query);
      const score = quickScore(student, project, context, rel);
      if (top.admits(score))
        top.add(score, student.student.id, { id: student.student.id, score, rel, project, student });
    }
    this.scratch.clear(ids);
    let ranked = top.values();
    if (options.exposure) ranked = rerankByExposure(ranked, options.exposure, this.exposureOptions);
    const items = ranked.slice(0, limit).map((item) => this.result(item, context, 'business'));
    return { items, excluded, considered };
  }

  /** One pair, explained for either reader; null with the reasons when a hard constraint rules it out. */
  matchPair(
    studentOrId: string | MatchStudent,
    projectOrId: string | MatchProject,
    audience: Audience = 'student',
  ): { result: MatchResult | null; violations: string[] } {
    const student = this.studentFor(studentOrId);
    const project = this.projectFor(projectOrId);
    const context = this.context();
    if (!passesHardConstraints(student.timing, project.timing, context.today)) {
      return {
        result: null,
        violations: constraintViolations(student.timing, project.timing, context.today),
      };
    }
    const id = audience === 'student' ? project.project.id : student.student.id;
    return { result: this.result({ id, student, project }, context, audience), violations: [] };
  }

  private result(
    item: { id: string; student: PreparedStudent; project: PreparedProject; rel?: number },
    context: ScoreContext,
    audience: Audience,
  ): MatchResult {
    const detail = detailPair(item.student, item.project, context, item.rel);
    const { reasons, improve } = explainPair(item.student, item.project, detail, context, audience);
    return { id: item.id, score: detail.score, parts: roundParts(detail.parts), reasons, improve };
  }

  private *picked(ids: Iterable<string>): Iterable<PreparedStudent> {
    for (const id of ids) {
      const student = this.students.get(id);
      if (student) yield student;
    }
  }

  /** An id must be in the index; a profile passed whole is used as given (prepared now unless it is the indexed one). */
  private studentFor(studentOrId: string | MatchStudent): PreparedStudent {
    if (typeof studentOrId !== 'string') {
      const indexed = this.students.get(studentOrId.id);
      return indexed?.student === studentOrId
        ? indexed
        : prepareStudent(this.reader, this.dictionary, studentOrId);
    }
    const student = this.students.get(studentOrId);
    if (!student) throw new NotInIndexError(`Student ${studentOrId} is not in the match index`);
    return student;
  }

  private projectFor(projectOrId: string | MatchProject): PreparedProject {
    if (typeof projectOrId !== 'string') {
      const indexed = this.projects.get(projectOrId.id);
      return indexed?.project === projectOrId
        ? indexed
        : prepareProject(this.reader, this.dictionary, projectOrId);
    }
    const project = this.projects.get(projectOrId);
    if (!project) throw new NotInIndexError(`Project ${projectOrId} is not in the match index`);
    return project;
  }

  private context(): ScoreContext {
    const today = this.options.today ? dayNumber(this.options.today()) : todayNumber();
    return { today, weights: this.weights, stats: this.stats, skills: this.skillFrequency };
  }
}

interface Candidate {
  id: string;
  score: number;
  /** Text relevance from the ranking pass, reused so the explained score is the ranked one. */
  rel: number;
  project: PreparedProject;
  student: PreparedStudent;
}

function roundParts(parts: MatchResult['parts']): MatchResult['parts'] {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { skills: round(parts.skills), availability: round(parts.availability), goals: round(parts.goals) };
}
