import { z } from 'zod';

/**
 * Text Stint can store. PostgreSQL refuses NUL in `text` and `jsonb` (the request used to fail
 * with a 500), and a lone UTF-16 surrogate has no UTF-8 form (it would be stored as U+FFFD, so
 * what was saved is not what was sent). Every string field of the shared schemas is built on
 * `text()` or `storable()`; `findUnstorableText` is the safety net the server runs over every
 * payload before its schema, so a field someone forgets still answers 400.
 */
const UNSTORABLE = /[\0\p{Cs}]/u;

export const UNSTORABLE_TEXT_MESSAGE =
  'Remove the invisible control character (such as NUL) or broken symbol from this text.';

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** Adds the storable-text check to a string schema (`storable(z.url())`). */
export function storable<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return schema.refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE, abort: true });
}

/** A string field: `text().trim().min(1).max(200)`. */
export function text() {
  return storable(z.string());
}

/**
 * The path (`answers.2`, `links.0.url`, or `` for the value itself) of the first string or object
 * key in a parsed JSON value, query or form that cannot be stored, or null when all can.
 */
export function findUnstorableText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path.join('.');
  // Deeper than any payload Stint accepts; the schema refuses it anyway.
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, '(key)'].join('.');
    const found = findUnstorableText(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}
