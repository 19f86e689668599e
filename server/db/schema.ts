/**
 * The whole database schema. Migrations under ./migrations are generated from this file with
 * `npm run db:generate` and committed; they run unchanged on PGlite and on a PostgreSQL server.
 */
export * from './schema/accounts.ts';
export * from './schema/workspaces.ts';
export * from './schema/marketplace.ts';
export * from './schema/portfolio.ts';
export * from './schema/mail.ts';
export * from './schema/account-tokens.ts';
export * from './schema/rate-limits.ts';
export * from './schema/programmes.ts';
export * from './schema/moderation.ts';
export * from './schema/comments.ts';
export * from './schema/attachments.ts';
export * from './schema/time-log.ts';
