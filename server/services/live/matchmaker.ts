import { and, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { applications } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import { MatchIndex, type MatchResult, type MatchStudent } from '../../matching/index.ts';
import type { Project, SkillNeed } from '../../../shared/schemas/marketplace-views.ts';
import { AppError } from '../../errors.ts';
import { loadAnyMatchProject, loadMatchProjects, loadMatchStudents } from './match-data.ts';
import { loadProjectViews } from '../marketplace/projects.ts';
import { toSkillNeeds } from '../marketplace/skills.ts';

/** How long a student being shown to a business counts towards fair exposure. */
const EXPOSURE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface MatchedStudent {
  id: string;
  name: string;
  headline: string;
  skills: SkillNeed[];
  hoursPerWeek: number;
  location: string | null;
}

const explained = (result: MatchResult) => ({
  score: result.score,
  parts: result.parts,
  reasons: result.reasons,
  improve: result.improve,
});

/**
 * Keeps the in-memory match index of this process in step with the database: built on first use,
 * then updated when a project or profile changes (announced on the event bus), so ranking never
 * re-reads text. Exposure — how often each student was suggested to businesses this week — feeds
 * the fair re-ranking.
 */
export class Matchmaker {
  private index: Promise<MatchIndex> | null = null;
  private readonly shown = new Map<string, number[]>();

  constructor(
    private readonly db: Db,
    private readonly events: DomainEventBus,
    private readonly logger: Logger,
  ) {
    events.on('project:changed', ({ projectId }) => void this.refreshProject(projectId));
    events.on('profile:changed', ({ userId }) => void this.refreshStudent(userId));
    // Announced rather than counted directly, so every process's counts agree.
    events.on('matches:shown', ({ studentIds, at }) => this.countShown(studentIds, at));
  }

  private ready(): Promise<MatchIndex> {
    this.index ??= (async () => {
      const index = await MatchIndex.create();
      const [projects, students] = await Promise.all([
        loadMatchProjects(this.db),
        loadMatchStudents(this.db),
      ]);
      for (const project of projects) index.upsertProject(project);
      for (const student of students) index.upsertStudent(student);
      return index;
    })();
    this.index.catch(() => (this.index = null));
    return this.index;
  }

  /**
   * Starts building the index now (at start-up, in the background). Rankings asked for before it is
   * ready wait for this same build, never start a second one, and are then answered in full.
   */
  warm(): void {
    this.ready().catch((error: unknown) =>
      this.logger.error({ err: error }, 'building the match index failed'),
    );
  }

  /**
   * Forgets the index so the next ranking rebuilds it from the database: after the bus was away,
   * changes other processes announced meanwhile may have been missed.
   */
  invalidate(): void {
    this.index = null;
  }

  private async refreshProject(projectId: string): Promise<void> {
    if (!this.index) return;
    try {
      const index = await this.index;
      const [project] = await loadMatchProjects(this.db, [projectId]);
      if (project) index.upsertProject(project);
      else index.removeProject(projectId);
    } catch (error) {
      this.logger.error({ err: error, projectId }, 'could not refresh a project in the match index');
    }
  }

  private async refreshStudent(userId: string): Promise<void> {
    if (!this.index) return;
    try {
      const index = await this.index;
      const [student] = await loadMatchStudents(this.db, [userId]);
      if (student) index.upsertStudent(student);
      else index.removeStudent(userId);
    } catch (error) {
      this.logger.error({ err: error, userId }, 'could not refresh a student in the match index');
    }
  }

  /** Projects recommended for a student, best first, each with reasons and what would raise it. */
  async projectsForStudent(userId: string, limit = 20) {
    const index = await this.ready();
    const [student] = await loadMatchStudents(this.db, [userId]);
    if (!student) {
      throw new AppError(
        409,
        'profile_incomplete',
        'Add your skills and the hours you have each week to your profile to see matches.',
      );
    }
    index.upsertStudent(student);
    const ranking = index.rankProjectsForStudent(student.id, { limit });
    const views = new Map(
      (
        await loadProjectViews(
          this.db,
          ranking.items.map((item) => item.id),
        )
      ).map((p) => [p.id, p]),
    );
    const items = ranking.items
      .filter((item) => views.has(item.id))
      .map((item) => ({ project: views.get(item.id) as Project, ...explained(item) }));
    return { items, next: null, excluded: ranking.excluded, considered: ranking.considered };
  }

  /**
   * For a project's supervisors (the caller has authorized `manageOrg`): every fitting student
   * ranked (applicants marked), the applicants alone, and a few students worth inviting who have
   * not applied yet.
   */
  async studentsForProject(projectId: string, limit = 20) {
    const index = await this.ready();
    const project = await loadAnyMatchProject(this.db, projectId);
    if (!project) throw new AppError(404, 'project_not_found', 'That project does not exist.');
    const applied = await this.db
      .select({ id: applications.id, studentId: applications.studentId, status: applications.status })
      .from(applications)
      .where(
        and(
          eq(applications.projectId, projectId),
          inArray(applications.status, ['submitted', 'shortlisted', 'accepted']),
        ),
      );
    const applicationOf = new Map(applied.map((row) => [row.studentId, row]));

    const exposure = this.exposure();
    const everyone = index.rankStudentsForProject(project, { limit, exposure });
    const applicants = index.rankStudentsForProject(project, {
      limit: Math.max(applied.length, 1),
      candidateIds: applicationOf.keys(),
    });
    const students = await this.studentViews([...everyone.items, ...applicants.items].map((item) => item.id));
    const view = (item: MatchResult) => ({
      student: students.get(item.id)!,
      ...explained(item),
      applied: applicationOf.has(item.id),
      applicationId: applicationOf.get(item.id)?.id ?? null,
    });
    const suggested = everyone.items.filter((item) => !applicationOf.has(item.id)).slice(0, 5);
    this.recordShown(suggested.map((item) => item.id));
    return {
      items: everyone.items.map(view),
      applicants: applicants.items.map(view),
      suggested: suggested.map(view),
      next: null,
      excluded: everyone.excluded,
      considered: everyone.considered,
    };
  }

  private async studentViews(ids: string[]): Promise<Map<string, MatchedStudent>> {
    const students = await loadMatchStudents(this.db, [...new Set(ids)]);
    return new Map(
      students.map((student: MatchStudent) => [
        student.id,
        {
          id: student.id,
          name: student.name,
          headline: student.headline,
          skills: toSkillNeeds(student.skills),
          hoursPerWeek: student.hoursPerWeek,
          location: student.location,
        },
      ]),
    );
  }

  private exposure(): Map<string, number> {
    const since = Date.now() - EXPOSURE_WINDOW_MS;
    const counts = new Map<string, number>();
    for (const [id, times] of this.shown) {
      const recent = times.filter((time) => time > since);
      if (recent.length === 0) this.shown.delete(id);
      else {
        this.shown.set(id, recent);
        counts.set(id, recent.length);
      }
    }
    return counts;
  }

  private recordShown(ids: string[]): void {
    if (ids.length > 0) this.events.emit('matches:shown', { studentIds: ids, at: Date.now() });
  }

  private countShown(ids: string[], at: number): void {
    for (const id of ids) this.shown.set(id, [...(this.shown.get(id) ?? []), at]);
  }
}
