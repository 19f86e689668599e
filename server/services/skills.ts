import { findSkill, getSkill } from '../../shared/taxonomy/index.ts';
import type { SkillLevel } from '../../shared/marketplace.ts';
import type { SkillNeed } from '../../shared/schemas/marketplace-views.ts';
import type { SkillRequirement } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/**
 * Turns what people type ("Insta", "canva", "data-analysis") into taxonomy ids. Unknown names are
 * refused with their names listed, so a form can point at them.
 */
export function resolveSkills(input: { skill: string; level: SkillLevel }[]): SkillRequirement[] {
  const unknown: string[] = [];
  const resolved = new Map<string, SkillLevel>();
  for (const { skill, level } of input) {
    const found = findSkill(skill);
    if (!found) unknown.push(skill);
    else resolved.set(found.id, Math.max(level, resolved.get(found.id) ?? 0) as SkillLevel);
  }
  if (unknown.length > 0) {
    throw new AppError(400, 'unknown_skill', `Not in the skill list: ${unknown.join(', ')}.`, { unknown });
  }
  return [...resolved].map(([skillId, level]) => ({ skillId, level }));
}

export function resolveSkillIds(names: string[]): string[] {
  return resolveSkills(names.map((skill) => ({ skill, level: 1 as SkillLevel }))).map((need) => need.skillId);
}

export function skillLabel(skillId: string): string {
  return getSkill(skillId)?.label ?? skillId;
}

export function toSkillNeeds(requirements: SkillRequirement[]): SkillNeed[] {
  return requirements.map((need) => ({ ...need, label: skillLabel(need.skillId) }));
}
