import { describe, expect, it } from 'vitest';
import {
  availabilityFit,
  dayNumber,
  hardConstraintViolations,
  projectTiming,
  studentTiming,
} from '../../../server/matching/availability.ts';
import { sameLocation } from '../../../server/matching/location.ts';
import { TODAY, makeProject, makeStudent } from './factories.ts';

const violations = (student = makeStudent(), project = makeProject()) =>
  hardConstraintViolations(student, project, { today: TODAY });
const fit = (student = makeStudent(), project = makeProject()) =>
  availabilityFit(studentTiming(student), projectTiming(project), dayNumber(TODAY));

describe('hard constraints', () => {
  it('passes a remote project within the hours', () => {
    expect(violations()).toEqual([]);
  });

  it('refuses more hours than the student has, and allows exactly as many', () => {
    expect(violations(makeStudent({ hoursPerWeek: 6 }), makeProject({ hoursPerWeek: 10 }))).toEqual([
      'Needs 10 h/week; the student has 6',
    ]);
    expect(violations(makeStudent({ hoursPerWeek: 6 }), makeProject({ hoursPerWeek: 6 }))).toEqual([]);
  });

  it("refuses a project that starts after the student's free weeks end", () => {
    const student = makeStudent({ availableFrom: '2025-03-03', availableWeeks: 4 });
    expect(violations(student, makeProject({ startDate: '2025-03-31' }))).toEqual([
      "Starts 2025-03-31, after the student's free weeks end (2025-03-30)",
    ]);
    expect(violations(student, makeProject({ startDate: '2025-03-30' }))).toEqual([]);
  });

  it('counts free weeks from today when the student gives no start', () => {
    expect(
      violations(makeStudent({ availableWeeks: 2 }), makeProject({ startDate: '2025-03-20' })),
    ).toHaveLength(1);
    expect(violations(makeStudent({ availableWeeks: 3 }), makeProject({ startDate: '2025-03-20' }))).toEqual(
      [],
    );
  });

  it('refuses a dated project that would be over before the student is free', () => {
    const student = makeStudent({ availableFrom: '2025-06-16' });
    expect(violations(student, makeProject({ startDate: '2025-03-03', durationWeeks: 4 }))).toEqual([
      'Ends 2025-03-30, before the student is free (2025-06-16)',
    ]);
    expect(violations(student, makeProject({ startDate: '2025-06-02', durationWeeks: 4 }))).toEqual([]);
  });

  it('starts a project without a date when the student is free (flexible start)', () => {
    const later = makeStudent({ availableFrom: '2025-06-16', availableWeeks: 6 });
    expect(violations(later, makeProject({ durationWeeks: 4 }))).toEqual([]);
    expect(fit(later, makeProject({ durationWeeks: 4 })).weeksFit).toBe(1);
    expect(violations(later, makeProject({ durationWeeks: 8 }))).toEqual([
      'Runs 8 weeks; the student is free for 6',
    ]);
  });

  it('scores a partial overlap with a dated project instead of refusing it', () => {
    const student = makeStudent({ availableFrom: '2025-04-14', availableWeeks: 6 });
    const dated = makeProject({ startDate: '2025-03-10', durationWeeks: 6 });
    expect(violations(student, dated)).toEqual([]);
    expect(fit(student, dated).weeksFit).toBeCloseTo(1 / 6, 2);
  });

  it('refuses fixed work times the student cannot do, unless they left availability open', () => {
    const project = makeProject({ flexibility: 'fixed', workTimes: ['weekday_daytime'] });
    expect(violations(makeStudent({ availability: ['weekday_evenings', 'weekends'] }), project)).toEqual([
      'Works at fixed times (weekday daytime) when the student is not free',
    ]);
    expect(violations(makeStudent({ availability: ['weekday_daytime'] }), project)).toEqual([]);
    expect(violations(makeStudent({ availability: [] }), project)).toEqual([]);
    const flexible = makeProject({ flexibility: 'flexible', workTimes: ['weekday_daytime'] });
    expect(violations(makeStudent({ availability: ['weekends'] }), flexible)).toEqual([]);
  });

  it('keeps on-site work for students in the same place who are open to it', () => {
    const onsite = makeProject({ workMode: 'onsite', location: 'Leeds' });
    expect(violations(makeStudent({ remote: 'remote_only', location: 'Leeds' }), onsite)).toEqual([
      'On-site work; the student only works remotely',
    ]);
    expect(violations(makeStudent({ remote: 'any', location: 'Bristol' }), onsite)).toEqual([
      'On-site in Leeds, about 257 km from the student, who travels up to 25 km for it',
    ]);
    expect(violations(makeStudent({ remote: 'onsite_ok', location: null }), onsite)).toEqual([
      'On-site in Leeds; the student has not given a location',
    ]);
    expect(
      violations(makeStudent({ remote: 'onsite_ok', location: 'leeds, West Yorkshire' }), onsite),
    ).toEqual([]);
  });

  it('lets students travel further for hybrid work, but not to another region, nor remote-only ones', () => {
    const hybrid = makeProject({ workMode: 'hybrid', location: 'Bristol' });
    expect(violations(makeStudent({ remote: 'any', location: 'Cardiff' }), hybrid)).toEqual([]);
    expect(violations(makeStudent({ remote: 'onsite_ok', location: 'Cardiff' }), hybrid)).toEqual([]);
    expect(violations(makeStudent({ remote: 'any', location: 'Leeds' }), hybrid)).toEqual([
      'Hybrid in Bristol, about 257 km from the student, who travels up to 38 km for it',
    ]);
    expect(violations(makeStudent({ remote: 'any', location: null }), hybrid)).toEqual([]);
    expect(violations(makeStudent({ remote: 'remote_only', location: 'Bristol' }), hybrid)).toEqual([
      'Hybrid work; the student only works remotely',
    ]);
  });

  it('allows on-site work whose place was not given (it cannot be checked)', () => {
    expect(
      violations(makeStudent({ location: 'Leeds' }), makeProject({ workMode: 'onsite', location: null })),
    ).toEqual([]);
  });

  it('lists every broken rule', () => {
    const student = makeStudent({ hoursPerWeek: 4, remote: 'remote_only' });
    expect(
      violations(student, makeProject({ hoursPerWeek: 8, workMode: 'onsite', location: 'Leeds' })),
    ).toHaveLength(2);
  });
});

describe('place names', () => {
  it.each([
    ['Leeds', 'leeds', true],
    ['Leeds', 'Leeds, West Yorkshire', true],
    ['Manchester City Centre', 'manchester', true],
    ['Manchester', 'Salford, Greater Manchester', true],
    ['Hackney, London', 'London', true],
    ['Leeds', 'Bradford', false],
    ['Leeds', null, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameLocation(a, b)).toBe(same);
  });
});

describe('soft availability fit', () => {
  it('is 1 for a remote project well inside hours and weeks', () => {
    expect(fit(makeStudent({ hoursPerWeek: 10 }), makeProject({ hoursPerWeek: 6 })).score).toBe(1);
  });

  it('prefers some slack in hours', () => {
    const roomy = fit(makeStudent({ hoursPerWeek: 10 }), makeProject({ hoursPerWeek: 6 })).hoursFit;
    const full = fit(makeStudent({ hoursPerWeek: 10 }), makeProject({ hoursPerWeek: 10 })).hoursFit;
    expect(full).toBeLessThan(roomy);
    expect(full).toBeGreaterThanOrEqual(0.9);
  });

  it('scores the share of project weeks inside the free weeks', () => {
    const student = makeStudent({ availableFrom: '2025-03-03', availableWeeks: 2 });
    expect(fit(student, makeProject({ durationWeeks: 4 })).weeksFit).toBeCloseTo(0.5);
  });

  it('is lower for hybrid work in another city and for on-site work with no place given', () => {
    expect(
      fit(
        makeStudent({ remote: 'any', location: 'Cardiff' }),
        makeProject({ workMode: 'hybrid', location: 'Bristol' }),
      ).placeFit,
    ).toBeLessThan(1);
    expect(fit(makeStudent(), makeProject({ workMode: 'onsite', location: null })).placeFit).toBeLessThan(1);
    expect(
      fit(makeStudent({ location: 'Leeds' }), makeProject({ workMode: 'onsite', location: 'Leeds' }))
        .placeFit,
    ).toBe(1);
  });

  it('scores the share of preferred times for flexible projects and of fixed ones', () => {
    const student = makeStudent({ availability: ['weekends'] });
    const partly = fit(
      student,
      makeProject({ flexibility: 'fixed', workTimes: ['weekends', 'weekday_daytime'] }),
    ).timesFit;
    expect(partly).toBeCloseTo(0.5);
    expect(
      fit(student, makeProject({ flexibility: 'flexible', workTimes: ['weekday_daytime'] })).timesFit,
    ).toBeCloseTo(0.7);
  });
});
