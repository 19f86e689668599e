import {
  SKILL_CATEGORIES,
  SKILLS,
  findSkill,
  normaliseSkillText,
  type Skill,
} from '$shared/taxonomy/index.ts';

export interface SkillSuggestion {
  id: string;
  label: string;
  category: string;
  /** The other name the text matched ("insta" → Instagram), when it was not the label. */
  alsoKnownAs: string | null;
}

interface IndexedSkill {
  skill: Skill;
  label: string;
  aliases: { key: string; name: string }[];
}

const CATEGORY_LABELS = new Map(SKILL_CATEGORIES.map((category) => [category.id, category.label]));

let indexed: IndexedSkill[] | null = null;

// Built on first use: ~400 skills and ~3,000 aliases, normalised once.
function skillIndex(): IndexedSkill[] {
  indexed ??= SKILLS.map((skill) => ({
    skill,
    label: normaliseSkillText(skill.label),
    aliases: skill.aliases.map((name) => ({ key: normaliseSkillText(name), name })),
  }));
  return indexed;
}

const startsAWord = (text: string, key: string) => text.startsWith(key) || text.includes(` ${key}`);

/** Lower is better: the label as typed, then a word of the label, then an alias, then anywhere. */
function rank(entry: IndexedSkill, key: string): { rank: number; alias: string | null } | null {
  if (entry.label.startsWith(key)) return { rank: 0, alias: null };
  if (startsAWord(entry.label, key)) return { rank: 1, alias: null };
  const alias = entry.aliases.find((candidate) => candidate.key.startsWith(key));
  if (alias) return { rank: 2, alias: alias.name };
  const wordAlias = entry.aliases.find((candidate) => startsAWord(candidate.key, key));
  if (wordAlias) return { rank: 3, alias: wordAlias.name };
  if (key.length >= 3 && entry.label.includes(key)) return { rank: 4, alias: null };
  return null;
}

/** Skills whose name or alias fits what someone has typed so far, best first. */
export function suggestSkills(text: string, limit = 8): SkillSuggestion[] {
  const key = normaliseSkillText(text);
  if (key.length === 0) return [];
  const ranked: { entry: IndexedSkill; rank: number; alias: string | null }[] = [];
  for (const entry of skillIndex()) {
    const found = rank(entry, key);
    if (found) ranked.push({ entry, ...found });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.entry.skill.label.length - b.entry.skill.label.length);
  return ranked.slice(0, limit).map(({ entry, alias }) => ({
    id: entry.skill.id,
    label: entry.skill.label,
    category: CATEGORY_LABELS.get(entry.skill.category) ?? '',
    alsoKnownAs: alias,
  }));
}

/** The skill the server will take this text to mean, if any (the same lookup it uses). */
export function recogniseSkill(text: string): { id: string; label: string } | null {
  const skill = findSkill(text);
  return skill ? { id: skill.id, label: skill.label } : null;
}
