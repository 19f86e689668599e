import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit and integration tests. Integration tests start the real server on port 0 against
 * a copy of a database migrated once in global setup (PGlite, or DATABASE_URL's PostgreSQL).
 */
export default defineConfig({
  // Unit tests also cover the web app's pure modules, which import shared code as $shared.
  resolve: { alias: { $shared: fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
