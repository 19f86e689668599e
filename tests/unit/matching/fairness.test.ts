import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPOSURE,
  ensureUnderServed,
  exposureConcentration,
  exposureDiscount,
  gini,
  rerankByExposure,
  underServedShare,
} from '../../../server/matching/fairness.ts';

const items = (...pairs: [string, number][]) => pairs.map(([id, score]) => ({ id, score }));

describe('exposure discount', () => {
  it('leaves the unseen alone and never takes more than the strength', () => {
    expect(exposureDiscount(0)).toBe(1);
    expect(exposureDiscount(3)).toBeCloseTo(1 - DEFAULT_EXPOSURE.strength / 2);
    expect(exposureDiscount(1000)).toBeGreaterThan(1 - DEFAULT_EXPOSURE.strength);
  });

  it('lets a slightly weaker, rarely shown candidate pass an often shown one, but not a much weaker one', () => {
    const ranked = rerankByExposure(items(['star', 80], ['close', 76], ['far', 50]), new Map([['star', 10]]));
    expect(ranked.map((item) => item.id)).toEqual(['close', 'star', 'far']);
    expect(ranked.find((item) => item.id === 'star')?.score).toBe(80);
  });
});

describe('under-served sectors', () => {
  const underServed = (item: { id: string }) => item.id.startsWith('u');

  it('moves the best fitting under-served item into the top k', () => {
    const ranked = ensureUnderServed(
      items(['a', 90], ['b', 85], ['c', 80], ['u1', 60], ['u2', 70]),
      underServed,
      [],
      { k: 3, minCount: 1, floor: 45 },
    );
    expect(ranked.map((item) => item.id)).toEqual(['a', 'b', 'u2', 'c', 'u1']);
  });

  it('uses candidates from beyond the list and respects the floor', () => {
    expect(
      ensureUnderServed(items(['a', 90], ['b', 85]), underServed, items(['u9', 50]), {
        k: 2,
        minCount: 1,
        floor: 45,
      }).map((i) => i.id),
    ).toEqual(['a', 'u9', 'b']);
    expect(
      ensureUnderServed(items(['a', 90], ['b', 85]), underServed, items(['u9', 30]), {
        k: 2,
        minCount: 1,
        floor: 45,
      }).map((i) => i.id),
    ).toEqual(['a', 'b']);
  });

  it('changes nothing when enough are there already', () => {
    const list = items(['a', 90], ['u1', 85], ['c', 80]);
    expect(ensureUnderServed(list, underServed, [], { k: 3, minCount: 1, floor: 45 })).toEqual(list);
  });
});

describe('fairness measures', () => {
  it('computes the Gini coefficient', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 12])).toBeCloseTo(0.75);
    expect(gini([])).toBe(0);
  });

  it('reports concentration of top-k appearances and the under-served share', () => {
    const lists = [
      ['a', 'b'],
      ['a', 'c'],
      ['a', 'b'],
    ];
    const report = exposureConcentration(lists, ['a', 'b', 'c', 'd'], 2);
    expect(report.reached).toBe(3);
    expect(report.topDecileShare).toBeCloseTo(0.5);
    expect(report.gini).toBeGreaterThan(0);
    expect(underServedShare(lists, (id) => id === 'c', 2)).toEqual({ places: 1 / 6, listsWithOne: 1 / 3 });
  });
});
