/** The shape of the skill taxonomy: plain data, shared by the server and the browser. */

export const SKILL_CATEGORY_IDS = [
  'social-media',
  'marketing',
  'writing',
  'design',
  'media',
  'web',
  'software',
  'data',
  'finance',
  'fundraising',
  'events',
  'research',
  'operations',
  'customers',
  'languages',
  'community',
  'people',
] as const;
export type SkillCategoryId = (typeof SKILL_CATEGORY_IDS)[number];

/** How close two skills are: someone with one can pick up the other quickly (strong) or with effort (weak). */
export type RelatedStrength = 'strong' | 'medium' | 'weak';

export interface RelatedSkill {
  id: string;
  strength: RelatedStrength;
}

/** Words around an ambiguous alias that mean it is not the skill ("I excel at…" is not Microsoft Excel). */
export interface TextGuard {
  notBefore?: readonly string[];
  notAfter?: readonly string[];
}

export interface Skill {
  /** Stable kebab-case id, stored in the database; never renamed. */
  id: string;
  label: string;
  category: SkillCategoryId;
  /** Other names, spelling variants and common typos; matched case-insensitively. */
  aliases: readonly string[];
  /**
   * Names that are ordinary words in another sense ("Go", "R", "Word", "Polish"): `findSkill` accepts
   * them as typed, but running text only counts them written with this exact capitalisation.
   */
  exactCase: readonly string[];
  related: readonly RelatedSkill[];
  guard?: TextGuard;
}

export interface SkillCategory {
  id: SkillCategoryId;
  label: string;
}
