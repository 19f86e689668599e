import { beforeAll, describe, expect, it } from 'vitest';
import { MatchIndex } from '../../../server/matching/index.ts';
import { TODAY, makeProject, makeStudent } from './factories.ts';

let index: MatchIndex;
beforeAll(async () => {
  index = await MatchIndex.create({ today: () => TODAY });
});

const explain = (
  student = makeStudent(),
  project = makeProject(),
  audience: 'student' | 'business' = 'student',
) => {
  const { result, violations } = index.matchPair(student, project, audience);
  if (!result) throw new Error(`ruled out: ${violations.join('; ')}`);
  return result;
};

const student = makeStudent({
  hoursPerWeek: 10,
  skills: [
    { skillId: 'canva', level: 2 },
    { skillId: 'copywriting', level: 2 },
    { skillId: 'instagram', level: 2 },
    { skillId: 'excel', level: 1 },
  ],
  stretchSkillIds: ['photography'],
  goals: 'A marketing career, ideally for a charity',
  sectorsOfInterest: ['nonprofit'],
});
const project = makeProject({
  title: 'Instagram campaign for our charity shop',
  summary: 'Design posts in Canva and write captions to promote our charity shop.',
  skills: [
    { skillId: 'canva', level: 1 },
    { skillId: 'copywriting', level: 1 },
    { skillId: 'instagram', level: 2 },
    { skillId: 'data-analysis', level: 1 },
    { skillId: 'photography', level: 1 },
  ],
  hoursPerWeek: 8,
  sector: 'nonprofit',
});

describe('explanations for a student', () => {
  const result = () => explain(student, project);

  it('counts the skills they have and names them', () => {
    expect(result().reasons).toContain('You have 3 of 5 skills (Canva, Copywriting, Instagram)');
  });

  it('names a related skill for a missing one', () => {
    expect(result().reasons).toContain('Microsoft Excel is related to the missing Data analysis skill');
  });

  it('mentions a skill they want to grow into', () => {
    expect(result().reasons).toContain('Lets you grow into Photography, as you wanted');
  });

  it('compares hours in their words', () => {
    expect(result().reasons).toContain('Needs 8 h/week — you have 10');
  });

  it('says how it meets their goals and sector', () => {
    expect(result().reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Matches your goals: .*marketing/),
        'In a sector you picked: Nonprofit',
      ]),
    );
  });

  it('suggests the skills that would raise the match, the heaviest first', () => {
    expect(result().improve).toEqual([
      'Adding Data analysis would raise this match',
      'Adding Photography would raise this match',
    ]);
  });

  it('says when a skill is below the level asked', () => {
    const lower = explain(
      makeStudent({ skills: [{ skillId: 'excel', level: 1 }] }),
      makeProject({ skills: [{ skillId: 'excel', level: 3 }] }),
    );
    expect(lower.reasons).toContain("Microsoft Excel: you're Beginner, it asks for Advanced");
    expect(lower.improve).toContain('Reaching Advanced in Microsoft Excel would raise this match');
  });

  it('says where the work happens', () => {
    expect(result().reasons).toContain('Remote');
    const onsite = explain(
      makeStudent({ location: 'Leeds' }),
      makeProject({ workMode: 'onsite', location: 'Leeds' }),
    );
    expect(onsite.reasons).toContain('On-site in Leeds, where you are');
  });

  it('says how much of the project falls in their free weeks, and what would cover it', () => {
    const partial = explain(
      makeStudent({ availableWeeks: 2 }),
      makeProject({ durationWeeks: 4, startDate: '2025-03-03' }),
    );
    expect(partial.reasons).toContain('Your free weeks cover 2 of its 4 weeks');
    expect(partial.improve).toContain('Being free for 2 more weeks would cover the whole project');
  });

  it('reads skills named in the goals as wanted, and in the headline as probably held', () => {
    const seo = makeProject({
      skills: [
        { skillId: 'seo', level: 1 },
        { skillId: 'instagram', level: 1 },
      ],
    });
    const result = explain(
      makeStudent({ goals: 'I want to learn SEO', headline: "I run my club's insta" }),
      seo,
    );
    expect(result.reasons).toEqual(
      expect.arrayContaining([
        'Lets you grow into SEO, as you wanted',
        'You mention Instagram in your profile',
      ]),
    );
    expect(result.improve).toContain('Adding SEO would raise this match');
  });

  it('warns when a language the work needs is missing', () => {
    const language = explain(
      makeStudent({ skills: [{ skillId: 'welsh', level: 3 }] }),
      makeProject({ skills: [{ skillId: 'polish', level: 3 }] }),
    );
    expect(language.reasons[0]).toBe("Needs Polish, which you don't list");
  });
});

describe('explanations for a business', () => {
  const result = () => explain(student, project, 'business');

  it('speaks about the student', () => {
    expect(result().reasons).toEqual(
      expect.arrayContaining([
        'Has 3 of 5 skills (Canva, Copywriting, Instagram)',
        'Wants to grow into Photography',
        'Has 10 h/week; needs 8',
        'Interested in nonprofit work',
      ]),
    );
    expect(result().improve).toContain('Does not list Data analysis yet');
  });
});

describe('every result is explained', () => {
  it('has at least a skills or hours reason and parts between 0 and 1', () => {
    const bare = explain(makeStudent(), makeProject());
    expect(bare.reasons.length).toBeGreaterThan(0);
    for (const part of Object.values(bare.parts)) {
      expect(part).toBeGreaterThanOrEqual(0);
      expect(part).toBeLessThanOrEqual(1);
    }
    expect(bare.score).toBeGreaterThanOrEqual(0);
    expect(bare.score).toBeLessThanOrEqual(100);
  });
});
