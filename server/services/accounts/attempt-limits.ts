import { and, count, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rateLimitEvents } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export interface RateLimit {
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * Attempt counting for the account emails (password reset, confirmation): every attempt is a row,
 * so a limit reveals nothing about whether an account exists. (The general action limits are in
 * rate-limits.ts.)
 *
 * Counts one attempt against each bucket (kept in PostgreSQL, so every process sees the same
 * counts) and refuses with 429 once any bucket is over its limit in its window. The attempt is
 * counted whatever the outcome, so a limit tells nothing about whether an account exists.
 */
export async function takeRateLimits(db: Db, limits: RateLimit[], now = new Date()): Promise<void> {
  if (limits.length === 0) return;
  await db.insert(rateLimitEvents).values(limits.map((limit) => ({ bucket: limit.bucket, at: now })));
  for (const limit of limits) {
    const since = new Date(now.getTime() - limit.windowMs);
    const [row] = await db
      .select({ n: count() })
      .from(rateLimitEvents)
      .where(and(eq(rateLimitEvents.bucket, limit.bucket), gt(rateLimitEvents.at, since)));
    if ((row?.n ?? 0) > limit.limit) {
      const minutes = Math.ceil(limit.windowMs / 60_000);
      throw new AppError(429, 'too_many_requests', `Too many attempts. Try again in ${minutes} minutes.`, {
        retryAfterSeconds: Math.ceil(limit.windowMs / 1000),
      });
    }
  }
}

/** Forgets attempts older than the longest window (called by the scheduled jobs). */
export async function pruneRateLimits(db: Db, olderThanMs: number, buckets?: string[]): Promise<void> {
  const before = new Date(Date.now() - olderThanMs);
  await db
    .delete(rateLimitEvents)
    .where(
      and(lt(rateLimitEvents.at, before), buckets ? inArray(rateLimitEvents.bucket, buckets) : undefined),
    );
}
