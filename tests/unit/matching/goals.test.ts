import { describe, expect, it } from 'vitest';
import { TermStats, relevance, weighQuery } from '../../../server/matching/bm25.ts';
import {
  GOAL_WEIGHTS,
  goalsFit as fitWithRelevance,
  type GoalSide,
  type ProjectSide,
} from '../../../server/matching/goals.ts';
import { themeBits } from '../../../server/matching/themes.ts';

const doc = (words: string) => {
  const terms = new Map<string, number>();
  for (const word of words.split(' ')) terms.set(word, (terms.get(word) ?? 0) + 1);
  return { terms, length: words.split(' ').length };
};

describe('BM25 over the project corpus', () => {
  const corpus = [
    doc('instagram post bakery canva'),
    doc('instagram reel shop'),
    doc('bookkeeping xero plumber'),
    doc('beekeeping hive honey'),
  ];
  const stats = new TermStats();
  for (const item of corpus) stats.add(item);

  it('weighs rare words above common ones', () => {
    expect(stats.idf('beekeeping')).toBeGreaterThan(stats.idf('instagram'));
  });

  it('is 0 with nothing in common and grows with matching words', () => {
    const query = weighQuery(['beekeeping', 'honey', 'marketing'], stats);
    expect(relevance(query, corpus[0]!, stats.averageLength)).toBe(0);
    expect(relevance(query, corpus[3]!, stats.averageLength)).toBeGreaterThan(
      relevance(weighQuery(['beekeeping', 'marketing'], stats), corpus[3]!, stats.averageLength),
    );
    expect(relevance(query, corpus[3]!, stats.averageLength)).toBeLessThan(1);
  });

  it('keeps document frequencies right as projects come and go', () => {
    const local = new TermStats();
    local.add(corpus[0]!);
    local.add(corpus[1]!);
    const before = local.idf('instagram');
    const version = local.version;
    local.remove(corpus[1]!);
    expect(local.idf('instagram')).not.toBe(before);
    expect(local.version).toBeGreaterThan(version);
    expect(local.size).toBe(1);
  });
});

const goalsFit = (
  student: GoalSide,
  project: ProjectSide & { doc: Parameters<typeof relevance>[1] },
  averageLength: number,
) => fitWithRelevance(student, project, relevance(student.query, project.doc, averageLength));

describe('goals part', () => {
  const stats = new TermStats();
  stats.add(doc('marketing campaign bakery'));
  stats.add(doc('bookkeeping xero'));
  const project = {
    doc: doc('marketing campaign bakery'),
    themes: themeBits(['marketing', 'food']),
    sectorBit: 1 << 4,
  };
  const side = (terms: string[], themes: string[], sideThemes: string[] = [], sectors = 0) => ({
    query: weighQuery(terms, stats),
    themes: themeBits(themes),
    sideThemes: themeBits(sideThemes),
    sectors,
  });

  it('adds relevance, shared themes and a chosen sector', () => {
    const fit = goalsFit(side(['marketing'], ['marketing'], [], 1 << 4), project, stats.averageLength);
    expect(fit.themeFit).toBe(1);
    expect(fit.sectorFit).toBe(1);
    expect(fit.score).toBeCloseTo(
      GOAL_WEIGHTS.relevance * fit.relevance + GOAL_WEIGHTS.themes + GOAL_WEIGHTS.sector,
    );
  });

  it('needs two shared themes for a full theme match when the goals name several', () => {
    expect(
      goalsFit(side([], ['marketing', 'environment', 'data']), project, stats.averageLength).themeFit,
    ).toBeCloseTo(0.5);
    expect(goalsFit(side([], ['marketing', 'food', 'data']), project, stats.averageLength).themeFit).toBe(1);
  });

  it('counts themes of interests and headline at half weight', () => {
    expect(goalsFit(side([], ['data'], ['food']), project, stats.averageLength).themeFit).toBeCloseTo(
      0.5 / 1.5,
    );
  });

  it('scores a sector the student did not pick as 0, and no picks as neutral', () => {
    expect(goalsFit(side([], [], [], 1 << 1), project, stats.averageLength).sectorFit).toBe(0);
    expect(goalsFit(side([], [], [], 0), project, stats.averageLength).sectorFit).toBe(0.5);
  });

  it('treats blank goals as neutral, not as a mismatch', () => {
    const blank = goalsFit(side([], []), project, stats.averageLength);
    const unrelated = goalsFit(side(['xero'], ['finance']), project, stats.averageLength);
    expect(blank.score).toBeGreaterThan(unrelated.score);
  });
});
