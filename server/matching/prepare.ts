import { SECTORS, type Sector, type SkillLevel } from '../../shared/marketplace.ts';
import { getSkill } from '../../shared/taxonomy/index.ts';
import { projectTiming, studentTiming, type ProjectTiming, type StudentTiming } from './availability.ts';
import {
  EMPTY_QUERY,
  weighQuery,
  type TermDictionary,
  type TermDocument,
  type TermStats,
  type TermVector,
  type WeightedQuery,
} from './bm25.ts';
import type { GoalSide } from './goals.ts';
import {
  requirementsOf,
  skillProfile,
  type ReadSkillName,
  type Requirement,
  type SkillProfile,
} from './skills.ts';
import type { SkillMention, TextReader } from './text.ts';
import { THEMES_BY_CATEGORY, THEMES_BY_SECTOR, themeBits } from './themes.ts';
import type { MatchProject, MatchStudent } from './types.ts';

/**
 * Students and projects read once, when they are added or change, into the shapes scoring needs:
 * lemmas and term counts, skill maps, theme bit sets, dates as day numbers. Ranking then does no
 * text work at all.
 */

export interface PreparedStudent extends SkillProfile {
  student: MatchStudent;
  /** Unique terms of headline, goals and interests: the BM25 query. */
  terms: string[];
  /** Themes of the goals and the skills they want to grow into. */
  themes: number;
  /** Themes only the headline or interests name: where they are now, or hobbies; they count half. */
  sideThemes: number;
  sectors: number;
  timing: StudentTiming;
  /** Ids of `terms` in the index's dictionary. */
  termIds: Int32Array;
  /** The query weighed against a version of the project corpus; refreshed when it changes. */
  weighted: WeightedQuery | null;
  /** Kept to hand to the goals part without building it for every candidate. */
  goalSide: GoalSide;
}

export interface PreparedProject {
  project: MatchProject;
  requirements: Requirement[];
  /** The skill-frequency version the requirements' weights were worked out for (-1: not yet). */
  weighedAt: number;
  hasEssentials: boolean;
  /** True when the project listed no skills and they were read from its text. */
  inferredSkills: boolean;
  doc: TermDocument;
  vector: TermVector;
  themes: number;
  sectorBit: number;
  timing: ProjectTiming;
}

export function sectorBits(sectors: readonly Sector[]): number {
  let bits = 0;
  for (const sector of sectors) bits |= 1 << SECTORS.indexOf(sector);
  return bits;
}

export function studentText(student: MatchStudent): string {
  return [student.headline, student.goals, student.interests].filter(Boolean).join('\n');
}

function addTerm(terms: Map<string, number>, term: string): void {
  terms.set(term, (terms.get(term) ?? 0) + 1);
}

export function projectText(project: MatchProject): string {
  return [project.title, project.summary, ...project.deliverables].filter(Boolean).join('\n');
}

function categoryThemes(skillIds: Iterable<string>): string[] {
  const themes: string[] = [];
  for (const id of skillIds) {
    const category = getSkill(id)?.category;
    if (category) themes.push(...(THEMES_BY_CATEGORY.get(category) ?? []));
  }
  return themes;
}

/** Reads a skill's name into lemmas and the taxonomy skills it names, for free-text skills. */
export function skillNameReader(reader: TextReader): ReadSkillName {
  return (name) => {
    const read = reader.read(name);
    return {
      words: [...read.terms.keys()].filter((term) => !term.startsWith('skill:')),
      mentions: read.skills.map((mention) => mention.skillId),
    };
  };
}

export function prepareStudent(
  reader: TextReader,
  dictionary: TermDictionary,
  student: MatchStudent,
): PreparedStudent {
  // Goals are read apart from the rest: they say where the student is heading, the headline and
  // interests where they are now ("retail manager") and what they enjoy ("video games").
  const goals = reader.read(student.goals);
  const rest = reader.read([student.headline, student.interests].filter(Boolean).join('\n'));
  const levels = new Map<string, SkillLevel>();
  for (const { skillId, level } of student.skills)
    levels.set(skillId, Math.max(level, levels.get(skillId) ?? 1) as SkillLevel);
  // A skill the headline or interests name ("I run our club's Instagram") is probably held; one the
  // goals name ("I want to learn SEO") is wanted, so it counts like a stretch skill.
  const mentioned = rest.skills.map((mention) => mention.skillId).filter((id) => !levels.has(id));
  const wanted = goals.skills.map((mention) => mention.skillId).filter((id) => !levels.has(id));
  const terms = new Set([
    ...goals.terms.keys(),
    ...rest.terms.keys(),
    ...student.stretchSkillIds.map((id) => `skill:${id}`),
  ]);
  // What they want to grow into is part of where they are heading.
  const themes = themeBits([...goals.themeIds, ...categoryThemes(student.stretchSkillIds)]);
  const sideThemes = themeBits(rest.themeIds) & ~themes;
  const sectors = sectorBits(student.sectorsOfInterest);
  const termList = [...terms];
  return {
    student,
    ...skillProfile(levels, mentioned, [...student.stretchSkillIds, ...wanted], skillNameReader(reader)),
    terms: termList,
    themes,
    sideThemes,
    sectors,
    timing: studentTiming(student),
    termIds: Int32Array.from(termList, (term) => dictionary.id(term)),
    weighted: null,
    goalSide: { query: EMPTY_QUERY, themes, sideThemes, sectors },
  };
}

export function prepareProject(
  reader: TextReader,
  dictionary: TermDictionary,
  project: MatchProject,
): PreparedProject {
  const text = reader.read(projectText(project));
  const listed = project.skills.length > 0;
  // A project that lists no skills is matched on the skills its description names, at level 1.
  const skills = listed
    ? project.skills
    : text.skills.map((mention: SkillMention) => ({ skillId: mention.skillId, level: 1 as SkillLevel }));
  const requirements = requirementsOf(skills, skillNameReader(reader));
  // Listed skills are words of the project too, so goals that name a skill ("learn SEO") meet it;
  // a free-text skill adds its own words ("shorthand").
  const terms = new Map(text.terms);
  for (const need of requirements) {
    if (need.words.length > 0) {
      for (const word of need.words) if (!terms.has(word)) addTerm(terms, word);
    } else if (!terms.has(`skill:${need.skillId}`)) addTerm(terms, `skill:${need.skillId}`);
  }
  return {
    project,
    requirements,
    weighedAt: -1,
    hasEssentials: requirements.some((need) => need.essential),
    inferredSkills: !listed && skills.length > 0,
    doc: { terms, length: text.length + (terms.size - text.terms.size) },
    vector: dictionary.vector({ terms, length: text.length + (terms.size - text.terms.size) }),
    themes: themeBits([
      ...text.themeIds,
      ...categoryThemes(skills.map((skill) => skill.skillId)),
      ...(THEMES_BY_SECTOR.get(project.sector) ?? []),
    ]),
    sectorBit: sectorBits([project.sector]),
    timing: projectTiming(project),
  };
}

/** The student's query weighed against the current corpus, cached until the corpus changes. */
export function queryOf(student: PreparedStudent, stats: TermStats): WeightedQuery {
  if (student.weighted?.version !== stats.version)
    student.weighted = weighQuery(student.terms, stats, student.termIds);
  return student.weighted;
}
