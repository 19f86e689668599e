import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests also cover the web app's pure modules, which import shared code as $shared.
const alias = { $shared: fileURLToPath(new URL('./shared', import.meta.url)) };

/**
 * `npm test`: two projects. `unit` needs no database and no server (`npx vitest --project unit`
 * runs in seconds); `integration` starts the real server on port 0 against a copy of a database
 * migrated once in its global setup (PGlite, or DATABASE_URL's PostgreSQL).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 10_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
