import { getSkill, matchSkillPhrases, normaliseSkillText } from '../../../shared/taxonomy/index.ts';

export interface ExtractedSkill {
  skillId: string;
  label: string;
  /** The words in the text that named it. */
  evidence: string;
  /** Named by its own label (“TikTok”, “grant writing”), not by a looser alias (“donors”). */
  byLabel: boolean;
}

/**
 * The skills a piece of text names outright, through the taxonomy's phrase matcher (whole words,
 * longest name first, guarded against "I excel at…"). The scoping check uses `byLabel` to tell a
 * skill someone asked for by name from a word that merely hints at one.
 */
export function extractSkills(text: string): ExtractedSkill[] {
  return matchSkillPhrases(text).map(({ skillId, phrase }) => {
    const skill = getSkill(skillId);
    const words = normaliseSkillText(phrase);
    return {
      skillId,
      label: skill?.label ?? skillId,
      evidence: phrase,
      byLabel: words === normaliseSkillText(skill?.label ?? '') || words === normaliseSkillText(skillId),
    };
  });
}
