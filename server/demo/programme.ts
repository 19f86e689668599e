/**
 * The believable programme `npm start` and `npm run seed` fill an empty database with: four
 * organisations from different sectors and their supervisors, published projects written from the
 * templates, students with different skills and free hours, a mentor, an admin, and one workspace
 * already under way. Every demo account shares one password, printed at start.
 */
import type { z } from 'zod';
import type { studentProfileInput } from '../../shared/schemas/marketplace.ts';

export const DEMO_PASSWORD = 'stint-demo-2026';

export interface DemoPerson {
  name: string;
  email: string;
  role: 'student' | 'supervisor' | 'mentor' | 'admin';
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { name: 'Priya Raman', email: 'priya@cornerthread.example', role: 'supervisor' },
  { name: 'Tom Okafor', email: 'tom@eastsidefoodbank.example', role: 'supervisor' },
  { name: 'Margaret Lowe', email: 'margaret@lanterntheatre.example', role: 'supervisor' },
  { name: 'Dev Patel', email: 'dev@secondspin.example', role: 'supervisor' },
  { name: 'Zoë Ñúñez', email: 'zoe@student.example', role: 'student' },
  { name: 'Marcus Bell', email: 'marcus@student.example', role: 'student' },
  { name: 'Aisha Karim', email: 'aisha@student.example', role: 'student' },
  { name: 'Sam Whitfield', email: 'sam@student.example', role: 'student' },
  { name: 'Grace Mensah', email: 'grace@mentor.example', role: 'mentor' },
  { name: 'Programme Admin', email: 'admin@stint.example', role: 'admin' },
];

export const DEMO_ORGANISATIONS = [
  {
    supervisor: 'priya@cornerthread.example',
    name: 'Corner Thread Fabrics',
    sector: 'retail',
    size: '1-9',
    location: 'Bradford',
    workMode: 'hybrid',
    description: 'A family fabric and haberdashery shop on the high street since 1988.',
    projects: [{ template: 'shop-social-campaign', fee: 420 }],
  },
  {
    supervisor: 'tom@eastsidefoodbank.example',
    name: 'Eastside Food Bank',
    sector: 'nonprofit',
    size: '10-49',
    location: 'Leeds',
    workMode: 'hybrid',
    description: 'Feeds 400 households a week with 60 volunteers and two paid staff.',
    projects: [
      { template: 'nonprofit-donor-database', fee: 400 },
      { template: 'volunteer-rota', fee: 230 },
    ],
  },
  {
    supervisor: 'margaret@lanterntheatre.example',
    name: 'Lantern Community Theatre',
    sector: 'community',
    size: '1-9',
    location: 'Leeds',
    workMode: 'hybrid',
    description: 'Puts on four shows a year in a church hall, with a youth company on Saturdays.',
    projects: [{ template: 'theatre-event-marketing', fee: 300 }],
  },
  {
    supervisor: 'dev@secondspin.example',
    name: 'Second Spin Bikes',
    sector: 'social_enterprise',
    size: '10-49',
    location: 'Wakefield',
    workMode: 'remote',
    description: 'Refurbishes donated bikes with young people leaving care, and sells them at fair prices.',
    projects: [
      { template: 'website-refresh', fee: 360 },
      { template: 'data-dashboard', fee: 300 },
    ],
  },
] as const;

type Profile = z.input<typeof studentProfileInput>;

export const DEMO_PROFILES: Record<string, Profile> = {
  'zoe@student.example': {
    headline: 'Marketing student who runs the Instagram for the café she works at',
    skills: [
      { skill: 'Instagram', level: 3 },
      { skill: 'Canva', level: 2 },
      { skill: 'copywriting', level: 1 },
    ],
    stretchSkills: ['email marketing'],
    interests: 'Small independent shops, photography, community events',
    goals: 'A career in marketing, ideally for small brands and local businesses',
    sectorsOfInterest: ['retail', 'community'],
    hoursPerWeek: 6,
    availableFrom: '2026-11-30',
    availableWeeks: 10,
    availability: ['weekday_evenings', 'weekends'],
    remote: 'any',
    location: 'Leeds',
  },
  'marcus@student.example': {
    headline: 'Maths undergraduate who likes making messy data useful',
    skills: [
      { skill: 'Excel', level: 3 },
      { skill: 'data analysis', level: 2 },
      { skill: 'Google Sheets', level: 2 },
    ],
    stretchSkills: ['data visualisation'],
    interests: 'Charities, food poverty, sport statistics',
    goals: 'Work as a data analyst in the public or charity sector',
    sectorsOfInterest: ['nonprofit', 'public_sector'],
    hoursPerWeek: 12,
    availableFrom: '2026-11-25',
    availableWeeks: 12,
    availability: [],
    remote: 'any',
    location: 'Leeds',
  },
  'aisha@student.example': {
    headline: 'Part-time English student and mum of two, strong writer',
    skills: [
      { skill: 'copywriting', level: 3 },
      { skill: 'grant writing', level: 2 },
      { skill: 'research', level: 2 },
    ],
    stretchSkills: [],
    interests: 'Arts, theatre, community organising',
    goals: 'Move into fundraising for arts charities',
    sectorsOfInterest: ['nonprofit', 'community'],
    hoursPerWeek: 6,
    availableFrom: '2026-12-01',
    availableWeeks: 8,
    availability: ['weekday_evenings'],
    remote: 'remote_only',
    location: 'Bradford',
  },
  'sam@student.example': {
    headline: 'Career changer from retail management, learning web development',
    skills: [
      { skill: 'WordPress', level: 2 },
      { skill: 'JavaScript', level: 1 },
      { skill: 'customer service', level: 3 },
    ],
    stretchSkills: ['web accessibility'],
    interests: 'Cycling, social enterprises, accessible design',
    goals: 'A junior web developer role in a mission-driven organisation',
    sectorsOfInterest: ['social_enterprise'],
    hoursPerWeek: 15,
    availableFrom: '2026-11-25',
    availableWeeks: 16,
    availability: ['weekday_daytime', 'weekday_evenings', 'weekends'],
    remote: 'any',
    location: 'Wakefield',
  },
};

/** The workspace already under way: Zoë interns at Corner Thread, Grace mentors. */
export const DEMO_WORKSPACE = {
  projectTemplate: 'shop-social-campaign',
  intern: 'zoe@student.example',
  mentor: 'grace@mentor.example',
  note: 'I look after the Instagram for the café I work at and design all our posts in Canva.',
  chat: [
    { from: 'priya@cornerthread.example', body: 'Welcome, Zoë! The brief has the milestones we agreed.' },
    { from: 'zoe@student.example', body: 'Thanks Priya — I have started a content calendar, see the board.' },
    { from: 'grace@mentor.example', body: 'Lovely start. Tip: batch the photography on one afternoon.' },
  ],
};

/**
 * The demo programme the organisations and students belong to, so the programme dashboard shows
 * real figures on `npm start`: its staff member, more students of the cohort (with access answers,
 * enough that the access groups are not all suppressed as "< 5"), applications, placements, two
 * completions with feedback, a placement that ended early and an open report.
 */
export const DEMO_PROGRAMME = {
  name: 'West Yorkshire Micro-internships 2026/27',
  region: 'West Yorkshire',
  cohort: 'Autumn',
  staff: { name: 'Nadia Hussain', email: 'nadia@careers.example' },
  /** Organisations the staff verified (the others show "unverified" to students). */
  verified: ['Corner Thread Fabrics', 'Eastside Food Bank', 'Lantern Community Theatre'],
};

/** Cohort students besides the four with full profiles: name, email, hours a week, skills. */
export const DEMO_COHORT: { name: string; email: string; hours: number; skills: string[] }[] = [
  { name: 'Ella Brooks', email: 'ella@student.example', hours: 5, skills: ['Instagram', 'photography'] },
  { name: 'Kwame Asante', email: 'kwame@student.example', hours: 10, skills: ['Excel', 'research'] },
  { name: 'Lena Novak', email: 'lena@student.example', hours: 8, skills: ['copywriting', 'Canva'] },
  { name: 'Omar Farouk', email: 'omar@student.example', hours: 12, skills: ['JavaScript', 'WordPress'] },
  { name: 'Ruth Adeyemi', email: 'ruth@student.example', hours: 4, skills: ['customer service', 'Excel'] },
  {
    name: 'Tyler Grant',
    email: 'tyler@student.example',
    hours: 16,
    skills: ['data analysis', 'Google Sheets'],
  },
  { name: 'Mei Chen', email: 'mei@student.example', hours: 6, skills: ['Canva', 'Instagram'] },
  { name: 'Joe Hartley', email: 'joe@student.example', hours: 20, skills: ['WordPress', 'copywriting'] },
];

/**
 * Self-declared access answers, in the order: the four profiled students, then the cohort. Every
 * group the dashboard shows has at least five people who said yes and five who did not.
 */
export const DEMO_ACCESS_ANSWERS: [boolean, boolean, boolean, boolean, boolean][] = [
  // firstInFamily, worksWhileStudying, caringResponsibilities, disability, careExperienced
  [true, true, false, false, false],
  [false, true, false, false, false],
  [true, true, true, false, false],
  [false, true, false, true, true],
  [true, false, false, false, false],
  [true, true, false, true, false],
  [false, false, true, false, false],
  [true, true, false, false, true],
  [false, true, true, false, false],
  [true, false, false, true, false],
  [false, true, true, true, true],
  [true, true, false, false, true],
];

/** Who applies where (template → applicants, by email prefix) and how each placement went. */
export const DEMO_PLACEMENTS: {
  template: string;
  applicants: string[];
  /** The applicant accepted, and what became of the placement. */
  accepted?: { intern: string; outcome: 'active' | 'completed' | 'withdrew' };
}[] = [
  {
    template: 'nonprofit-donor-database',
    applicants: ['marcus', 'kwame', 'tyler', 'ruth'],
    accepted: { intern: 'marcus', outcome: 'completed' },
  },
  {
    template: 'website-refresh',
    applicants: ['sam', 'omar', 'joe'],
    accepted: { intern: 'sam', outcome: 'completed' },
  },
  {
    template: 'theatre-event-marketing',
    applicants: ['aisha', 'lena', 'mei'],
    accepted: { intern: 'aisha', outcome: 'active' },
  },
  {
    template: 'volunteer-rota',
    applicants: ['ruth', 'ella'],
    accepted: { intern: 'ella', outcome: 'withdrew' },
  },
  { template: 'data-dashboard', applicants: ['tyler'] },
];
