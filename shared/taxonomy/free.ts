import { getSkill } from './lookup.ts';

/**
 * Skills people name that the taxonomy lacks ("blog writing", "Tally", "bike maintenance") are kept
 * as written, under an id with this prefix, so they are matched by their words instead of dropped.
 */
export const FREE_SKILL_PREFIX = 'free:';

export function isFreeSkill(skillId: string): boolean {
  return skillId.startsWith(FREE_SKILL_PREFIX);
}

/** The id a free-text skill is stored under: the name as written, spaces tidied. */
export function freeSkillId(name: string): string {
  return `${FREE_SKILL_PREFIX}${name.trim().replace(/\s+/g, ' ')}`;
}

/** What to show for a skill id: the taxonomy's label, or a free-text skill as its writer wrote it. */
export function skillName(skillId: string): string {
  return (
    getSkill(skillId)?.label ?? (isFreeSkill(skillId) ? skillId.slice(FREE_SKILL_PREFIX.length) : skillId)
  );
}
