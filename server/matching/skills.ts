import type { SkillLevel } from '../../shared/marketplace.ts';
import {
  SKILLS,
  getSkill,
  isFreeSkill,
  relatedSkills,
  skillName,
  type RelatedStrength,
} from '../../shared/taxonomy/index.ts';

/**
 * The skills part: how much of what the project needs the student brings.
 *  - each required skill counts by its level (a level-3 need weighs three times a level-1 one; a
 *    "people" skill like teamwork half as much, since nearly everyone lists it);
 *  - having it at the level asked is full credit; one level below is 75% (of 2) or 83% (of 3)…
 *    precisely 0.25 + 0.75 × have/need;
 *  - a related skill earns part of the credit, by strength (strong 0.6, medium 0.35, weak 0.15) times
 *    the same level factor; a skill named in the profile's text but not listed counts as level 1 at 0.8;
 *  - a free-text skill (one the taxonomy lacks, kept as written) is met by the same name, by another
 *    free-text skill sharing its words (full credit when all its words are there, else 0.6 × the
 *    share), and by the taxonomy skills its name contains ("food photography" → Photography, at
 *    NEIGHBOUR_CREDIT); a student's free-text skill counts as mentioning the taxonomy skills its
 *    name contains;
 *  - wanting to grow into a needed skill adds a small bonus (once);
 *  - a particular language is never replaced by a related skill, and a required one at level 2+
 *    that the student lacks halves the whole match score (MISSING_ESSENTIAL_FACTOR).
 */

export const RELATED_CREDIT: Record<RelatedStrength, number> = { strong: 0.6, medium: 0.35, weak: 0.15 };
export const MENTIONED_CREDIT = 0.8;
/** Credit a taxonomy skill earns towards a free-text one whose name contains it. */
export const NEIGHBOUR_CREDIT = 0.5;
/** Credit per share of a free-text skill's words found in another free-text skill. */
export const WORD_OVERLAP_CREDIT = 0.6;
export const STRETCH_BONUS = 0.06;
/** Score of a project that lists no skills and whose text names none: neither a plus nor a minus. */
export const NO_REQUIREMENTS_SCORE = 0.5;

export interface Requirement {
  skillId: string;
  /** Position in the taxonomy; -1 for an id it does not know (matched only directly). */
  index: number;
  level: SkillLevel;
  /** By level and kind (people skills count half); `weight` adds how specific the skill is. */
  baseWeight: number;
  weight: number;
  /** The skills related to this one (taxonomy positions) and the credit each earns. */
  relatedIndex: Int32Array;
  relatedCredit: Float64Array;
  /** The work cannot be done without it (a particular language at level 2+). */
  essential: boolean;
  /** Lemmas of a free-text skill's name ("bike maintenance" → bike, maintenance); empty otherwise. */
  words: readonly string[];
}

/** A free-text skill someone holds, with the lemmas of its name. */
export interface FreeSkill {
  skillId: string;
  level: SkillLevel;
  words: ReadonlySet<string>;
}

/** What a skill name says in words: its lemmas and the taxonomy skills it names. */
export interface SkillWords {
  words: string[];
  mentions: string[];
}
export type ReadSkillName = (name: string) => SkillWords;
const NO_WORDS: ReadSkillName = () => ({ words: [], mentions: [] });

export interface SkillProfile {
  levels: ReadonlyMap<string, SkillLevel>;
  /**
   * One byte per taxonomy skill, so ranking reads arrays instead of maps: the level held (1–3, 0 for
   * none), plus MENTIONED and STRETCH flags. 391 bytes a student.
   */
  marks: Uint8Array;
  /** Free-text skills held, matched by their words. */
  free: readonly FreeSkill[];
}

const LEVEL_BITS = 3;
const MENTIONED = 4;
const STRETCH = 8;
const SKILL_INDEX = new Map(SKILLS.map((skill, index) => [skill.id, index]));

export function skillIndex(skillId: string): number {
  return SKILL_INDEX.get(skillId) ?? -1;
}

/** A student's skills as scoring reads them: listed levels, skills named in their text, skills they want. */
export function skillProfile(
  levels: ReadonlyMap<string, SkillLevel>,
  mentioned: Iterable<string> = [],
  stretch: Iterable<string> = [],
  read: ReadSkillName = NO_WORDS,
): SkillProfile {
  const marks = new Uint8Array(SKILLS.length);
  const free: FreeSkill[] = [];
  const named: string[] = [];
  for (const [skillId, level] of levels) {
    if (!isFreeSkill(skillId)) continue;
    const { words, mentions } = read(skillName(skillId));
    free.push({ skillId, level, words: new Set(words) });
    named.push(...mentions);
  }
  mentioned = [...mentioned, ...named];
  for (const id of mentioned) if (skillIndex(id) >= 0 && !levels.has(id)) marks[skillIndex(id)] = MENTIONED;
  for (const [id, level] of levels) if (skillIndex(id) >= 0) marks[skillIndex(id)] = level;
  for (const id of stretch)
    if (skillIndex(id) >= 0) marks[skillIndex(id)] = (marks[skillIndex(id)] ?? 0) | STRETCH;
  return { levels, marks, free };
}

function markOf(profile: SkillProfile, need: Requirement): number {
  return need.index >= 0 ? (profile.marks[need.index] ?? 0) : (profile.levels.get(need.skillId) ?? 0);
}

export type CoverageKind = 'has' | 'lower' | 'related' | 'mentioned' | 'missing';

export interface Coverage {
  skillId: string;
  need: SkillLevel;
  kind: CoverageKind;
  credit: number;
  /** The student's level in it (has/lower) or in the related skill. */
  have?: SkillLevel;
  /** The related skill that earned the credit. */
  via?: string;
  stretch: boolean;
}

/** Skills of the languages category that are not one particular language. */
const LANGUAGE_WORK = new Set(['translation', 'interpreting', 'community-languages']);

/**
 * A particular language (Polish, BSL…): nothing else stands in for it — knowing Welsh does not help
 * translate into Polish — so it earns no related credit, and needing it at level 2+ without having it
 * rules the project nearly out (see `missingLanguages`).
 */
export function isParticularLanguage(skillId: string): boolean {
  return getSkill(skillId)?.category === 'languages' && !LANGUAGE_WORK.has(skillId);
}

export function requirementsOf(
  skills: readonly { skillId: string; level: SkillLevel }[],
  read: ReadSkillName = NO_WORDS,
): Requirement[] {
  const byId = new Map<string, SkillLevel>();
  for (const { skillId, level } of skills)
    byId.set(skillId, Math.max(level, byId.get(skillId) ?? 1) as SkillLevel);
  return [...byId].map(([skillId, level]) => {
    const language = isParticularLanguage(skillId);
    const soft = getSkill(skillId)?.category === 'people';
    const baseWeight = levelWeight(level) * (soft ? 0.5 : 1);
    if (isFreeSkill(skillId)) {
      const { words, mentions } = read(skillName(skillId));
      const neighbours = [...new Set(mentions)].filter((other) => skillIndex(other) >= 0);
      return requirement(skillId, level, baseWeight, {
        relatedIndex: Int32Array.from(neighbours, skillIndex),
        relatedCredit: Float64Array.from(neighbours, () => NEIGHBOUR_CREDIT),
        essential: false,
        words,
      });
    }
    const related = language ? [] : [...relatedSkills(skillId)].filter(([other]) => skillIndex(other) >= 0);
    return requirement(skillId, level, baseWeight, {
      relatedIndex: Int32Array.from(related, ([other]) => skillIndex(other)),
      relatedCredit: Float64Array.from(related, ([, strength]) => RELATED_CREDIT[strength]),
      essential: language && level >= 2,
      words: [],
    });
  });
}

/**
 * Every requirement is made by this one object literal, so all share one hidden class and the
 * ranking loop stays monomorphic. (Built by spreading a base object, each had a class of its own
 * once `weighRequirements` first stored a fractional weight: 15,000 classes in bench:match, and
 * ranking a student's projects ran 2–3 times slower.)
 */
function requirement(
  skillId: string,
  level: SkillLevel,
  baseWeight: number,
  rest: Pick<Requirement, 'relatedIndex' | 'relatedCredit' | 'essential' | 'words'>,
): Requirement {
  return {
    skillId,
    index: skillIndex(skillId),
    level,
    baseWeight,
    weight: baseWeight,
    relatedIndex: rest.relatedIndex,
    relatedCredit: rest.relatedCredit,
    essential: rest.essential,
    words: rest.words,
  };
}

/** Multiplies the whole score when an essential requirement is missing: the student cannot do the work. */
export const MISSING_ESSENTIAL_FACTOR = 0.5;

/** True when an essential requirement is missing; the allocation-free check ranking makes. */
export function lacksEssential(profile: SkillProfile, needs: readonly Requirement[]): boolean {
  for (let index = 0; index < needs.length; index += 1) {
    const need = needs[index] as Requirement;
    if (need.essential && (markOf(profile, need) & LEVEL_BITS) === 0) return true;
  }
  return false;
}

/** Essential requirements (a language at level 2+) the student does not have at all. */
export function missingEssentials(profile: SkillProfile, needs: readonly Requirement[]): string[] {
  const missing: string[] = [];
  for (const need of needs)
    if (need.essential && (markOf(profile, need) & LEVEL_BITS) === 0) missing.push(need.skillId);
  return missing;
}

/** How much a requirement counts by the level asked: a level-3 need weighs three times a level-1 one. */
export function levelWeight(level: SkillLevel): number {
  return level;
}

/** Credit from the student's free-text skills towards a free-text need: shared words. */
function wordCredit(profile: SkillProfile, need: Requirement): { credit: number; via: FreeSkill | null } {
  let best = 0;
  let via: FreeSkill | null = null;
  const words = need.words;
  if (words.length === 0) return { credit: 0, via };
  for (const held of profile.free) {
    let shared = 0;
    for (const word of words) if (held.words.has(word)) shared += 1;
    if (shared === 0) continue;
    const share = shared / words.length;
    const credit = (share >= 1 ? 1 : WORD_OVERLAP_CREDIT * share) * levelFactor(held.level, need.level);
    if (credit > best) {
      best = credit;
      via = held;
    }
  }
  return { credit: best, via };
}

export function levelFactor(have: number, need: number): number {
  return have >= need ? 1 : 0.4 + (0.6 * have) / need;
}

/** Coverage of one requirement; `detail` is filled only when asked (explanations), not while ranking. */
export function cover(profile: SkillProfile, need: Requirement, detail?: Coverage[]): number {
  const mark = markOf(profile, need);
  const have = mark & LEVEL_BITS;
  if (have !== 0) {
    const credit = levelFactor(have, need.level);
    detail?.push({
      skillId: need.skillId,
      need: need.level,
      kind: credit >= 1 ? 'has' : 'lower',
      credit,
      have: have as SkillLevel,
      stretch: false,
    });
    return credit;
  }
  let best = 0;
  let via = -1;
  for (let index = 0; index < need.relatedIndex.length; index += 1) {
    const level = (profile.marks[need.relatedIndex[index] ?? 0] ?? 0) & LEVEL_BITS;
    if (level === 0) continue;
    const credit = (need.relatedCredit[index] ?? 0) * levelFactor(level, need.level);
    if (credit > best) {
      best = credit;
      via = need.relatedIndex[index] ?? -1;
    }
  }
  const mentioned = (mark & MENTIONED) !== 0 ? MENTIONED_CREDIT * levelFactor(1, need.level) : 0;
  const words = need.index < 0 && profile.free.length > 0 ? wordCredit(profile, need) : null;
  if (words && words.credit > Math.max(best, mentioned)) {
    detail?.push({
      skillId: need.skillId,
      need: need.level,
      kind: words.credit >= 1 ? 'has' : 'related',
      credit: words.credit,
      have: words.via?.level,
      via: words.via?.skillId,
      stretch: false,
    });
    return words.credit;
  }
  if (detail) {
    const stretch = (mark & STRETCH) !== 0;
    const base = { skillId: need.skillId, need: need.level, stretch };
    if (mentioned >= best && mentioned > 0) detail.push({ ...base, kind: 'mentioned', credit: mentioned });
    else if (best > 0)
      detail.push({
        ...base,
        kind: 'related',
        credit: best,
        have: ((profile.marks[via] ?? 0) & LEVEL_BITS) as SkillLevel,
        via: SKILLS[via]?.id,
      });
    else detail.push({ ...base, kind: 'missing', credit: 0 });
  }
  return Math.max(best, mentioned);
}

/** 0–1 skills part. */
export function skillsScore(
  profile: SkillProfile,
  needs: readonly Requirement[],
  detail?: Coverage[],
): number {
  if (needs.length === 0) return NO_REQUIREMENTS_SCORE;
  let total = 0;
  let earned = 0;
  let stretchBonus = 0;
  for (let index = 0; index < needs.length; index += 1) {
    const need = needs[index] as Requirement;
    const credit = cover(profile, need, detail);
    total += need.weight;
    earned += need.weight * credit;
    if (credit < 1 && (markOf(profile, need) & STRETCH) !== 0) stretchBonus = STRETCH_BONUS;
  }
  return Math.min(1, earned / total + stretchBonus);
}
