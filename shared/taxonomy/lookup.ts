import { compactKey, normaliseSkillText } from './normalise.ts';
import { ALL_SKILLS } from './skills/index.ts';
import type { RelatedStrength, Skill } from './types.ts';

export const SKILLS: readonly Skill[] = ALL_SKILLS;

const BY_ID = new Map<string, Skill>(SKILLS.map((skill) => [skill.id, skill]));

/** Every name a skill answers to: its id, label, aliases and exact-case names. */
export function namesOf(skill: Skill): string[] {
  return [skill.id, skill.label, ...skill.aliases, ...skill.exactCase];
}

interface NameIndex {
  exact: Map<string, Skill>;
  compact: Map<string, Skill>;
}

// The first skill to claim a key keeps it; the taxonomy test makes sure no two skills do.
function buildNameIndex(): NameIndex {
  const exact = new Map<string, Skill>();
  const compact = new Map<string, Skill>();
  for (const skill of SKILLS) {
    for (const name of namesOf(skill)) {
      const key = normaliseSkillText(name);
      if (key.length === 0) continue;
      if (!exact.has(key)) exact.set(key, skill);
      const squeezed = compactKey(key);
      if (!compact.has(squeezed)) compact.set(squeezed, skill);
    }
  }
  return { exact, compact };
}

let names: NameIndex | null = null;
function nameIndex(): NameIndex {
  names ??= buildNameIndex();
  return names;
}

export function getSkill(id: string): Skill | undefined {
  return BY_ID.get(id);
}

/**
 * The skill a person means by a name they typed: an id, label or alias, ignoring case, spaces and
 * punctuation ("Photo-shop", "insta", "Google sheets"), then one slip of the keyboard on longer names
 * ("instagarm" is caught by its alias; "wordpresss" by the fallback).
 */
export function findSkill(text: string): Skill | undefined {
  const key = normaliseSkillText(text);
  if (key.length === 0) return undefined;
  const { exact, compact } = nameIndex();
  return exact.get(key) ?? compact.get(compactKey(key)) ?? closestByOneEdit(compactKey(key), compact);
}

/** Only for names of 6+ letters, and only when exactly one skill is that close: a guess must be safe. */
function closestByOneEdit(key: string, compact: Map<string, Skill>): Skill | undefined {
  if (key.length < 6) return undefined;
  let found: Skill | undefined;
  for (const [candidate, skill] of compact) {
    if (Math.abs(candidate.length - key.length) > 1 || candidate.length < 6) continue;
    if (!withinOneEdit(key, candidate)) continue;
    if (found && found.id !== skill.id) return undefined;
    found = skill;
  }
  return found;
}

/** True when one insertion, deletion, substitution or swap of neighbours turns `a` into `b`. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  const restA = a.slice(start);
  const restB = b.slice(start);
  if (a.length === b.length) {
    if (restA.slice(1) === restB.slice(1)) return true;
    return (
      restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2)
    );
  }
  return a.length > b.length ? restA.slice(1) === restB : restB.slice(1) === restA;
}

const STRENGTH_RANK: Record<RelatedStrength, number> = { weak: 1, medium: 2, strong: 3 };

function buildRelations(): Map<string, Map<string, RelatedStrength>> {
  const relations = new Map<string, Map<string, RelatedStrength>>();
  const link = (from: string, to: string, strength: RelatedStrength) => {
    const links = relations.get(from) ?? new Map<string, RelatedStrength>();
    const current = links.get(to);
    if (!current || STRENGTH_RANK[strength] > STRENGTH_RANK[current]) links.set(to, strength);
    relations.set(from, links);
  };
  for (const skill of SKILLS) {
    for (const related of skill.related) {
      link(skill.id, related.id, related.strength);
      link(related.id, skill.id, related.strength);
    }
  }
  return relations;
}

let relations: Map<string, Map<string, RelatedStrength>> | null = null;
function relationIndex(): Map<string, Map<string, RelatedStrength>> {
  relations ??= buildRelations();
  return relations;
}

/**
 * How related two skills are, whichever of them lists the other (the stronger if both do);
 * `undefined` for unrelated skills and for a skill with itself.
 */
export function relatedStrength(a: string, b: string): RelatedStrength | undefined {
  if (a === b) return undefined;
  return relationIndex().get(a)?.get(b);
}

/** All skills related to one, both directions, with the stronger strength where they differ. */
export function relatedSkills(id: string): ReadonlyMap<string, RelatedStrength> {
  return relationIndex().get(id) ?? new Map();
}
