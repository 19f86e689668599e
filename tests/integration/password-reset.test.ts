import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startMailServer, tokenFrom, linkFrom, type TestMailServer } from '../helpers/mail.ts';
import { accountTokens } from '../../server/db/schema.ts';

let app: TestServer;
let mail: TestMailServer;

beforeAll(async () => {
  mail = await startMailServer();
  app = await startTestServer({ env: { SMTP_URL: mail.url, MAIL_FROM: 'Stint <no-reply@stint.test>' } });
});
afterAll(async () => {
  await app.stop();
  await mail.stop();
});

const anonymous = () => new ApiClient(app.url);

async function requestReset(email: string, ip?: string) {
  return anonymous().request(
    'POST',
    '/api/auth/password-reset',
    { email },
    ip ? { 'x-forwarded-for': ip } : {},
  );
}

describe('password reset', () => {
  it('answers the same for known and unknown addresses and emails only the account', async () => {
    const person = await signUp(app.url, { name: 'Ada Lovelace' });
    const known = await requestReset(person.user.email);
    const unknown = await requestReset('nobody-here@example.test');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);

    const email = await mail.waitForTo(person.user.email, 'password_reset');
    expect(email.subject).toBe('Reset your password · Stint');
    const link = linkFrom(email);
    expect(link.pathname).toBe('/reset-password');
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(email.html).toContain('/reset-password?token=');
    expect(email.text).not.toContain(person.password);
    expect(email.raw).not.toMatch(/stint_session|set-cookie/i);

    // Only a hash is kept: the emailed token is nowhere in the database.
    const rows = await app.database.db
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.userId, person.user.id), eq(accountTokens.purpose, 'password_reset')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(tokenFrom(email));
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(60 * 60 * 1000);

    const marker = await signUp(app.url);
    await requestReset(marker.user.email);
    await mail.waitForTo(marker.user.email, 'password_reset');
    expect(mail.to('nobody-here@example.test')).toHaveLength(0);
  });

  it('sets the new password, ends every session, and the token works once', async () => {
    const person = await signUp(app.url);
    const otherDevice = new ApiClient(app.url);
    await otherDevice.post('/api/auth/login', { email: person.user.email, password: person.password });
    expect((await otherDevice.get('/api/me')).status).toBe(200);

    await requestReset(person.user.email);
    const token = tokenFrom(await mail.waitForTo(person.user.email, 'password_reset'));
    const confirmed = await anonymous().post('/api/auth/password-reset/confirm', {
      token,
      password: 'a brand new passphrase',
    });
    expect(confirmed.status).toBe(200);

    expect((await person.get('/api/me')).status).toBe(401);
    expect((await otherDevice.get('/api/me')).status).toBe(401);
    const oldLogin = await anonymous().post('/api/auth/login', {
      email: person.user.email,
      password: person.password,
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await anonymous().post('/api/auth/login', {
      email: person.user.email,
      password: 'a brand new passphrase',
    });
    expect(newLogin.status).toBe(200);

    const again = await anonymous().post('/api/auth/password-reset/confirm', {
      token,
      password: 'yet another passphrase',
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_token');
  });

  it('refuses an expired token, an older token once a newer one was used, and junk', async () => {
    const person = await signUp(app.url);
    await requestReset(person.user.email);
    const first = tokenFrom(await mail.waitForTo(person.user.email, 'password_reset'));
    await app.database.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, person.user.id));
    const expired = await anonymous().post('/api/auth/password-reset/confirm', {
      token: first,
      password: 'long enough pass',
    });
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('invalid_token');

    await requestReset(person.user.email);
    await requestReset(person.user.email);
    await mail.waitFor(
      (email) => mail.to(person.user.email, 'password_reset').length >= 3 && email.kind === 'password_reset',
    );
    const [, second, third] = mail.to(person.user.email, 'password_reset').map(tokenFrom);
    expect(
      (
        await anonymous().post('/api/auth/password-reset/confirm', {
          token: third,
          password: 'long enough pass',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await anonymous().post('/api/auth/password-reset/confirm', {
          token: second,
          password: 'long enough pass',
        })
      ).status,
    ).toBe(400);

    for (const body of [
      { token: 'x'.repeat(500), password: 'long enough pass' },
      { token: 'short', password: 'long enough pass' },
      { token: 'abc' },
      {},
    ]) {
      const response = await anonymous().post('/api/auth/password-reset/confirm', body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toMatch(/^(invalid_token|validation_failed)$/);
    }
  });

  it('limits requests per address and per IP, the same whether or not the address has an account', async () => {
    const person = await signUp(app.url);
    const statuses = async (email: string, ip: string) => {
      const out: number[] = [];
      for (let n = 0; n < 6; n += 1) out.push((await requestReset(email, ip)).status);
      return out;
    };
    expect(await statuses(person.user.email, '10.0.0.1')).toEqual([202, 202, 202, 202, 202, 429]);
    expect(await statuses('no-account-limit@example.test', '10.0.0.2')).toEqual([
      202, 202, 202, 202, 202, 429,
    ]);
    const limited = await requestReset(person.user.email, '10.0.0.3');
    expect(limited.body.error.code).toBe('too_many_requests');
  });

  it('keeps CR/LF in a name out of the headers', async () => {
    const person = await signUp(app.url, { name: 'Eve\r\nBcc: victim@evil.test\r\nSubject: pwned' });
    await requestReset(person.user.email);
    const email = await mail.waitForTo(person.user.email, 'password_reset');
    expect(email.envelopeTo).toEqual([person.user.email]);
    expect(email.parsed.headers.has('bcc')).toBe(false);
    expect(email.subject).toBe('Reset your password · Stint');
    const headerBlock = email.raw.split(/\r?\n\r?\n/)[0]!;
    expect(headerBlock.match(/^subject:/gim)).toHaveLength(1);
  });
});
