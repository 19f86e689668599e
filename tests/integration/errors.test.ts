import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { MAX_JSON_BODY_BYTES } from '../../shared/limits.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

function expectErrorShape(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
}

describe('bad input gets a 4xx in the error shape', () => {
  const signupCases: [string, unknown][] = [
    ['empty body', {}],
    ['missing password', { email: 'a@example.test', name: 'A', role: 'student' }],
    ['wrong-typed email', { email: 42, password: 'long enough password', name: 'A', role: 'student' }],
    [
      'malformed email',
      { email: 'not-an-email', password: 'long enough password', name: 'A', role: 'student' },
    ],
    ['short password', { email: 'a@example.test', password: 'short', name: 'A', role: 'student' }],
    [
      'blank name',
      { email: 'a@example.test', password: 'long enough password', name: '   ', role: 'student' },
    ],
    ['unknown role', { email: 'a@example.test', password: 'long enough password', name: 'A', role: 'king' }],
    [
      'unknown field',
      {
        email: 'a@example.test',
        password: 'long enough password',
        name: 'A',
        role: 'student',
        isAdmin: true,
      },
    ],
    ['an array', [1, 2, 3]],
  ];
  it.each(signupCases)('signup with %s → 400 validation_failed', async (_label, body) => {
    const response = await new ApiClient(app.url).post('/api/auth/signup', body);
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 'validation_failed');
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const response = await new ApiClient(app.url).request('POST', '/api/auth/login', '{"email": "a@b.c", ');
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 'invalid_json');
  });

  it('an oversized body → 413 payload_too_large', async () => {
    const response = await new ApiClient(app.url).post('/api/auth/signup', {
      email: 'big@example.test',
      password: 'long enough password',
      name: 'x'.repeat(MAX_JSON_BODY_BYTES + 10),
      role: 'student',
    });
    expect(response.status).toBe(413);
    expectErrorShape(response.body, 'payload_too_large');
  });

  it('nothing is half-written: a refused signup leaves no account behind', async () => {
    const email = 'refused@example.test';
    await new ApiClient(app.url).post('/api/auth/signup', {
      email,
      password: 'short',
      name: 'R',
      role: 'student',
    });
    const login = await new ApiClient(app.url).post('/api/auth/login', { email, password: 'short' });
    expect(login.status).toBe(401);
    expect((await signUp(app.url, { email })).user.email).toBe(email);
  });

  it.each([
    ['GET', '/api/nothing-here'],
    ['POST', '/api/auth/nothing'],
    ['DELETE', '/api/me/nothing'],
  ])('%s %s → 404 not_found', async (method, path) => {
    const response = await new ApiClient(app.url).request(method, path);
    expect(response.status).toBe(404);
    expectErrorShape(response.body, 'not_found');
  });

  it('me without a session → 401', async () => {
    const response = await new ApiClient(app.url).get('/api/me');
    expect(response.status).toBe(401);
    expectErrorShape(response.body, 'unauthenticated');
  });

  it('a forged or oversized cookie is simply a stranger', async () => {
    const client = new ApiClient(app.url);
    client.cookie = `stint_session=${'A'.repeat(5000)}`;
    expect((await client.get('/api/me')).status).toBe(401);
    client.cookie = 'stint_session=%E0%A4%A';
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('a mutating request with our cookie from a foreign origin → 403', async () => {
    const client = await signUp(app.url);
    const response = await client.request('POST', '/api/auth/logout', {}, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expectErrorShape(response.body, 'foreign_origin');
    expect((await client.get('/api/me')).status).toBe(200);
  });
});
