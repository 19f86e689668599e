import { z } from 'zod';
import { text } from './text.ts';

/** `GET /api/places?q=…`: what a form asks when someone types a place. */
export const placesQuery = z.object({
  q: text().trim().min(1).max(120),
  limit: z.coerce.number().int().min(1).max(10).default(6),
});

/** A place as the gazetteer knows it, for a form to show back ("Leeds, England"). */
export interface PlaceView {
  name: string;
  region: string;
  country: string;
  /** "Leeds, England": what a form puts in the field when this one is picked. */
  label: string;
  lat: number;
  lon: number;
}

/**
 * `resolved` is the place the text is read as (null when it names none we know: the form asks
 * "did you mean …" with `items`, never matches on a guess). `items` are suggestions, best first.
 */
export interface PlaceLookup {
  q: string;
  resolved: PlaceView | null;
  items: PlaceView[];
  next: null;
}

/** `GET /api/admin/unknown-skills`: the most used skills the taxonomy lacks. */
export const unknownSkillsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export interface UnknownSkillUse {
  /** As the writers wrote it (the most common spelling, compared without case). */
  name: string;
  /** How many profiles and projects name it. */
  profiles: number;
  projects: number;
  total: number;
}
