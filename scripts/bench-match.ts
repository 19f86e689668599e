/**
 * Matching speed on a large synthetic programme (fixed seed, so runs compare): builds an index of
 * 5,000 projects and 20,000 students, then times 200 rankings each way and reports median and p95.
 * Run: npm run bench:match [-- --projects 5000 --students 20000 --queries 200]
 */
import { availableParallelism, loadavg } from 'node:os';
import {
  SECTORS,
  TIME_SLOTS,
  type RemotePreference,
  type SkillLevel,
  type WorkMode,
} from '../shared/marketplace.ts';
import { SKILLS } from '../shared/taxonomy/index.ts';
import { MatchIndex } from '../server/matching/index.ts';
import { isoDay, dayNumber } from '../server/matching/availability.ts';
import { measureFairness } from '../server/matching/quality.ts';
import type { MatchProject, MatchStudent } from '../server/matching/types.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const PROJECTS = option('projects', 5_000);
const STUDENTS = option('students', 20_000);
const QUERIES = option('queries', 200);
const TODAY = '2025-03-03';

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(20250303);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const some = <T>(items: readonly T[], min: number, max: number): T[] => {
  const count = min + Math.floor(next() * (max - min + 1));
  return [...new Set(Array.from({ length: count }, () => pick(items)))];
};
const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));

const CITIES = [
  'Leeds',
  'Manchester',
  'Bristol',
  'Glasgow',
  'London',
  'Cardiff',
  'Birmingham',
  'Sheffield',
  'Newcastle',
  'Liverpool',
  'Nottingham',
  'Belfast',
];
const TOPICS = [
  'climate',
  'food',
  'fashion',
  'music',
  'sport',
  'young people',
  'older people',
  'housing',
  'refugees',
  'mental health',
  'local history',
  'cycling',
  'gardening',
  'theatre',
  'coffee',
  'books',
  'animals',
  'zero waste',
  'tech',
  'startups',
];
const FIELDS = [
  'marketing',
  'design',
  'data analysis',
  'finance',
  'events',
  'fundraising',
  'software',
  'research',
  'operations',
  'communications',
  'social media',
  'teaching',
  'journalism',
  'policy',
];
const ORGS = [
  'bakery',
  'charity',
  'community centre',
  'bike shop',
  'café',
  'theatre',
  'food bank',
  'youth club',
  'start-up',
  'council team',
  'social enterprise',
  'bookshop',
  'brewery',
  'studio',
];
const LEVELS: SkillLevel[] = [1, 2, 3];

function makeStudent(n: number): MatchStudent {
  const skills = some(SKILLS, 2, 8).map((skill) => ({ skillId: skill.id, level: pick(LEVELS) }));
  const topics = some(TOPICS, 2, 4);
  const field = pick(FIELDS);
  return {
    id: `s${n}`,
    name: `Student ${n}`,
    headline: `${pick(['First', 'Second', 'Final'])}-year ${pick(FIELDS)} student who has done ${skills[0] ? SKILLS.find((s) => s.id === skills[0]?.skillId)?.label : 'some work'}`,
    skills,
    stretchSkillIds: some(SKILLS, 0, 2).map((skill) => skill.id),
    hoursPerWeek: between(2, 20),
    availableFrom: next() < 0.6 ? null : isoDay(dayNumber(TODAY) + between(0, 90)),
    availableWeeks: next() < 0.5 ? null : between(4, 16),
    availability: next() < 0.4 ? [] : some(TIME_SLOTS, 1, 2),
    remote: pick<RemotePreference>(['remote_only', 'onsite_ok', 'any']),
    location: next() < 0.1 ? null : pick(CITIES),
    goals: `I want a career in ${field}, ideally working on ${topics[0]}. Keen to get better at ${pick(SKILLS).label.toLowerCase()}.`,
    interests: topics.join(', '),
    sectorsOfInterest: some(SECTORS, 0, 2),
  };
}

function makeProject(n: number): MatchProject {
  const skills = some(SKILLS, 1, 5).map((skill) => ({ skillId: skill.id, level: pick(LEVELS) }));
  const labels = skills.map(
    (need) => SKILLS.find((skill) => skill.id === need.skillId)?.label.toLowerCase() ?? need.skillId,
  );
  const org = pick(ORGS);
  const topic = pick(TOPICS);
  const workMode = pick<WorkMode>(['remote', 'remote', 'remote', 'onsite', 'hybrid']);
  return {
    id: `p${n}`,
    title: `${labels[0] ?? 'Help'} for a ${org}`,
    summary: `We are a ${org} working on ${topic}. We need help with ${labels.join(', ')} so we can reach more people and ${pick(['raise money', 'sell more', 'save time', 'tell our story', 'understand our users'])}.`,
    deliverables: some(
      [
        'a plan',
        'a short report',
        'a set of designs',
        'a cleaned spreadsheet',
        'a handover guide',
        'ten posts',
        'a survey',
      ],
      1,
      3,
    ),
    skills,
    durationWeeks: between(2, 8),
    hoursPerWeek: between(2, 12),
    startDate: next() < 0.5 ? null : isoDay(dayNumber(TODAY) + between(0, 60)),
    flexibility: next() < 0.2 ? 'fixed' : 'flexible',
    workTimes: next() < 0.5 ? [] : some(TIME_SLOTS, 1, 2),
    workMode,
    location: workMode === 'remote' ? null : pick(CITIES),
    sector: pick(SECTORS),
    orgName: `${org} ${n}`,
    fee: between(200, 1200),
  };
}

interface Timing {
  wall: number;
  cpu: number;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** Wall time is what a caller waits; CPU time is this process's own work, free of other load on the machine. */
function summarise(timings: Timing[]): string {
  const wall = timings.map((timing) => timing.wall);
  const cpu = timings.map((timing) => timing.cpu);
  return `median ${quantile(wall, 0.5).toFixed(1)} ms, p95 ${quantile(wall, 0.95).toFixed(1)} ms  (CPU: median ${quantile(cpu, 0.5).toFixed(1)} ms, p95 ${quantile(cpu, 0.95).toFixed(1)} ms)`;
}

function time(run: () => void): Timing {
  const start = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const projects = Array.from({ length: PROJECTS }, (_, n) => makeProject(n));
const students = Array.from({ length: STUDENTS }, (_, n) => makeStudent(n));

const loadStart = performance.now();
const index = await MatchIndex.create({ today: () => TODAY });
const loadMs = performance.now() - loadStart;
const build = time(() => {
  for (const project of projects) index.upsertProject(project);
  for (const student of students) index.upsertStudent(student);
});
const buildMs = build.wall;
console.log(`text reader loaded in ${loadMs.toFixed(0)} ms`);
console.log(
  `index built in ${(buildMs / 1000).toFixed(1)} s, CPU ${(build.cpu / 1000).toFixed(1)} s (${PROJECTS} projects, ${STUDENTS} students; ${((buildMs * 1000) / (PROJECTS + STUDENTS)).toFixed(0)} µs each)`,
);
console.log(
  `machine load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores (wall times grow with it; CPU times do not)`,
);

// Warm up the JIT so the figures are the steady state a running server sees.
for (let n = 0; n < 20; n += 1) {
  index.rankProjectsForStudent(pick(students).id);
  index.rankStudentsForProject(pick(projects).id);
}

const exposure = new Map(students.slice(0, 500).map((student, n) => [student.id, n % 12]));
const forStudent: Timing[] = [];
const forProject: Timing[] = [];
const forProjectFair: Timing[] = [];
let kept = 0;
let scored = 0;
const count = (ranking: { excluded: number; considered: number; items: unknown[] }) => {
  scored += ranking.considered - ranking.excluded;
  return ranking.items.length;
};
for (let n = 0; n < QUERIES; n += 1) {
  forStudent.push(
    time(() => (kept += count(index.rankProjectsForStudent(pick(students).id, { limit: 20 })))),
  );
  forProject.push(
    time(() => (kept += count(index.rankStudentsForProject(pick(projects).id, { limit: 20 })))),
  );
  forProjectFair.push(
    time(() => (kept += count(index.rankStudentsForProject(pick(projects).id, { limit: 20, exposure })))),
  );
}
console.log(`${QUERIES} queries each (limit 20, with explanations):`);
console.log(`  projects for a student (${PROJECTS}):        ${summarise(forStudent)}`);
console.log(`  students for a project (${STUDENTS}):       ${summarise(forProject)}`);
console.log(`  … with an exposure map:                 ${summarise(forProjectFair)}`);
console.log(
  `  (${(kept / (QUERIES * 3)).toFixed(1)} results per list on average; ${(scored / (QUERIES * 3)).toFixed(0)} pairs a query passed the hard constraints and were scored)`,
);

// Fair exposure at scale, on a sample: 300 projects' top-10 students in turn, 300 students' top 5.
const sample = { projects: projects.slice(0, 300), students: students.slice(0, 300) };
const fairness = measureFairness(
  index,
  sample,
  10,
  students.map((student) => student.id),
);
const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
console.log('fair exposure (300 projects, top 10 each):');
console.log(
  `  Gini of student appearances ${fairness.students.before.gini.toFixed(3)} → ${fairness.students.after.gini.toFixed(3)}, top-10% share ${pct(fairness.students.before.topDecileShare)} → ${pct(fairness.students.after.topDecileShare)}, students reached ${fairness.students.before.reached} → ${fairness.students.after.reached}`,
);
console.log('under-served sectors in 300 students’ top 10:');
console.log(
  `  share of places ${pct(fairness.underServed.before.places)} → ${pct(fairness.underServed.after.places)}, lists with one ${pct(fairness.underServed.before.listsWithOne)} → ${pct(fairness.underServed.after.listsWithOne)}`,
);
