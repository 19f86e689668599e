import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatchIndex } from '../../../server/matching/index.ts';
import {
  evaluate,
  keywordRanker,
  matcherRanker,
  measureFairness,
  type Judgement,
  type Programme,
} from '../../../server/matching/quality.ts';
import type { MatchProject, MatchStudent } from '../../../server/matching/types.ts';

/**
 * Match quality on 40 hand-written students, 47 projects and 355 graded judgements
 * (tests/fixtures/matching). The judgements were written from reading the profiles, before the
 * matcher was run on them; they are never edited to follow its output.
 */
const MARGIN = 0.1;

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/matching/${name}.json`, import.meta.url), 'utf8'));
const judged = fixture('judgements') as { today: string; judgements: Judgement[] };
const programme: Programme = {
  today: judged.today,
  students: fixture('students') as MatchStudent[],
  projects: fixture('projects') as MatchProject[],
  judgements: judged.judgements,
};

let index: MatchIndex;
beforeAll(async () => {
  index = await MatchIndex.create({ today: () => programme.today });
  for (const project of programme.projects) index.upsertProject(project);
  for (const student of programme.students) index.upsertStudent(student);
});

describe('match quality', () => {
  it('has judgements worth measuring against', () => {
    expect(programme.students.length).toBeGreaterThanOrEqual(40);
    expect(programme.projects.length).toBeGreaterThanOrEqual(40);
    for (const student of programme.students) {
      const own = programme.judgements.filter((judgement) => judgement.studentId === student.id);
      expect(own.length, student.id).toBeGreaterThanOrEqual(8);
      expect(
        own.every((judgement) => judgement.reason.length > 0 && [0, 1, 2, 3].includes(judgement.grade)),
      ).toBe(true);
    }
  });

  it('never puts a project a student cannot take in their top 5', () => {
    expect(evaluate(programme, matcherRanker(index)).violations).toBe(0);
  });

  it(`beats a plain keyword search by at least ${MARGIN} nDCG@5`, () => {
    const ours = evaluate(programme, matcherRanker(index));
    const baseline = evaluate(programme, keywordRanker(programme.projects));
    expect(ours.ndcg - baseline.ndcg).toBeGreaterThanOrEqual(MARGIN);
    expect(ours.precision).toBeGreaterThan(baseline.precision);
  });

  it('spreads businesses’ top 5 across more students with the exposure discount', () => {
    const fairness = measureFairness(index, programme);
    expect(fairness.students.after.gini).toBeLessThan(fairness.students.before.gini);
    expect(fairness.underServed.after.listsWithOne).toBeGreaterThanOrEqual(
      fairness.underServed.before.listsWithOne,
    );
  });
});
