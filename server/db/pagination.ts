import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../errors.ts';

/**
 * Keyset pages over (createdAt, id), newest first: a page is the rows before the cursor, and the
 * cursor is the last row's position, opaque to clients. Rows added meanwhile do not shift later
 * pages, unlike an offset.
 */
export interface Position {
  createdAt: Date;
  id: string;
}

export function readCursor(cursor: string | undefined): Position | null {
  if (cursor === undefined) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const createdAt = new Date(String(at));
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      !Number.isNaN(createdAt.getTime()) &&
      id.length <= 64
    ) {
      return { createdAt, id };
    }
  } catch {
    // falls through to the refusal
  }
  throw new AppError(400, 'validation_failed', 'cursor: not a cursor this API gave out.');
}

function writeCursor({ createdAt, id }: Position): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

/** The condition "before the cursor" for a newest-first order on (createdAt, id). */
export function beforeCursor(createdAt: PgColumn, id: PgColumn, cursor: Position | null): SQL | undefined {
  if (!cursor) return undefined;
  return or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id)));
}

/** Cuts the `limit + 1` rows a query fetched into a page and the cursor of the next one. */
export function toPage<Row extends Position, Item>(
  rows: Row[],
  limit: number,
  shape: (row: Row) => Item,
): { items: Item[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(shape), next: rows.length > limit && last ? writeCursor(last) : null };
}
