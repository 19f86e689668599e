import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('has defaults that need no database server', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', databaseUrl: undefined, seed: true });
  });

  it.each([
    [{ PORT: '-1' }, /^Invalid PORT="-1"/],
    [{ PORT: 'abc' }, /^Invalid PORT="abc"/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid DATABASE_URL=.*postgres/],
    [{ REDIS_URL: 'localhost:6379' }, /^Invalid REDIS_URL/],
    [{ SESSION_SECRET: 'short' }, /^Invalid SESSION_SECRET.*32 characters/],
    [{ PUBLIC_ORIGIN: 'not a url' }, /^Invalid PUBLIC_ORIGIN/],
    [{ SEED: 'maybe' }, /^Invalid SEED/],
    [{ ADMIN_EMAIL: 'admin@example.test' }, /ADMIN_EMAIL\/ADMIN_PASSWORD/],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, /^Invalid REDIS_URL without DATABASE_URL.*PGlite/],
    [{ REDIS_PREFIX: 'has space' }, /^Invalid REDIS_PREFIX/],
    [{ TRUST_PROXY: 'true' }, /^Invalid TRUST_PROXY/],
    [{ RATE_LIMITS: 'chat:send=lots' }, /^Invalid RATE_LIMITS/],
    [{ SMTP_URL: 'mail.example.test:25' }, /^Invalid SMTP_URL.*smtp:\/\//],
    [{ MAIL_FROM: 'Stint\r\nBcc: x@evil.test' }, /^Invalid MAIL_FROM/],
  ])('%j is refused with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('writes mail to files unless SMTP_URL is set', () => {
    expect(loadConfig({}).mail.smtpUrl).toBeUndefined();
    expect(
      loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.test:587', MAIL_FROM: 'Stint <a@b.test>' }).mail,
    ).toMatchObject({
      smtpUrl: 'smtp://u:p@mail.example.test:587',
      from: 'Stint <a@b.test>',
    });
  });

  it('reads a PostgreSQL URL, a public origin and SEED=false', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/stint',
      PUBLIC_ORIGIN: 'https://stint.example.org/',
      SEED: 'false',
    });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/stint');
    expect(config.publicOrigin).toBe('https://stint.example.org');
    expect(config.seed).toBe(false);
  });

  it('trusts no proxy unless told, and reads proxies and rate-limit overrides', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(loadConfig({ RATE_LIMITS: 'off' }).rateLimits).toBe('off');
    expect(loadConfig({ RATE_LIMITS: 'chat:send=5/10' }).rateLimits).toEqual({
      'chat:send': { points: 5, windowSeconds: 10 },
    });
  });
});
