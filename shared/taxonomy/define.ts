import type { RelatedSkill, Skill, SkillCategoryId, TextGuard } from './types.ts';

/** Related skills written by strength, the way a person would list them. */
export interface RelatedSpec {
  strong?: readonly string[];
  medium?: readonly string[];
  weak?: readonly string[];
}

export interface SkillExtras {
  exactCase?: readonly string[];
  guard?: TextGuard;
}

export type SkillDraft = Omit<Skill, 'category'>;

/** One skill in the compact form the category files use. */
export function skill(
  id: string,
  label: string,
  aliases: readonly string[],
  related: RelatedSpec = {},
  extras: SkillExtras = {},
): SkillDraft {
  const links: RelatedSkill[] = [
    ...(related.strong ?? []).map((other) => ({ id: other, strength: 'strong' as const })),
    ...(related.medium ?? []).map((other) => ({ id: other, strength: 'medium' as const })),
    ...(related.weak ?? []).map((other) => ({ id: other, strength: 'weak' as const })),
  ];
  return {
    id,
    label,
    aliases,
    exactCase: extras.exactCase ?? [],
    related: links,
    ...(extras.guard ? { guard: extras.guard } : {}),
  };
}

export function inCategory(category: SkillCategoryId, drafts: readonly SkillDraft[]): Skill[] {
  return drafts.map((draft) => ({ ...draft, category }));
}
