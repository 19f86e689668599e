import { extractSkills, type ExtractedSkill } from './skill-extraction.ts';
import { relatedStrength } from '../../../shared/taxonomy/index.ts';
import type { ScopingResult, ScopingWarning } from '../../../shared/schemas/marketplace-views.ts';
import { MAX_WEEKS, MIN_WEEKS } from '../../../shared/marketplace.ts';
import type { Milestone, SkillRequirement } from '../../db/schema.ts';

export interface ProjectDraft {
  title: string;
  summary: string;
  goals: string[];
  deliverables: string[];
  milestones: Milestone[];
  skills: SkillRequirement[];
  durationWeeks: number;
  hoursPerWeek: number;
  fee: number | null;
  currency: string;
}

/**
 * Skills the text names by their own name that the project neither lists nor covers with a closely
 * related listed skill (a project listing Instagram is not told it forgot "social media").
 */
function impliedSkills(draft: ProjectDraft): ExtractedSkill[] {
  const listed = draft.skills.map((skill) => skill.skillId);
  const text = [
    draft.title,
    draft.summary,
    ...draft.goals,
    ...draft.deliverables,
    ...draft.milestones.map((m) => m.title),
  ].join('\n');
  return extractSkills(text).filter(
    (skill) =>
      skill.byLabel &&
      !listed.includes(skill.skillId) &&
      !listed.some((id) => ['strong', 'medium'].includes(relatedStrength(id, skill.skillId) ?? '')),
  );
}

/** Words that make a deliverable a thing someone can hand over rather than an activity. */
const VAGUE_DELIVERABLE =
  /^(help|helping|support|supporting|assist|assisting|various|misc|general|tasks?|stuff|work)\b/i;

/**
 * The scoping check: flags what would make a project hard for a student to take on, suggests the
 * skills its text implies, and a fair fee from the hours and the hourly floor. Pure: it saves nothing.
 */
export async function scopeProject(draft: ProjectDraft, hourlyFloor: number): Promise<ScopingResult> {
  const warnings: ScopingWarning[] = [];
  const available = draft.hoursPerWeek * draft.durationWeeks;

  const concrete = draft.deliverables.filter(
    (deliverable) => deliverable.split(/\s+/).length >= 2 && !VAGUE_DELIVERABLE.test(deliverable),
  );
  if (concrete.length === 0) {
    warnings.push({
      code: 'no_deliverable',
      message:
        'Name at least one clear deliverable — something the student hands over at the end, like “12 designed posts” or “a cleaned donor list”.',
    });
  }

  if (draft.durationWeeks < MIN_WEEKS || draft.durationWeeks > MAX_WEEKS) {
    warnings.push({
      code: 'duration_out_of_range',
      message: `Micro-internships run ${MIN_WEEKS}–${MAX_WEEKS} weeks; this one is ${draft.durationWeeks}. Split a longer project into phases.`,
    });
  }

  const estimates = draft.milestones
    .map((milestone) => milestone.hours)
    .filter((hours): hours is number => hours !== null);
  const estimated = estimates.length > 0 ? estimates.reduce((sum, hours) => sum + hours, 0) : null;
  if (estimated !== null && estimated > available) {
    warnings.push({
      code: 'too_much_work',
      message: `The milestones add up to about ${estimated} hours, but ${draft.hoursPerWeek} h/week for ${draft.durationWeeks} weeks is ${available} hours. Trim the scope or allow more time.`,
    });
  } else if (estimated === null && draft.deliverables.length > Math.max(1, draft.durationWeeks)) {
    warnings.push({
      code: 'too_much_work',
      message: `${draft.deliverables.length} deliverables in ${draft.durationWeeks} weeks is a lot. Add hour estimates to the milestones to check it fits ${available} hours.`,
    });
  }

  if (draft.skills.length === 0) {
    warnings.push({
      code: 'no_skills',
      message: 'List the skills the work needs, so the right students find it.',
    });
  }
  if (draft.summary.trim().split(/\s+/).length < 12) {
    warnings.push({
      code: 'vague_summary',
      message: 'Say in a few sentences what the project is for and what the student will do.',
    });
  }

  const implied = impliedSkills(draft);
  if (implied.length > 0) {
    warnings.push({
      code: 'missing_skills',
      message: `The description asks for ${implied.map((skill) => skill.label).join(', ')}, which the project does not list.`,
    });
  }

  const hours = available;
  const suggestedAmount = Math.ceil((hours * hourlyFloor) / 10) * 10;
  if (draft.fee !== null && draft.fee < hours * hourlyFloor) {
    warnings.push({
      code: 'fee_below_floor',
      message: `A fee of ${draft.fee} ${draft.currency} for ${hours} hours is below the floor of ${hourlyFloor} an hour; we suggest at least ${suggestedAmount}.`,
    });
  }

  return {
    warnings,
    suggestedSkills: implied.map(({ skillId, label, evidence }) => ({ skillId, label, evidence })),
    suggestedFee: { amount: suggestedAmount, currency: draft.currency, hourlyFloor, hours },
    effort: { estimated, available },
  };
}
