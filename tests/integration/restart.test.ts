import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServerProcess } from '../helpers/process.ts';

let database: TestDatabase;
let env: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase();
  // The child process opens the database itself; this test only borrows its location.
  await database.close();
  env = database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir! };
});
afterAll(() => database.destroy());

describe('stopping and starting again', () => {
  it('SIGTERM shuts down cleanly and a restart finds every committed row', async () => {
    const first = await startServerProcess(env);
    const accounts = await Promise.all(
      Array.from({ length: 5 }, (_, n) => signUp(first.url, { email: `restart${n}@example.test` })),
    );
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toMatch(/"msg":"stopped"/);

    const second = await startServerProcess(env);
    try {
      for (const account of accounts) {
        const client = new ApiClient(second.url);
        const login = await client.post('/api/auth/login', {
          email: account.user.email,
          password: account.password,
        });
        expect(login.status).toBe(200);
      }
      // Sessions live in the database, so a cookie from before the restart still works.
      const carried = new ApiClient(second.url);
      carried.cookie = accounts[0]!.cookie;
      expect((await carried.get('/api/me')).body.email).toBe('restart0@example.test');
    } finally {
      await second.stop('SIGTERM');
    }
  }, 90_000);

  it('a bad setting stops the start with one clear line', async () => {
    await expect(startServerProcess({ ...env, PORT: 'eighty' })).rejects.toThrow(/Invalid PORT="eighty"/);
  }, 60_000);
});
