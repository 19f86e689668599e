import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

describe('weak passwords', () => {
  it.each(['aaaaaaaaaa', 'password123', '1234567890', 'qwertyuiop'])(
    'signup refuses %s with a clear 400 and makes no account',
    async (password) => {
      const email = `weak-${Math.random().toString(36).slice(2)}@example.test`;
      const response = await new ApiClient(app.url).post('/api/auth/signup', {
        email,
        password,
        name: 'Weak Password',
        role: 'student',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('weak_password');
      expect(response.body.error.message).toMatch(/^password: .*harder to guess/);
      const login = await new ApiClient(app.url).post('/api/auth/login', { email, password });
      expect(login.status).toBe(401);
    },
  );

  it('signup refuses a password made of the person’s own address', async () => {
    const response = await new ApiClient(app.url).post('/api/auth/signup', {
      email: 'maria.gonzalez@example.test',
      password: 'maria.gonzalez',
      name: 'Maria Gonzalez',
      role: 'student',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('weak_password');
  });

  it('changing the password refuses a weak new one and keeps the old', async () => {
    const person = await signUp(app.url);
    const weak = await person.post('/api/me/password', {
      currentPassword: person.password,
      newPassword: 'aaaaaaaaaa',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    expect(weak.body.error.message).toMatch(/^newPassword: Repeated characters/);
    const login = await new ApiClient(app.url).post('/api/auth/login', {
      email: person.user.email,
      password: person.password,
    });
    expect(login.status).toBe(200);
  });

  it('accepts a passphrase of unrelated words', async () => {
    const person = await signUp(app.url, { password: 'lantern pebble orchard' });
    expect(person.user.id).toBeTruthy();
  });
});
