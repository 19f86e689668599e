import {
  findSkill,
  freeSkillId,
  isFreeSkill,
  normaliseSkillText,
  skillName,
} from '../../../shared/taxonomy/index.ts';
import type { SkillLevel } from '../../../shared/marketplace.ts';
import type { SkillNeed } from '../../../shared/schemas/marketplace-views.ts';
import type { SkillRequirement } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

/**
 * Turns what people type ("Insta", "canva", "data-analysis") into taxonomy ids. A name the taxonomy
 * does not know ("blog writing", "Tally") is kept as written, as a free-text skill the matcher meets
 * by its words: nobody's skill is refused for being unfamiliar.
 */
export function resolveSkills(input: { skill: string; level: SkillLevel }[]): SkillRequirement[] {
  const resolved = new Map<string, SkillLevel>();
  const freeKeys = new Map<string, string>();
  for (const { skill, level } of input) {
    const found = findSkill(skill);
    let id = found?.id ?? freeSkillId(skill);
    if (!found) {
      // "Tally" and "tally" are one skill: the first spelling written is kept.
      const key = normaliseSkillText(skill);
      id = freeKeys.get(key) ?? id;
      freeKeys.set(key, id);
    }
    resolved.set(id, Math.max(level, resolved.get(id) ?? 0) as SkillLevel);
  }
  return [...resolved].map(([skillId, level]) => ({ skillId, level }));
}

/**
 * Only taxonomy skills, for what is signed and shared beyond Stint (endorsed skills on a credential):
 * unknown names are refused with their names listed, so a form can point at them.
 */
export function resolveTaxonomySkills(input: { skill: string; level: SkillLevel }[]): SkillRequirement[] {
  const unknown = input.filter(({ skill }) => !findSkill(skill)).map(({ skill }) => skill);
  if (unknown.length > 0) {
    throw new AppError(400, 'unknown_skill', `Not in the skill list: ${unknown.join(', ')}.`, { unknown });
  }
  return resolveSkills(input);
}

export function resolveSkillIds(names: string[]): string[] {
  return resolveSkills(names.map((skill) => ({ skill, level: 1 as SkillLevel }))).map((need) => need.skillId);
}

export function skillLabel(skillId: string): string {
  return skillName(skillId);
}

/** `known: false` (set only then) marks a free-text skill, which forms show as "not in the skill list". */
export function toSkillNeeds(requirements: SkillRequirement[]): SkillNeed[] {
  return requirements.map((need) => ({
    ...need,
    label: skillLabel(need.skillId),
    ...(isFreeSkill(need.skillId) ? { known: false } : {}),
  }));
}
