import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { RateLimitOverrides } from '../../config.ts';
import { rateLimits } from '../../db/schema.ts';
import { TooManyRequests } from '../../errors.ts';

/**
 * Every rate limit Stint applies, by name: so many actions per window per subject (a user id or an
 * address). `RATE_LIMITS` can override any of them, or turn them all off.
 */
export const RATE_LIMIT_DEFAULTS = {
  'chat:send': { points: 20, windowSeconds: 10 },
  'chat:typing': { points: 60, windowSeconds: 10 },
  'workspace:join': { points: 30, windowSeconds: 60 },
  signup: { points: 10, windowSeconds: 3600 },
  'members:change': { points: 20, windowSeconds: 3600 },
  /** Per address: checking a proof is real work, and anyone may ask. */
  'credentials:verify': { points: 60, windowSeconds: 60 },
  'comments:write': { points: 30, windowSeconds: 60 },
} as const;
export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS;

const MESSAGES: Record<RateLimitName, string> = {
  'chat:send': 'You are sending messages too fast.',
  'chat:typing': 'Too many typing updates.',
  'workspace:join': 'You are joining workspaces too often.',
  signup: 'Too many accounts were created from your network.',
  'members:change': 'Too many changes to members.',
  'credentials:verify': 'Too many credentials checked from your network.',
  'comments:write': 'You are commenting too fast.',
};

/**
 * Fixed-window counters in the database (PostgreSQL, or PGlite for the one embedded process), so
 * every process behind a load balancer counts the same actions. Once a subject is over its limit,
 * this process remembers it until the window ends and refuses without a database trip, so a flood
 * does not become a flood of writes.
 */
export class RateLimiter {
  readonly #blocked = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly overrides: RateLimitOverrides,
  ) {}

  /** Counts one action; throws TooManyRequests (429, Retry-After) when over the limit. */
  async consume(name: RateLimitName, subject: string): Promise<void> {
    if (this.overrides === 'off') return;
    const { points, windowSeconds } = this.overrides[name] ?? RATE_LIMIT_DEFAULTS[name];
    const key = `${name}:${subject}`;
    const now = Date.now();
    const blockedUntil = this.#blocked.get(key);
    if (blockedUntil !== undefined && blockedUntil > now) throw this.#refusal(name, blockedUntil - now);
    const resetsAt = new Date(now + windowSeconds * 1000);
    const [row] = await this.db
      .insert(rateLimits)
      .values({ key, points: 1, resetsAt })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          points: sql`case when ${rateLimits.resetsAt} <= now() then 1 else ${rateLimits.points} + 1 end`,
          resetsAt: sql`case when ${rateLimits.resetsAt} <= now() then excluded.resets_at else ${rateLimits.resetsAt} end`,
        },
      })
      .returning({ points: rateLimits.points, resetsAt: rateLimits.resetsAt });
    if (!row || row.points <= points) return;
    const until = new Date(row.resetsAt).getTime();
    this.#blocked.set(key, until);
    if (this.#blocked.size > 10_000) this.#forgetExpired(now);
    throw this.#refusal(name, until - now);
  }

  #refusal(name: RateLimitName, retryAfterMs: number) {
    return new TooManyRequests(`${MESSAGES[name]} Try again shortly.`, retryAfterMs);
  }

  #forgetExpired(now: number) {
    for (const [key, until] of this.#blocked) if (until <= now) this.#blocked.delete(key);
  }
}
