import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Fixed-window counters of the rate limits, one row per (limit, subject); shared by every process. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  resetsAt: timestamp('resets_at', { withTimezone: true, precision: 3 }).notNull(),
});
