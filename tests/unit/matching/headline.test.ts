import { beforeAll, describe, expect, it } from 'vitest';
import { MatchIndex } from '../../../server/matching/index.ts';
import { TODAY, makeProject, makeStudent } from './factories.ts';

/**
 * Issue 5's headline case: a student with 6 free hours a week who knows Instagram and Canva and wants
 * a marketing career sees fitting marketing projects first, never one needing 10 h/week, each with
 * reasons.
 */
const student = makeStudent({
  id: 'amira',
  headline: 'Business student with a part-time job',
  skills: [
    { skillId: 'instagram', level: 2 },
    { skillId: 'canva', level: 2 },
  ],
  hoursPerWeek: 6,
  goals: 'I want a career in marketing.',
  interests: 'food, photography',
  remote: 'remote_only',
});

const projects = [
  makeProject({
    id: 'bakery-insta',
    title: 'Instagram for a bakery',
    summary: 'A month of Instagram posts designed in Canva to promote our bakes.',
    skills: [
      { skillId: 'instagram', level: 2 },
      { skillId: 'canva', level: 1 },
    ],
    hoursPerWeek: 5,
  }),
  makeProject({
    id: 'charity-posters',
    title: 'Posters for a charity fun run',
    summary: 'Design posters and social posts in Canva to promote the run.',
    skills: [
      { skillId: 'canva', level: 2 },
      { skillId: 'social-media', level: 1 },
    ],
    hoursPerWeek: 6,
    sector: 'nonprofit',
  }),
  makeProject({
    id: 'big-campaign',
    title: 'Full marketing campaign',
    summary: 'Run our Instagram and Canva content for a big launch campaign.',
    skills: [
      { skillId: 'instagram', level: 2 },
      { skillId: 'canva', level: 2 },
    ],
    hoursPerWeek: 10,
  }),
  makeProject({
    id: 'bookkeeping',
    title: 'Bookkeeping catch-up',
    summary: 'Reconcile six months of receipts in Xero.',
    skills: [
      { skillId: 'bookkeeping', level: 2 },
      { skillId: 'xero', level: 2 },
    ],
    hoursPerWeek: 5,
  }),
  makeProject({
    id: 'python',
    title: 'Python data script',
    summary: 'Automate our order export clean-up with Python.',
    skills: [{ skillId: 'python', level: 2 }],
    hoursPerWeek: 4,
  }),
  makeProject({
    id: 'stock',
    title: 'Stocktake',
    summary: 'Count stock and set up a stock sheet.',
    skills: [{ skillId: 'inventory', level: 1 }],
    hoursPerWeek: 6,
    workMode: 'onsite',
    location: 'Leeds',
  }),
];

let index: MatchIndex;
beforeAll(async () => {
  index = await MatchIndex.create({ today: () => TODAY });
  for (const project of projects) index.upsertProject(project);
  index.upsertStudent(student);
});

describe('6 free hours, Instagram and Canva, wants a marketing career', () => {
  it('sees the fitting marketing projects first', () => {
    const ids = index.rankProjectsForStudent('amira').items.map((item) => item.id);
    expect(ids.slice(0, 2)).toEqual(['bakery-insta', 'charity-posters']);
  });

  it('never sees one needing 10 h/week (or on-site work as a remote-only student)', () => {
    const ranking = index.rankProjectsForStudent('amira');
    expect(ranking.items.map((item) => item.id)).not.toContain('big-campaign');
    expect(ranking.items.map((item) => item.id)).not.toContain('stock');
    expect(ranking.excluded).toBe(2);
  });

  it('gets reasons with each', () => {
    const [first] = index.rankProjectsForStudent('amira').items;
    expect(first?.reasons).toEqual(
      expect.arrayContaining([
        'You have all 2 skills (Instagram, Canva)',
        'Needs 5 h/week — you have 6',
        expect.stringMatching(/^Matches your goals: marketing/),
      ]),
    );
    for (const item of index.rankProjectsForStudent('amira').items)
      expect(item.reasons.length).toBeGreaterThanOrEqual(2);
  });
});
