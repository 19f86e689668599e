import type { z } from 'zod';
import { MAX_WEEKS, type ScheduleFlexibility, type TimeSlot, type WorkMode } from '$shared/marketplace.ts';
import type { Project, ProjectTemplate } from '$shared/schemas/marketplace-views.ts';
import type { scopeProjectInput, updateProjectInput } from '$shared/schemas/marketplace.ts';
import type { FieldErrors } from '$lib/form-errors.ts';
import { milestoneRow, skillRow, type MilestoneRow, type SkillRow } from '../rows.ts';
import { recogniseSkill } from '../skill-search.ts';

export type ProjectFields = z.input<typeof updateProjectInput>;
export type ScopeInput = z.input<typeof scopeProjectInput>;

const lines = (items: string[]) => items.map((item) => item.trim()).filter((item) => item.length > 0);
const clamp = (value: number | null, min: number, max: number) =>
  value === null ? null : Math.min(max, Math.max(min, Math.trunc(value)));

/** A template names skills as people say them; show the taxonomy's label when it knows the name. */
const skillName = (name: string) => recogniseSkill(name)?.label ?? name;

/** The project form's state: every field as the person is editing it, blank rows and all. */
export class ProjectDraft {
  title = $state('');
  summary = $state('');
  goals = $state<string[]>([]);
  deliverables = $state<string[]>([]);
  milestones = $state<MilestoneRow[]>([]);
  skills = $state<SkillRow[]>([]);
  questions = $state<string[]>([]);
  durationWeeks = $state<number | null>(4);
  hoursPerWeek = $state<number | null>(6);
  flexibility = $state<ScheduleFlexibility>('flexible');
  workTimes = $state<TimeSlot[]>([]);
  remote = $state<WorkMode>('remote');
  location = $state('');
  onsiteDays = $state<number | null>(null);
  fee = $state<number | null>(null);
  currency = $state('GBP');
  seats = $state<number | null>(1);
  startDate = $state('');
  applicationDeadline = $state('');
  templateId = $state<string | null>(null);

  static blank(org: { location: string; workMode: WorkMode }): ProjectDraft {
    const draft = new ProjectDraft();
    draft.remote = org.workMode;
    draft.location = org.location;
    draft.goals = [''];
    draft.deliverables = [''];
    draft.milestones = [milestoneRow('', 1, null)];
    draft.skills = [skillRow()];
    return draft;
  }

  static fromTemplate(template: ProjectTemplate, org: { location: string }): ProjectDraft {
    const draft = new ProjectDraft();
    draft.templateId = template.id;
    draft.title = template.title;
    draft.summary = template.summary;
    draft.goals = [...template.goals];
    draft.deliverables = [...template.deliverables];
    draft.milestones = template.milestones.map((m) => milestoneRow(m.title, m.week, m.hours));
    draft.skills = template.skills.map((s) => skillRow(skillName(s.skill), s.level));
    draft.durationWeeks = template.durationWeeks;
    draft.hoursPerWeek = template.hoursPerWeek;
    draft.remote = template.remote;
    draft.location = org.location;
    return draft;
  }

  static fromProject(project: Project): ProjectDraft {
    const draft = new ProjectDraft();
    draft.templateId = project.templateId;
    draft.title = project.title;
    draft.summary = project.summary;
    draft.goals = [...project.goals];
    draft.deliverables = [...project.deliverables];
    draft.milestones = project.milestones.map((m) => milestoneRow(m.title, m.week, m.hours));
    draft.skills = project.skills.map((s) => skillRow(s.label, s.level));
    draft.questions = [...project.questions];
    draft.durationWeeks = project.durationWeeks;
    draft.hoursPerWeek = project.hoursPerWeek;
    draft.flexibility = project.flexibility;
    draft.workTimes = [...project.workTimes];
    draft.remote = project.remote;
    draft.location = project.location;
    draft.onsiteDays = project.onsiteDays;
    draft.fee = project.fee;
    draft.currency = project.currency;
    draft.seats = project.seats;
    draft.startDate = project.startDate ?? '';
    draft.applicationDeadline = project.applicationDeadline ?? '';
    return draft;
  }

  /** What must be there before asking the API, in the words a first-time poster needs. */
  missing(): FieldErrors {
    const errors: FieldErrors = {};
    if (!this.title.trim()) errors.title = 'Give the project a title.';
    if (!this.summary.trim())
      errors.summary = 'Say in a few sentences what the project is for and what the student will do.';
    if (this.durationWeeks === null) errors.durationWeeks = 'Say how many weeks the project runs (2 to 8).';
    if (this.hoursPerWeek === null) errors.hoursPerWeek = 'Say about how many hours a week it needs.';
    return errors;
  }

  /** The body for `POST /api/projects` (with `orgId` added) and `PATCH /api/projects/:id`; blank rows left out. */
  toInput(): ProjectFields {
    return {
      title: this.title.trim(),
      summary: this.summary.trim(),
      goals: lines(this.goals),
      deliverables: lines(this.deliverables),
      milestones: this.milestones
        .filter((m) => m.title.trim())
        .map((m) => ({ title: m.title.trim(), week: m.week, hours: m.hours })),
      skills: this.skills
        .filter((s) => s.skill.trim())
        .map((s) => ({ skill: s.skill.trim(), level: s.level })),
      questions: lines(this.questions),
      durationWeeks: this.durationWeeks ?? undefined,
      hoursPerWeek: this.hoursPerWeek ?? undefined,
      flexibility: this.flexibility,
      workTimes: this.flexibility === 'fixed' ? [...this.workTimes] : [],
      remote: this.remote,
      location: this.location.trim(),
      onsiteDays: this.remote === 'hybrid' ? this.onsiteDays : null,
      fee: this.fee,
      currency: this.currency,
      seats: this.seats ?? 1,
      startDate: this.startDate || null,
      applicationDeadline: this.applicationDeadline || null,
      templateId: this.templateId,
    };
  }

  /**
   * The draft as the scoping check takes it. Numbers are kept inside what the API accepts, so a
   * half-typed value still gets advice instead of a validation error.
   */
  toScopeInput(skip: string[] = []): ScopeInput {
    const input = this.toInput();
    return {
      title: input.title,
      summary: input.summary,
      goals: input.goals,
      deliverables: input.deliverables,
      milestones: (input.milestones ?? []).map((m) => ({
        title: m.title,
        week: clamp(m.week ?? null, 1, MAX_WEEKS),
        hours: clamp(m.hours ?? null, 1, 400),
      })),
      skills: (input.skills ?? []).filter((s) => !skip.includes(s.skill)),
      durationWeeks: clamp(this.durationWeeks, 0, 52) ?? 0,
      hoursPerWeek: clamp(this.hoursPerWeek, 0, 40) ?? 0,
      remote: this.remote,
      fee: clamp(this.fee, 0, 100_000),
      currency: this.currency,
    };
  }

  hasSkill(label: string): boolean {
    const wanted = recogniseSkill(label)?.id ?? label.toLowerCase();
    return this.skills.some((row) => (recogniseSkill(row.skill)?.id ?? row.skill.toLowerCase()) === wanted);
  }
}
