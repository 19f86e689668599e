import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { DomainEventBus } from '../../events.ts';
import { studentProfiles, users } from '../../db/schema.ts';
import type { StudentProfile } from '../../../shared/schemas/marketplace-views.ts';
import type { studentProfileInput } from '../../../shared/schemas/marketplace.ts';
import { AppError } from '../../errors.ts';
import { resolveSkillIds, resolveSkills, skillLabel, toSkillNeeds } from './skills.ts';

type ProfileRow = typeof studentProfiles.$inferSelect;

/** What a profile needs so matching can do its job, in the order a student should fill it in. */
const COMPLETENESS: [string, (row: ProfileRow) => boolean][] = [
  ['a headline', (row) => row.headline.length > 0],
  ['at least three skills', (row) => row.skills.length >= 3],
  ['your hours per week', (row) => row.hoursPerWeek !== null],
  [
    'when you are free (from a date, for how many weeks)',
    (row) => row.availableFrom !== null && row.availableWeeks !== null,
  ],
  ['your career goals', (row) => row.goals.length >= 20],
  ['your interests', (row) => row.interests.length > 0],
  [
    'where you can work (remote or a location)',
    (row) => row.remote === 'remote_only' || row.location.length > 0,
  ],
  ['a link to your work', (row) => row.links.length > 0],
];

function completeness(row: ProfileRow) {
  const missing = COMPLETENESS.filter(([, done]) => !done(row)).map(([what]) => what);
  return {
    percent: Math.round((100 * (COMPLETENESS.length - missing.length)) / COMPLETENESS.length),
    missing,
  };
}

const EMPTY: Omit<ProfileRow, 'userId'> = {
  headline: '',
  skills: [],
  stretchSkills: [],
  interests: '',
  goals: '',
  sectorsOfInterest: [],
  hoursPerWeek: null,
  availableFrom: null,
  availableWeeks: null,
  availability: [],
  remote: 'any',
  location: '',
  travelKm: null,
  travelMinutes: null,
  links: [],
  updatedAt: new Date(0),
};

function toStudentProfile(row: ProfileRow, name: string, saved: boolean): StudentProfile {
  return {
    userId: row.userId,
    name,
    headline: row.headline,
    skills: toSkillNeeds(row.skills),
    stretchSkills: row.stretchSkills.map((skillId) => ({ skillId, label: skillLabel(skillId) })),
    interests: row.interests,
    goals: row.goals,
    sectorsOfInterest: row.sectorsOfInterest,
    hoursPerWeek: row.hoursPerWeek,
    availableFrom: row.availableFrom,
    availableWeeks: row.availableWeeks,
    availability: row.availability,
    remote: row.remote,
    location: row.location,
    travelKm: row.travelKm,
    travelMinutes: row.travelMinutes,
    links: row.links,
    completeness: completeness(row),
    updatedAt: saved ? row.updatedAt.toISOString() : null,
  };
}

export async function loadProfileRow(db: Db, userId: string): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(studentProfiles).where(eq(studentProfiles.userId, userId));
  return row;
}

/** A student's profile; one never saved comes back empty, with everything listed as missing. */
export async function getStudentProfile(db: Db, userId: string): Promise<StudentProfile> {
  const [user] = await db
    .select({ name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.role !== 'student')
    throw new AppError(404, 'profile_not_found', 'Only students have a profile.');
  const row = await loadProfileRow(db, userId);
  return toStudentProfile(row ?? { ...EMPTY, userId }, user.name, row !== undefined);
}

/** Saves the profile and announces `profile:changed`, so the match index is never stale. */
export async function saveStudentProfile(
  db: Db,
  events: DomainEventBus,
  userId: string,
  input: z.output<typeof studentProfileInput>,
): Promise<StudentProfile> {
  const values = {
    ...input,
    skills: resolveSkills(input.skills),
    stretchSkills: resolveSkillIds(input.stretchSkills),
    updatedAt: new Date(),
  };
  await db
    .insert(studentProfiles)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: studentProfiles.userId, set: values });
  events.emit('profile:changed', { userId });
  return getStudentProfile(db, userId);
}
