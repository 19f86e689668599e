import { beforeEach, describe, expect, it } from 'vitest';
import { MatchIndex, NotInIndexError } from '../../../server/matching/index.ts';
import { TODAY, makeProject, makeStudent } from './factories.ts';

let index: MatchIndex;
beforeEach(async () => {
  index = await MatchIndex.create({ today: () => TODAY });
});

const design = makeProject({
  id: 'design',
  title: 'Posters for a theatre',
  summary: 'Design posters and flyers in Canva.',
  skills: [{ skillId: 'canva', level: 2 }],
});
const books = makeProject({
  id: 'books',
  title: 'Bookkeeping catch-up',
  summary: 'Reconcile receipts in Xero.',
  skills: [{ skillId: 'xero', level: 2 }],
});
const long = makeProject({
  id: 'long',
  title: 'Posters, but many hours',
  skills: [{ skillId: 'canva', level: 2 }],
  hoursPerWeek: 20,
});
const designer = makeStudent({
  id: 'designer',
  skills: [{ skillId: 'canva', level: 3 }],
  goals: 'graphic design',
});
const bookkeeper = makeStudent({
  id: 'bookkeeper',
  skills: [{ skillId: 'xero', level: 2 }],
  goals: 'accounting',
});

describe('MatchIndex', () => {
  beforeEach(() => {
    for (const project of [design, books, long]) index.upsertProject(project);
    for (const student of [designer, bookkeeper]) index.upsertStudent(student);
  });

  it('ranks projects for a student, best first, and counts the ones ruled out', () => {
    const ranking = index.rankProjectsForStudent('designer');
    expect(ranking.items.map((item) => item.id)).toEqual(['design', 'books']);
    expect(ranking.excluded).toBe(1);
    expect(ranking.considered).toBe(3);
    expect(ranking.items[0]?.reasons.length).toBeGreaterThan(0);
  });

  it('ranks students for a project, and only the candidates asked for', () => {
    expect(index.rankStudentsForProject('books').items.map((item) => item.id)).toEqual([
      'bookkeeper',
      'designer',
    ]);
    const applicants = index.rankStudentsForProject('books', { candidateIds: ['designer', 'nobody'] });
    expect(applicants.items.map((item) => item.id)).toEqual(['designer']);
    expect(applicants.considered).toBe(1);
  });

  it('gives the same score for a pair whichever way it is ranked', () => {
    const forStudent = index.rankProjectsForStudent('designer').items.find((item) => item.id === 'design');
    const forProject = index.rankStudentsForProject('design').items.find((item) => item.id === 'designer');
    expect(forStudent?.score).toBe(forProject?.score);
    expect(forStudent?.parts).toEqual(forProject?.parts);
  });

  it('respects the limit', () => {
    expect(index.rankProjectsForStudent('designer', { limit: 1 }).items).toHaveLength(1);
  });

  it('takes updates and removals into account', () => {
    index.upsertProject({ ...long, hoursPerWeek: 5 });
    expect(index.rankProjectsForStudent('designer').items.map((item) => item.id)).toContain('long');
    expect(index.removeProject('long')).toBe(true);
    expect(index.removeProject('long')).toBe(false);
    expect(index.projectCount).toBe(2);
    index.upsertStudent({ ...designer, skills: [{ skillId: 'xero', level: 3 }] });
    expect(index.rankProjectsForStudent('designer').items[0]?.id).toBe('books');
    expect(index.removeStudent('bookkeeper')).toBe(true);
    expect(index.rankStudentsForProject('books').items.map((item) => item.id)).toEqual(['designer']);
  });

  it('ranks a profile or project passed whole without adding it', () => {
    const visitor = makeStudent({ id: 'visitor', skills: [{ skillId: 'xero', level: 2 }] });
    expect(index.rankProjectsForStudent(visitor).items[0]?.id).toBe('books');
    expect(index.studentCount).toBe(2);
    const draft = makeProject({ id: 'draft', skills: [{ skillId: 'canva', level: 1 }] });
    expect(index.rankStudentsForProject(draft).items[0]?.id).toBe('designer');
    expect(index.projectCount).toBe(3);
  });

  it('refuses ids it does not hold', () => {
    expect(() => index.rankProjectsForStudent('nobody')).toThrow(NotInIndexError);
    expect(() => index.rankStudentsForProject('nothing')).toThrow(NotInIndexError);
  });

  it('explains a ruled-out pair with its violations', () => {
    const { result, violations } = index.matchPair('designer', 'long');
    expect(result).toBeNull();
    expect(violations).toEqual(['Needs 20 h/week; the student has 10']);
  });

  it('matches on skills read from the text when a project lists none', () => {
    index.upsertProject(
      makeProject({
        id: 'unlisted',
        title: 'Shop posters',
        summary: 'Design posters in Canva for the shop window.',
      }),
    );
    const result = index.matchPair('designer', 'unlisted').result;
    expect(result?.reasons[0]).toBe('You have 1 of 2 skills its description names (Canva)');
  });

  it('lowers a candidate shown often, a little', () => {
    const twin = makeStudent({
      id: 'twin',
      skills: [{ skillId: 'canva', level: 3 }],
      goals: 'graphic design',
    });
    index.upsertStudent(twin);
    const plain = index.rankStudentsForProject('design').items.map((item) => item.id);
    const exposure = new Map([[plain[0] ?? '', 20]]);
    const fair = index.rankStudentsForProject('design', { exposure }).items.map((item) => item.id);
    expect(fair[0]).toBe(plain[1]);
  });

  it('keeps an under-served project that fits in the top results', () => {
    index.upsertProject(
      makeProject({
        id: 'charity',
        title: 'Charity posters',
        skills: [
          { skillId: 'canva', level: 1 },
          { skillId: 'bookkeeping', level: 3 },
        ],
        sector: 'nonprofit',
      }),
    );
    for (let n = 0; n < 5; n += 1) index.upsertProject({ ...design, id: `design-${n}` });
    const fair = index.rankProjectsForStudent('designer', { limit: 5 }).items.map((item) => item.id);
    const plain = index
      .rankProjectsForStudent('designer', { limit: 5, underServed: false })
      .items.map((item) => item.id);
    expect(plain).not.toContain('charity');
    expect(fair).toContain('charity');
  });
});
