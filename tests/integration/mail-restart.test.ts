import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail.ts';
import { startServerProcess } from '../helpers/process.ts';

let database: TestDatabase;
let env: Record<string, string>;
let mail: TestMailServer;

beforeAll(async () => {
  database = await createTestDatabase();
  // The child processes open the database themselves; this test only borrows its location.
  await database.close();
  env = database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir! };
  mail = await startMailServer();
});
afterAll(async () => {
  await mail.stop();
  await database.destroy();
});

async function waitForOutput(output: () => string, pattern: RegExp, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the outbox across a crash', () => {
  it('an email committed but not sent when the process is killed -9 arrives once after restart', async () => {
    const port = mail.port;
    await mail.stop();
    const first = await startServerProcess({
      ...env,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_RETRY_MS: '1500',
    });
    let account: Awaited<ReturnType<typeof signUp>>;
    try {
      account = await signUp(first.url, { email: 'crash@example.test' });
      const reset = await new ApiClient(first.url).post('/api/auth/password-reset', {
        email: 'crash@example.test',
      });
      expect(reset.status).toBe(202);
      // The reset's row is committed and its first send failed (SMTP is down); kill before the retry.
      // (The sign-up's confirmation email fails the same way first: wait for the reset's own line.)
      await waitForOutput(first.output, /"kind":"password_reset"[^\n]*email not sent; will retry/);
    } finally {
      expect(await first.stop('SIGKILL')).toBeNull();
    }

    await mail.start(port);
    const second = await startServerProcess({ ...env, SMTP_URL: mail.url, MAIL_RETRY_MS: '1500' });
    try {
      const email = await mail.waitForTo(account.user.email, 'password_reset', 30_000);
      expect(email.text).toContain('/reset-password?token=');
      const marker = await signUp(second.url);
      await new ApiClient(second.url).post('/api/auth/password-reset', { email: marker.user.email });
      await mail.waitForTo(marker.user.email, 'password_reset');
      expect(mail.to(account.user.email, 'password_reset')).toHaveLength(1);
    } finally {
      await second.stop('SIGTERM');
    }
  }, 120_000);
});
