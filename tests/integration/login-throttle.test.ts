import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { LOGIN_THROTTLE } from '../../server/services/accounts/accounts.ts';

/**
 * Finding 6 of the hardening issue: ten failed logins from anywhere locked the owner out for 15
 * minutes, and the per-address limit believed a rotating X-Forwarded-For sent from loopback.
 */

function login(baseUrl: string, email: string, password: string, forwardedFor?: string) {
  return new ApiClient(baseUrl).request(
    'POST',
    '/api/auth/login',
    { email, password },
    forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  );
}

describe('without TRUST_PROXY, X-Forwarded-For is not believed', () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(() => app.stop());

  it('a guesser rotating X-Forwarded-For is still one address and is slowed down', async () => {
    const victim = await signUp(app.url);
    let attempt = 0;
    const statuses: number[] = [];
    for (; attempt < LOGIN_THROTTLE.freeFailures + 3; attempt++) {
      const response = await login(app.url, victim.user.email, `guess ${attempt}`, `198.51.100.${attempt}`);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, LOGIN_THROTTLE.freeFailures)).toEqual(
      Array(LOGIN_THROTTLE.freeFailures).fill(401),
    );
    expect(statuses.slice(LOGIN_THROTTLE.freeFailures)).toEqual([429, 429, 429]);
  });

  it('one address failing across many accounts is refused for every account', async () => {
    // This address already failed in the test above; every failure counts towards the cap.
    let failures = LOGIN_THROTTLE.freeFailures;
    for (let n = 0; failures < LOGIN_THROTTLE.perIp; n++, failures++) {
      const response = await login(
        app.url,
        `stuffed-${n}@example.test`,
        'a leaked password',
        `203.0.113.${n}`,
      );
      expect(response.status).toBe(401);
    }
    const next = await login(app.url, 'stuffed-new@example.test', 'a leaked password', '192.0.2.1');
    expect(next.status).toBe(429);
    expect(next.body.error.code).toBe('too_many_requests');
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(60);
  }, 120_000);
});

describe('with TRUST_PROXY=loopback (a proxy on this host), the forwarded address counts', () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => app.stop());

  it('a guesser slows only themself: the owner from another address signs in', async () => {
    const owner = await signUp(app.url);
    const guesser = '198.51.100.66';
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await login(app.url, owner.user.email, `guess ${attempt}`, guesser);
      expect(response.status).toBe(attempt < LOGIN_THROTTLE.freeFailures ? 401 : 429);
    }
    const throttled = await login(app.url, owner.user.email, owner.password, guesser);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({
      error: { code: 'too_many_requests', message: expect.any(String) },
    });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const fromHome = await login(app.url, owner.user.email, owner.password, '203.0.113.7');
    expect(fromHome.status).toBe(200);
    expect(fromHome.body.email).toBe(owner.user.email);
  });

  it('the wait doubles with each failure after the free ones', async () => {
    const owner = await signUp(app.url);
    const from = '198.51.100.9';
    for (let attempt = 0; attempt < LOGIN_THROTTLE.freeFailures; attempt++) {
      expect((await login(app.url, owner.user.email, `guess ${attempt}`, from)).status).toBe(401);
    }
    const first = await login(app.url, owner.user.email, 'x', from);
    expect(first.status).toBe(429);
    const wait = Number(first.headers.get('retry-after'));
    expect(wait).toBe(LOGIN_THROTTLE.firstDelayMs / 1000);
    // Waiting as told lets one more guess through, after which the wait is twice as long.
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect((await login(app.url, owner.user.email, 'another guess', from)).status).toBe(401);
    const second = await login(app.url, owner.user.email, 'x', from);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBe(wait * 2);
  });
});
