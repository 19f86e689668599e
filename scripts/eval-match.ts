/**
 * Match quality on the hand-judged programmes in tests/fixtures/matching: nDCG@5 and P@5 for our
 * matcher and for a plain keyword baseline, hard-constraint violations in top-5 lists, and the
 * fairness effects. Three splits, reported apart:
 *  - main: the original 40 students and 47 projects;
 *  - new shapes (tests/fixtures/matching/new-shapes): places written as districts, postcodes and
 *    neighbouring towns, free-text skills, undated projects, generic skills; tuned on;
 *  - held-out (tests/fixtures/matching/held-out): the same kinds of shapes, written at the same
 *    time and never looked at while tuning.
 * The new-shapes and held-out students are ranked against their own projects plus the main 47.
 * Run: npm run eval:match
 */
import { readFileSync } from 'node:fs';
import { MatchIndex } from '../server/matching/index.ts';
import {
  evaluate,
  keywordRanker,
  matcherRanker,
  measureFairness,
  type Judgement,
  type Programme,
} from '../server/matching/quality.ts';
import type { MatchProject, MatchStudent } from '../server/matching/types.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../tests/fixtures/matching/${name}.json`, import.meta.url), 'utf8'));

export type Split = 'main' | 'new-shapes' | 'held-out';

/** A split's students and judgements; its projects are the main ones plus its own. */
export function loadProgramme(split: Split = 'main'): Programme {
  const folder = split === 'main' ? '' : `${split}/`;
  const judged = fixture(`${folder}judgements`) as { today: string; judgements: Judgement[] };
  const main = fixture('projects') as MatchProject[];
  const own = split === 'main' ? [] : (fixture(`${folder}projects`) as MatchProject[]);
  return {
    today: judged.today,
    students: fixture(`${folder}students`) as MatchStudent[],
    projects: [...main, ...own],
    judgements: judged.judgements,
  };
}

async function indexOf(programme: Programme): Promise<MatchIndex> {
  const index = await MatchIndex.create({ today: () => programme.today });
  for (const project of programme.projects) index.upsertProject(project);
  for (const student of programme.students) index.upsertStudent(student);
  return index;
}

const header = () =>
  console.log(
    'ranker'.padEnd(36),
    'nDCG@5'.padStart(7),
    'P@5'.padStart(7),
    'violations'.padStart(11),
    'students'.padStart(9),
  );

async function report(split: Split): Promise<MatchIndex> {
  const programme = loadProgramme(split);
  const index = await indexOf(programme);
  const rows = [
    ['matcher', evaluate(programme, matcherRanker(index))],
    ['matcher, no under-served rule', evaluate(programme, matcherRanker(index, { underServed: false }))],
    ['keyword baseline (BM25, raw text)', evaluate(programme, keywordRanker(programme.projects))],
  ] as const;
  console.log(
    `\n[${split}] ${programme.students.length} students, ${programme.projects.length} projects, ${programme.judgements.length} judgements (today ${programme.today})`,
  );
  header();
  for (const [name, figures] of rows) {
    console.log(
      name.padEnd(36),
      figures.ndcg.toFixed(3).padStart(7),
      figures.precision.toFixed(3).padStart(7),
      String(figures.violations).padStart(11),
      String(figures.students).padStart(9),
    );
  }
  return index;
}

const mainIndex = await report('main');
await report('new-shapes');
await report('held-out');

const programme = loadProgramme('main');
const fairness = measureFairness(mainIndex, programme);
const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
console.log('\n[main] fair exposure (each project’s top-5 students, in turn):');
console.log(
  `  Gini of appearances  ${fairness.students.before.gini.toFixed(3)} → ${fairness.students.after.gini.toFixed(3)}`,
);
console.log(
  `  top-10% share        ${pct(fairness.students.before.topDecileShare)} → ${pct(fairness.students.after.topDecileShare)}`,
);
console.log(
  `  students reached     ${fairness.students.before.reached} → ${fairness.students.after.reached}`,
);
console.log('under-served sectors in students’ top-5:');
console.log(
  `  share of places      ${pct(fairness.underServed.before.places)} → ${pct(fairness.underServed.after.places)}`,
);
console.log(
  `  lists with one       ${pct(fairness.underServed.before.listsWithOne)} → ${pct(fairness.underServed.after.listsWithOne)}`,
);
