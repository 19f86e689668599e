import { beforeAll, describe, expect, it } from 'vitest';
import type { SkillLevel } from '../../../shared/marketplace.ts';
import { freeSkillId, isFreeSkill, skillName } from '../../../shared/taxonomy/index.ts';
import { MatchIndex } from '../../../server/matching/index.ts';
import { skillNameReader } from '../../../server/matching/prepare.ts';
import {
  NEIGHBOUR_CREDIT,
  WORD_OVERLAP_CREDIT,
  requirementsOf,
  skillProfile,
  skillsScore,
  type ReadSkillName,
} from '../../../server/matching/skills.ts';
import { SkillFrequency } from '../../../server/matching/specificity.ts';
import { loadTextReader } from '../../../server/matching/text.ts';
import { TODAY, makeProject, makeStudent } from './factories.ts';

let read: ReadSkillName;
beforeAll(async () => {
  read = skillNameReader(await loadTextReader());
});

const profile = (levels: Record<string, SkillLevel>) =>
  skillProfile(new Map(Object.entries(levels)), [], [], read);
const needs = (entries: Record<string, SkillLevel>) =>
  requirementsOf(
    Object.entries(entries).map(([skillId, level]) => ({ skillId, level })),
    read,
  );

describe('free-text skills', () => {
  it('are kept as written under a free: id', () => {
    expect(freeSkillId('  Bike   maintenance ')).toBe('free:Bike maintenance');
    expect(isFreeSkill('free:Tally')).toBe(true);
    expect(isFreeSkill('canva')).toBe(false);
    expect(skillName('free:Tally')).toBe('Tally');
    expect(skillName('canva')).toBe('Canva');
  });

  it('match the same words, whatever the case or order', () => {
    expect(skillsScore(profile({ 'free:Tally': 2 }), needs({ 'free:tally': 2 }))).toBe(1);
    expect(skillsScore(profile({ 'free:Teeline shorthand': 2 }), needs({ 'free:shorthand': 2 }))).toBe(1);
  });

  it('earn part of the credit for some shared words', () => {
    const score = skillsScore(profile({ 'free:garment mending': 2 }), needs({ 'free:clothes mending': 2 }));
    expect(score).toBeCloseTo(WORD_OVERLAP_CREDIT * 0.5);
    expect(skillsScore(profile({ 'free:bike maintenance': 2 }), needs({ 'free:cake decorating': 2 }))).toBe(
      0,
    );
  });

  it('meet the taxonomy skills their names contain, both ways', () => {
    expect(skillsScore(profile({ photography: 2 }), needs({ 'free:food photography': 2 }))).toBeCloseTo(
      NEIGHBOUR_CREDIT,
    );
    // A student who does food photography mentions photography: a beginner's credit.
    expect(skillsScore(profile({ 'free:food photography': 3 }), needs({ photography: 1 }))).toBeGreaterThan(
      0.7,
    );
  });

  it('rank a project that asks for them for the student who has them', async () => {
    const index = await MatchIndex.create({ today: () => TODAY });
    index.upsertProject(
      makeProject({
        id: 'paper',
        skills: [{ skillId: 'free:shorthand', level: 2 }],
        summary: 'Court reporting',
      }),
    );
    index.upsertProject(makeProject({ id: 'shop', skills: [{ skillId: 'retail-sales', level: 2 }] }));
    index.upsertStudent(makeStudent({ id: 'ruth', skills: [{ skillId: 'free:Shorthand', level: 2 }] }));
    const ranking = index.rankProjectsForStudent('ruth');
    expect(ranking.items[0]?.id).toBe('paper');
    expect(ranking.items[0]?.reasons.join(' ').toLowerCase()).toContain('shorthand');
  });
});

describe('generic skills', () => {
  it('weigh less the more projects ask for them', () => {
    const frequency = new SkillFrequency();
    for (let n = 0; n < 40; n += 1)
      frequency.add(needs(n < 8 ? { 'report-writing': 2, [`free:topic ${n}`]: 1 } : { [`free:x ${n}`]: 1 }));
    expect(frequency.specificity('free:topic 1')).toBe(1);
    expect(frequency.specificity('report-writing')).toBeCloseTo(1 - (8 / 40 - 0.05) * 3);
    expect(new SkillFrequency().specificity('report-writing')).toBe(1);
  });
});
