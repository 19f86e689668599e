/** The skill taxonomy: data and lookups, safe to import in the browser (no Node APIs). */
export { SKILL_CATEGORIES } from './categories.ts';
export { FREE_SKILL_PREFIX, freeSkillId, isFreeSkill, skillName } from './free.ts';
export { SKILLS, findSkill, getSkill, relatedStrength, relatedSkills, namesOf } from './lookup.ts';
export {
  matchSkillPhrases,
  PhraseMatcher,
  skillPhraseEntries,
  type PhraseEntry,
  type SkillPhrase,
  type TokenMatch,
} from './phrases.ts';
export { normaliseSkillText, tokeniseWords, type WordToken } from './normalise.ts';
export {
  SKILL_CATEGORY_IDS,
  type RelatedSkill,
  type RelatedStrength,
  type Skill,
  type SkillCategory,
  type SkillCategoryId,
  type TextGuard,
} from './types.ts';
