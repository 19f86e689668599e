import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startMailServer, tokenFrom, type TestMailServer } from '../helpers/mail.ts';
import { emailOutbox } from '../../server/db/schema.ts';

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

describe('settings: name', () => {
  it('changes the name, refusing an empty one or a NUL', async () => {
    const person = await signUp(app.url);
    const renamed = await person.request('PATCH', '/api/me', { name: '  Ada Lovelace ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Ada Lovelace');
    expect((await person.get('/api/me')).body.name).toBe('Ada Lovelace');
    for (const body of [{ name: '' }, { name: 'A\u0000B' }, { name: 'x', role: 'admin' }, {}]) {
      const refused = await person.request('PATCH', '/api/me', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBeTruthy();
    }
    expect((await new ApiClient(app.url).request('PATCH', '/api/me', { name: 'Eve' })).status).toBe(401);
  });
});

describe('settings: email address', () => {
  it('moves to a new address once it is confirmed; the old address is told', async () => {
    const person = await signUp(app.url, { name: 'Grace\r\nBcc: evil@example.test' });
    const newAddress = `moved-${Date.now()}@example.test`;
    const wrong = await person.post('/api/me/email', { email: newAddress, password: 'not my password' });
    expect(wrong.status).toBe(400);
    expect(
      (
        await person.post('/api/me/email', {
          email: 'a@b.test\r\nBcc: evil@example.test',
          password: person.password,
        })
      ).status,
    ).toBe(400);

    const asked = await person.post('/api/me/email', { email: newAddress, password: person.password });
    expect(asked.status).toBe(202);
    const told = await mail.waitForTo(person.user.email, 'email_changed');
    expect(told.text).toContain(newAddress);
    expect(told.parsed.headers.has('bcc')).toBe(false);
    expect(told.envelopeTo).toEqual([person.user.email]);
    const link = await mail.waitForTo(newAddress, 'email_confirmation');
    // Nothing changes until the new address is confirmed.
    expect((await person.get('/api/me')).body.email).toBe(person.user.email);

    expect((await person.post('/api/auth/confirm-email', { token: tokenFrom(link) })).status).toBe(200);
    expect((await person.get('/api/me')).body).toMatchObject({ email: newAddress, emailConfirmed: true });
    const login = await new ApiClient(app.url).post('/api/auth/login', {
      email: newAddress,
      password: person.password,
    });
    expect(login.status).toBe(200);
    const oldLogin = await new ApiClient(app.url).post('/api/auth/login', {
      email: person.user.email,
      password: person.password,
    });
    expect(oldLogin.status).toBe(401);
    // The link works once.
    expect((await person.post('/api/auth/confirm-email', { token: tokenFrom(link) })).status).toBe(400);
  });

  it('answers the same for an address that has an account, and sends that address nothing', async () => {
    const person = await signUp(app.url);
    const other = await signUp(app.url);
    const confirmationsTo = (address: string) =>
      app.database.db
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.toAddress, address), eq(emailOutbox.kind, 'email_confirmation')));
    const before = await confirmationsTo(other.user.email);
    expect(before).toHaveLength(1); // the one from their own signup
    const asked = await person.post('/api/me/email', { email: other.user.email, password: person.password });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ ok: true });
    await mail.waitForTo(person.user.email, 'email_changed');
    // Written in the same transaction as the notice above: had it been written, it would be there.
    expect(await confirmationsTo(other.user.email)).toEqual(before);
    expect((await person.get('/api/me')).body.email).toBe(person.user.email);
  });
});

describe('settings: sessions', () => {
  it('signs out one other session; not the current one, nor anyone else’s', async () => {
    const person = await signUp(app.url);
    const laptop = new ApiClient(app.url);
    expect(
      (await laptop.post('/api/auth/login', { email: person.user.email, password: person.password })).status,
    ).toBe(200);
    const listed = await person.get('/api/me/sessions');
    expect(listed.body.items).toHaveLength(2);
    const current = listed.body.items.find((item: { current: boolean }) => item.current);
    const otherSession = listed.body.items.find((item: { current: boolean }) => !item.current);

    const stranger = await signUp(app.url);
    expect((await stranger.delete(`/api/me/sessions/${otherSession.id}`)).status).toBe(404);
    expect((await person.delete(`/api/me/sessions/${current.id}`)).status).toBe(404);
    expect((await person.delete('/api/me/sessions/not-an-id')).status).toBe(404);
    expect((await laptop.get('/api/me')).status).toBe(200);

    expect((await person.delete(`/api/me/sessions/${otherSession.id}`)).status).toBe(200);
    expect((await laptop.get('/api/me')).status).toBe(401);
    expect((await person.get('/api/me')).status).toBe(200);
    expect((await person.get('/api/me/sessions')).body.items).toHaveLength(1);
  });
});
