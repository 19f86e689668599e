import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: Chromium (Debian's) driven by playwright-core against the built app. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts', 'tests/e2e/build-web.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
