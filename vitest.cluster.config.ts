import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { $shared: fileURLToPath(new URL('./shared', import.meta.url)) };

/**
 * `npm run test:cluster`: several real Stint processes behind HAProxy on PostgreSQL and Redis.
 * PostgreSQL only (PGlite is one process by nature), so CI runs it in its PostgreSQL pass; without
 * DATABASE_URL the setup fails loudly instead of skipping.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    name: 'cluster',
    include: ['tests/cluster/**/*.test.ts'],
    globalSetup: ['tests/cluster/setup.ts'],
    pool: 'forks',
    // Each file runs several server processes; one file at a time keeps the 2-core machine usable.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
