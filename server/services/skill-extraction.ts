import { namesOf, SKILLS } from '../../shared/taxonomy/lookup.ts';
import { normaliseSkillText } from '../../shared/taxonomy/normalise.ts';

export interface ExtractedSkill {
  skillId: string;
  label: string;
  /** The words in the text that named it. */
  evidence: string;
  /** Named by its own label (“TikTok”, “grant writing”), not by a looser alias (“donors”). */
  byLabel: boolean;
}

let phrases: { words: string; skillId: string; label: string; byLabel: boolean }[] | null = null;

/** Every skill name as normalised words, longest first, so "social media marketing" beats "social media". */
function skillPhrases() {
  phrases ??= SKILLS.flatMap((skill) =>
    namesOf(skill)
      .map((name) => normaliseSkillText(name))
      .filter((words) => words.length >= 2)
      .map((words) => ({
        words,
        skillId: skill.id,
        label: skill.label,
        byLabel: words === normaliseSkillText(skill.label) || words === normaliseSkillText(skill.id),
      })),
  ).sort((a, b) => b.words.length - a.words.length);
  return phrases;
}

/**
 * The skills a piece of text names outright, by whole-word match of taxonomy names and aliases.
 * Used by the scoping check; the matcher's reader goes further (lemmas, themes).
 */
export function extractSkills(text: string): ExtractedSkill[] {
  let haystack = ` ${normaliseSkillText(text)} `;
  const found = new Map<string, ExtractedSkill>();
  for (const phrase of skillPhrases()) {
    const needle = ` ${phrase.words} `;
    if (!haystack.includes(needle)) continue;
    const { skillId, label, byLabel } = phrase;
    const seen = found.get(skillId);
    if (!seen || (byLabel && !seen.byLabel))
      found.set(skillId, { skillId, label, evidence: phrase.words, byLabel });
    // A longer name claims its words, so its shorter parts do not count again.
    haystack = haystack.replaceAll(needle, ' | ');
  }
  return [...found.values()];
}
