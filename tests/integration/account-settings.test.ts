import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail.ts';
import { queueEmail } from '../../server/mail/outbox.ts';
import { emailDigestItems } from '../../server/db/schema.ts';

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

describe('account settings', () => {
  it('saves email preferences per kind and refuses security kinds', async () => {
    const person = await signUp(app.url);
    const initial = await person.get('/api/me/email-preferences');
    expect(initial.body.items.every((item: { mode: string }) => item.mode === 'instant')).toBe(true);
    const saved = await person.put('/api/me/email-preferences', {
      reminder: 'off',
      application_received: 'digest',
    });
    expect(saved.status).toBe(200);
    const modes = Object.fromEntries(
      saved.body.items.map((i: { kind: string; mode: string }) => [i.kind, i.mode]),
    );
    expect(modes).toMatchObject({ reminder: 'off', application_received: 'digest', invitation: 'instant' });
    expect((await person.put('/api/me/email-preferences', { password_reset: 'off' })).status).toBe(400);
    expect((await person.put('/api/me/email-preferences', { reminder: 'weekly' })).status).toBe(400);
  });

  it('honours preferences: off sends nothing, digest holds the item, security mail always goes', async () => {
    const person = await signUp(app.url);
    await person.put('/api/me/email-preferences', { reminder: 'off', application_received: 'digest' });
    const to = { address: person.user.email, name: person.user.name, userId: person.user.id };
    await app.database.db.transaction(async (tx) => {
      await queueEmail(tx, { kind: 'reminder', to, data: { title: 'Turned off', path: '/' } });
      await queueEmail(tx, {
        kind: 'application_received',
        to,
        data: { title: 'Held for the digest', path: '/' },
      });
    });
    await new ApiClient(app.url).post('/api/auth/password-reset', { email: person.user.email });
    await mail.waitForTo(person.user.email, 'password_reset');
    await mail.waitForTo(person.user.email, 'email_confirmation');
    expect(
      mail
        .to(person.user.email)
        .map((email) => email.kind)
        .sort(),
    ).toEqual(['email_confirmation', 'password_reset']);
    const held = await app.database.db
      .select()
      .from(emailDigestItems)
      .where(eq(emailDigestItems.userId, person.user.id));
    expect(held.map((item) => item.title)).toEqual(['Held for the digest']);
  });

  it('changes the password only with the current one, ending the other sessions', async () => {
    const person = await signUp(app.url);
    const other = new ApiClient(app.url);
    await other.post('/api/auth/login', { email: person.user.email, password: person.password });
    expect((await person.get('/api/me/sessions')).body.items).toHaveLength(2);

    const wrong = await person.post('/api/me/password', {
      currentPassword: 'nope',
      newPassword: 'a new long passphrase',
    });
    expect(wrong.status).toBe(403);
    const changed = await person.post('/api/me/password', {
      currentPassword: person.password,
      newPassword: 'a new long passphrase',
    });
    expect(changed.status).toBe(200);
    expect((await person.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
  });

  it('signs out everywhere', async () => {
    const person = await signUp(app.url);
    const other = new ApiClient(app.url);
    await other.post('/api/auth/login', { email: person.user.email, password: person.password });
    expect((await person.post('/api/me/sessions/end-all')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await person.get('/api/me')).status).toBe(401);
  });
});
