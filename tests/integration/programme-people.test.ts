import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail.ts';
import { makeAdmin, makeInviteCode, makeProgramme, makeStaff } from '../helpers/programmes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

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

describe('people of a programme', () => {
  it('staff find their people by name or email, with role and memberships; the admin finds anyone', async () => {
    const admin = await makeAdmin(app);
    const programme = await makeProgramme(admin);
    const staff = await makeStaff(app.url, admin, programme.id);
    const code = await makeInviteCode(staff, programme.id, 'student', 'Spring');
    const inside = await signUp(app.url, { role: 'student', name: 'Farah Inside' });
    expect((await inside.post(`/api/programme-invites/${code.code}/join`, {})).status).toBe(200);
    const outside = await signUp(app.url, { role: 'student', name: 'Farah Outside' });
    const p = `/api/programmes/${programme.id}`;

    const found = (await staff.get(`${p}/people?q=farah`)).body.items;
    expect(found).toEqual([
      {
        id: inside.user.id,
        name: 'Farah Inside',
        email: inside.user.email,
        role: 'student',
        memberships: [{ programmeId: programme.id, kind: 'student', detail: 'cohort Spring' }],
        suspended: false,
      },
    ]);
    const byEmail = (await staff.get(`${p}/people?q=${encodeURIComponent(inside.user.email.toUpperCase())}`))
      .body;
    expect(byEmail.items.map((person: { id: string }) => person.id)).toEqual([inside.user.id]);
    // A LIKE wildcard is a character, not "anything".
    expect((await staff.get(`${p}/people?q=%25`)).body.items).toEqual([]);

    const everyone = (await admin.get('/api/admin/people?q=farah')).body.items;
    expect(everyone.map((person: { name: string }) => person.name)).toEqual([
      'Farah Inside',
      'Farah Outside',
    ]);
    expect(everyone[1]).toMatchObject({ id: outside.user.id, memberships: [] });
    // The staff member is found as staff.
    const me = (await staff.get('/api/me')).body;
    expect(
      (await staff.get(`${p}/people?q=${encodeURIComponent(me.email)}`)).body.items[0].memberships,
    ).toEqual([{ programmeId: programme.id, kind: 'staff', detail: '' }]);
  });

  it('staff make someone staff; an unknown address is emailed, can be re-sent, and every step is audited', async () => {
    const admin = await makeAdmin(app);
    const programme = await makeProgramme(admin, { name: 'Bradford Works' });
    const staff = await makeStaff(app.url, admin, programme.id);
    const p = `/api/programmes/${programme.id}`;
    const address = `new-staff-${Date.now()}@example.test`;

    const invited = await staff.post(`${p}/staff`, { email: address });
    expect(invited.status).toBe(201);
    expect(invited.body.status).toBe('invited');
    const first = await mail.waitForTo(address, 'programme_staff_invitation');
    expect(first.subject).toContain('Bradford Works');
    expect(first.text).toContain(`/signup?email=${encodeURIComponent(address)}`);

    const pending = (await staff.get(`${p}/staff-invitations`)).body.items as { id: string; email: string }[];
    expect(pending.map((invitation) => invitation.email)).toEqual([address]);
    const before = mail.received.filter((email) => email.envelopeTo.includes(address)).length;
    const resent = await staff.post(`${p}/staff-invitations/${pending[0]!.id}/resend`);
    expect(resent.status).toBe(200);
    await mail.waitFor(
      () => mail.received.filter((email) => email.envelopeTo.includes(address)).length === before + 1,
    );
    const stranger = await signUp(app.url, { role: 'student' });
    expect((await stranger.post(`${p}/staff-invitations/${pending[0]!.id}/resend`)).status).toBe(404);

    const colleague = await signUp(app.url, { role: 'mentor', name: 'Colleague' });
    const added = await staff.post(`${p}/staff`, { email: colleague.user.email });
    expect(added.body.status).toBe('added');
    expect((await colleague.get(`${p}/figures`)).status).toBe(200);

    const audit = (await staff.get(`${p}/audit`)).body.items as { action: string; targetLabel: string }[];
    expect(audit.map((row) => `${row.action} ${row.targetLabel}`)).toEqual([
      'staff_added Colleague',
      `staff_invitation_resent ${address}`,
      `staff_invited ${address}`,
      `staff_added ${(await staff.get('/api/me')).body.name}`,
    ]);
  });
});
