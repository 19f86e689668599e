import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startMailServer, tokenFrom, linkFrom, type TestMailServer } from '../helpers/mail.ts';

let app: TestServer;
let mail: TestMailServer;

beforeAll(async () => {
  mail = await startMailServer();
  app = await startTestServer({ env: { SMTP_URL: mail.url } });
});
afterAll(async () => {
  await app.stop();
  await mail.stop();
});

describe('email confirmation', () => {
  it('signup emails a confirmation link that confirms the address once', async () => {
    const person = await signUp(app.url);
    expect(person.user.emailConfirmed).toBe(false);
    const email = await mail.waitForTo(person.user.email, 'email_confirmation');
    expect(email.subject).toBe('Confirm your email address · Stint');
    expect(linkFrom(email).pathname).toBe('/confirm-email');

    const token = tokenFrom(email);
    const confirmed = await new ApiClient(app.url).post('/api/auth/confirm-email', { token });
    expect(confirmed.status).toBe(200);
    expect((await person.get('/api/me')).body.emailConfirmed).toBe(true);
    const again = await new ApiClient(app.url).post('/api/auth/confirm-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_token');
  });

  it('sends the link again on request; only the newest link works', async () => {
    const person = await signUp(app.url);
    const first = tokenFrom(await mail.waitForTo(person.user.email, 'email_confirmation'));
    expect((await person.post('/api/me/confirmation-email')).status).toBe(202);
    await mail.waitFor(() => mail.to(person.user.email, 'email_confirmation').length === 2);
    const second = tokenFrom(mail.to(person.user.email, 'email_confirmation')[1]!);
    expect((await new ApiClient(app.url).post('/api/auth/confirm-email', { token: first })).status).toBe(400);
    expect((await new ApiClient(app.url).post('/api/auth/confirm-email', { token: second })).status).toBe(
      200,
    );
    expect((await new ApiClient(app.url).post('/api/me/confirmation-email')).status).toBe(401);
  });
});
