import type { MatchProject, MatchStudent } from '../../../server/matching/types.ts';

/** A student with nothing special about them; tests override what they are about. */
export function makeStudent(overrides: Partial<MatchStudent> = {}): MatchStudent {
  return {
    id: 'student-1',
    name: 'Sam',
    headline: '',
    skills: [],
    stretchSkillIds: [],
    hoursPerWeek: 10,
    availableFrom: null,
    availableWeeks: null,
    availability: [],
    remote: 'any',
    location: 'Leeds',
    goals: '',
    interests: '',
    sectorsOfInterest: [],
    ...overrides,
  };
}

export function makeProject(overrides: Partial<MatchProject> = {}): MatchProject {
  return {
    id: 'project-1',
    title: 'A project',
    summary: '',
    deliverables: [],
    skills: [],
    durationWeeks: 4,
    hoursPerWeek: 6,
    startDate: null,
    flexibility: 'flexible',
    workTimes: [],
    workMode: 'remote',
    location: null,
    sector: 'small_business',
    orgName: 'Org',
    fee: 300,
    ...overrides,
  };
}

/** The date every matching test runs on (a Monday). */
export const TODAY = '2025-03-03';
