import { and, gt, gte, lt, or, type SQL } from 'drizzle-orm';
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

/**
 * A cursor (a JS Date) holds milliseconds, and so does every timestamp column (`precision: 3` in
 * the schema): with PostgreSQL's default microseconds, rows within one millisecond sorted by their
 * microseconds while the cursor compared them by id, so a page could skip or repeat them. "The same
 * instant as the cursor" is still written as its whole millisecond, a range an index serves.
 */
function sameMillisecond(createdAt: PgColumn, at: Date): SQL | undefined {
  return and(gte(createdAt, at), lt(createdAt, new Date(at.getTime() + 1)));
}

/** The condition "before the cursor" for a newest-first order on (createdAt, id). */
export function beforeCursor(createdAt: PgColumn, id: PgColumn, cursor: Position | null): SQL | undefined {
  if (!cursor) return undefined;
  return or(
    lt(createdAt, cursor.createdAt),
    and(sameMillisecond(createdAt, cursor.createdAt), lt(id, cursor.id)),
  );
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

/** A page of a list as the contract answers it. */
export interface Page<Item> {
  items: Item[];
  next: string | null;
}

/** `toPage` for rows whose position is not at their top level (joined selections). */
export function toPageAt<Row, Item>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => Position,
  shape: (row: Row) => Item,
): Page<Item> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(shape),
    next: rows.length > limit && last !== undefined ? writeCursor(positionOf(last)) : null,
  };
}

/** The condition "after the cursor" for an oldest-first order on (createdAt, id). */
export function afterCursor(createdAt: PgColumn, id: PgColumn, cursor: Position | null): SQL | undefined {
  if (!cursor) return undefined;
  return or(
    gte(createdAt, new Date(cursor.createdAt.getTime() + 1)),
    and(sameMillisecond(createdAt, cursor.createdAt), gt(id, cursor.id)),
  );
}

/**
 * A page cut from a list already in memory, newest first on (createdAt, id): for lists merged from
 * several tables, whose rows are few per owner but must still come a bounded page at a time.
 */
export function pageInMemory<Item>(
  items: Item[],
  page: { cursor?: string | undefined; limit: number },
  positionOf: (item: Item) => Position,
): Page<Item> {
  const cursor = readCursor(page.cursor);
  const newestFirst = (a: Position, b: Position) =>
    b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  const after = items
    .filter((item) => !cursor || newestFirst(cursor, positionOf(item)) < 0)
    .sort((a, b) => newestFirst(positionOf(a), positionOf(b)));
  return toPageAt(after.slice(0, page.limit + 1), page.limit, positionOf, (item) => item);
}
