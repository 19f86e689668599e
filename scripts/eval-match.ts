/**
 * Match quality on the hand-judged programme in tests/fixtures/matching: nDCG@5 and P@5 for our
 * matcher and for a plain keyword baseline, hard-constraint violations in top-5 lists, and the
 * fairness effects. Run: npm run eval:match
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

export function loadProgramme(): Programme {
  const judged = fixture('judgements') as { today: string; judgements: Judgement[] };
  return {
    today: judged.today,
    students: fixture('students') as MatchStudent[],
    projects: fixture('projects') as MatchProject[],
    judgements: judged.judgements,
  };
}

const programme = loadProgramme();
const index = await MatchIndex.create({ today: () => programme.today });
for (const project of programme.projects) index.upsertProject(project);
for (const student of programme.students) index.upsertStudent(student);

const rows = [
  ['matcher', evaluate(programme, matcherRanker(index))],
  ['matcher, no under-served rule', evaluate(programme, matcherRanker(index, { underServed: false }))],
  ['keyword baseline (BM25, raw text)', evaluate(programme, keywordRanker(programme.projects))],
] as const;

const judged = programme.judgements.length;
console.log(
  `${programme.students.length} students, ${programme.projects.length} projects, ${judged} judgements (today ${programme.today})\n`,
);
console.log(
  'ranker'.padEnd(36),
  'nDCG@5'.padStart(7),
  'P@5'.padStart(7),
  'violations'.padStart(11),
  'students'.padStart(9),
);
for (const [name, figures] of rows) {
  console.log(
    name.padEnd(36),
    figures.ndcg.toFixed(3).padStart(7),
    figures.precision.toFixed(3).padStart(7),
    String(figures.violations).padStart(11),
    String(figures.students).padStart(9),
  );
}
const fairness = measureFairness(index, programme);
const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
console.log('\nfair exposure (each project’s top-5 students, in turn):');
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
