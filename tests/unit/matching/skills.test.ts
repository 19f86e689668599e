import { describe, expect, it } from 'vitest';
import type { SkillLevel } from '../../../shared/marketplace.ts';
import {
  MENTIONED_CREDIT,
  NO_REQUIREMENTS_SCORE,
  RELATED_CREDIT,
  STRETCH_BONUS,
  missingEssentials,
  requirementsOf,
  skillProfile,
  skillsScore,
  type Coverage,
  type SkillProfile,
} from '../../../server/matching/skills.ts';

function profile(
  levels: Record<string, SkillLevel>,
  extra: { mentioned?: string[]; stretch?: string[] } = {},
): SkillProfile {
  return skillProfile(new Map(Object.entries(levels)), extra.mentioned, extra.stretch);
}
const needs = (entries: Record<string, SkillLevel>) =>
  requirementsOf(Object.entries(entries).map(([skillId, level]) => ({ skillId, level })));

describe('skills part', () => {
  it('is full for every skill at the level asked, or above', () => {
    expect(skillsScore(profile({ canva: 3, instagram: 2 }), needs({ canva: 2, instagram: 2 }))).toBe(1);
  });

  it('weighs each need by its level', () => {
    // Has the level-3 need, not the level-1 one: 3 of 4 weight.
    expect(
      skillsScore(profile({ excel: 3 }), needs({ excel: 3, 'google-sheets': 1, 'pivot-tables': 1 })),
    ).toBeCloseTo((3 + RELATED_CREDIT.medium + RELATED_CREDIT.strong) / 5);
    expect(skillsScore(profile({ canva: 1 }), needs({ canva: 1, bookkeeping: 3 }))).toBeCloseTo(1 / 4);
  });

  it('gives partial credit below the level asked', () => {
    expect(skillsScore(profile({ excel: 1 }), needs({ excel: 2 }))).toBeCloseTo(0.7);
    expect(skillsScore(profile({ excel: 2 }), needs({ excel: 3 }))).toBeCloseTo(0.8);
    expect(skillsScore(profile({ excel: 1 }), needs({ excel: 3 }))).toBeCloseTo(0.6);
  });

  it('treats a low level on one skill as partial credit, not a veto, when the rest fits', () => {
    const data = needs({ 'data-cleaning': 2, dashboards: 2, sql: 3 });
    const score = skillsScore(profile({ 'data-cleaning': 3, dashboards: 3, sql: 1 }), data);
    expect(score).toBeCloseTo((2 + 2 + 3 * 0.6) / 7);
    expect(score).toBeGreaterThan(0.8);
  });

  it('gives part of the credit for related skills, by strength', () => {
    expect(skillsScore(profile({ canva: 2 }), needs({ 'graphic-design': 2 }))).toBeCloseTo(
      RELATED_CREDIT.strong,
    );
    expect(skillsScore(profile({ excel: 2 }), needs({ 'data-analysis': 2 }))).toBeCloseTo(
      RELATED_CREDIT.medium,
    );
    expect(skillsScore(profile({ canva: 1 }), needs({ 'graphic-design': 3 }))).toBeCloseTo(
      RELATED_CREDIT.strong * 0.6,
    );
  });

  it('counts a skill the profile mentions but does not list, as a beginner', () => {
    expect(skillsScore(profile({}, { mentioned: ['instagram'] }), needs({ instagram: 1 }))).toBeCloseTo(
      MENTIONED_CREDIT,
    );
  });

  it('adds a small bonus, once, for a needed skill the student wants to grow into', () => {
    const without = skillsScore(profile({ canva: 2 }), needs({ canva: 2, photography: 1, copywriting: 1 }));
    const withOne = skillsScore(
      profile({ canva: 2 }, { stretch: ['photography'] }),
      needs({ canva: 2, photography: 1, copywriting: 1 }),
    );
    const withTwo = skillsScore(
      profile({ canva: 2 }, { stretch: ['photography', 'copywriting'] }),
      needs({ canva: 2, photography: 1, copywriting: 1 }),
    );
    expect(withOne - without).toBeCloseTo(STRETCH_BONUS);
    expect(withTwo).toBeCloseTo(withOne);
  });

  it('is neutral for a project that needs nothing in particular', () => {
    expect(skillsScore(profile({ canva: 2 }), [])).toBe(NO_REQUIREMENTS_SCORE);
  });

  it('counts "people" skills like teamwork at half weight', () => {
    expect(skillsScore(profile({ canva: 2 }), needs({ canva: 2, teamwork: 2 }))).toBeCloseTo(2 / 3);
  });

  it('never lets one language stand in for another', () => {
    expect(skillsScore(profile({ welsh: 3, translation: 3 }), needs({ polish: 3 }))).toBe(0);
    expect(missingEssentials(profile({ welsh: 3 }), needs({ polish: 2, translation: 1 }))).toEqual([
      'polish',
    ]);
    expect(missingEssentials(profile({ polish: 1 }), needs({ polish: 3 }))).toEqual([]);
    expect(missingEssentials(profile({}), needs({ polish: 1 }))).toEqual([]);
  });

  it('says how each need was covered', () => {
    const detail: Coverage[] = [];
    skillsScore(
      profile({ canva: 2, excel: 1 }, { stretch: ['photography'] }),
      needs({ canva: 1, excel: 2, 'graphic-design': 1, photography: 1, bookkeeping: 1 }),
      detail,
    );
    expect(detail.map(({ skillId, kind }) => [skillId, kind])).toEqual([
      ['canva', 'has'],
      ['excel', 'lower'],
      ['graphic-design', 'related'],
      ['photography', 'missing'],
      ['bookkeeping', 'missing'],
    ]);
    expect(detail.find((item) => item.skillId === 'graphic-design')?.via).toBe('canva');
    expect(detail.find((item) => item.skillId === 'photography')?.stretch).toBe(true);
  });
});
