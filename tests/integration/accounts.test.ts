import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { LOGIN_THROTTLE } from '../../server/services/accounts/accounts.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

describe('accounts', () => {
  it('reports which database is in use', async () => {
    const response = await new ApiClient(app.url).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ok: true,
      db: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      bus: 'none',
    });
  });

  it('signs up, answers me, logs out and logs back in', async () => {
    const client = await signUp(app.url, {
      role: 'supervisor',
      name: 'Priya Raman',
      email: 'Priya@Shop.Example',
    });
    expect(client.user).toMatchObject({
      name: 'Priya Raman',
      role: 'supervisor',
      email: 'priya@shop.example',
    });
    expect(client.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(client.user).not.toHaveProperty('passwordHash');

    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(client.user.id);

    const oldCookie = client.cookie;
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect(client.cookie).toBeUndefined();
    // The old token is revoked in the database, not merely forgotten by this client.
    const replay = new ApiClient(app.url);
    replay.cookie = oldCookie;
    expect((await replay.get('/api/me')).status).toBe(401);

    const login = await client.post('/api/auth/login', {
      email: 'PRIYA@shop.example',
      password: client.password,
    });
    expect(login.status).toBe(200);
    expect((await client.get('/api/me')).body.email).toBe('priya@shop.example');
  });

  it('sets an httpOnly, SameSite=Lax session cookie', async () => {
    const response = await new ApiClient(app.url).post('/api/auth/signup', {
      email: 'cookie@example.test',
      password: 'long enough password',
      name: 'Cookie',
      role: 'student',
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^stint_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('a duplicate email, whatever its case, gets the same answer and makes no second row', async () => {
    const created = await signUp(app.url, { email: 'dup@example.test' });
    const caller = new ApiClient(app.url);
    const again = await caller.post('/api/auth/signup', {
      email: 'DUP@example.test',
      password: 'long enough password',
      name: 'Dup',
      role: 'mentor',
    });
    // The same answer as for a new address (no enumeration); the cookie opens no session and the
    // address's owner is emailed instead (tests/integration/invitations.test.ts reads that email).
    expect(again.status).toBe(201);
    expect(Object.keys(again.body).sort()).toEqual(Object.keys(created.user).sort());
    expect(again.body.id).not.toBe(created.user.id);
    expect(again.headers.get('set-cookie')).toMatch(/^stint_session=[^;]+; .*HttpOnly/i);
    expect((await caller.get('/api/me')).status).toBe(401);
    const login = await new ApiClient(app.url).post('/api/auth/login', {
      email: 'dup@example.test',
      password: 'long enough password',
    });
    expect(login.status).toBe(401);
  });

  it('never makes an admin through signup', async () => {
    const response = await new ApiClient(app.url).post('/api/auth/signup', {
      email: 'sneaky@example.test',
      password: 'long enough password',
      name: 'Sneaky',
      role: 'admin',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    const login = await new ApiClient(app.url).post('/api/auth/login', {
      email: 'sneaky@example.test',
      password: 'long enough password',
    });
    expect(login.status).toBe(401);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const known = await signUp(app.url);
    const wrong = await new ApiClient(app.url).post('/api/auth/login', {
      email: known.user.email,
      password: 'not the password',
    });
    const unknown = await new ApiClient(app.url).post('/api/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever it is',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('slows down failed logins for an account from one address, even with the right password', async () => {
    const victim = await signUp(app.url);
    for (let attempt = 0; attempt < LOGIN_THROTTLE.freeFailures; attempt++) {
      const response = await new ApiClient(app.url).post('/api/auth/login', {
        email: victim.user.email,
        password: 'guess number ' + attempt,
      });
      expect(response.status).toBe(401);
    }
    const blocked = await new ApiClient(app.url).post('/api/auth/login', {
      email: victim.user.email,
      password: victim.password,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_requests');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
