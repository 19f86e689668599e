import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startMailServer, type TestMailServer } from '../helpers/mail.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { makeOrg } from '../helpers/marketplace.ts';
import { confirmAddress } from '../helpers/accounts.ts';

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

function signupLink(text: string): URL {
  const match = /https?:\/\/\S+\/signup\?\S+/.exec(text);
  if (!match) throw new Error(`no signup link in: ${text}`);
  return new URL(match[0]);
}

describe('invitations by email', () => {
  it('inviting an address with no account to a workspace emails it a signup link that claims it', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(
      app.url,
      {},
      'Window display\r\nBcc: x@evil.test',
    );
    const address = `new-mentor-${Date.now()}@example.test`;
    const invited = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
      email: address,
      role: 'mentor',
    });
    expect(invited.status).toBe(201);

    const email = await mail.waitForTo(address, 'invitation');
    expect(email.envelopeTo).toEqual([address]);
    expect(email.parsed.headers.has('bcc')).toBe(false);
    expect(email.subject).toContain('invites you to Window display Bcc: x@evil.test');
    expect(email.text).toContain('as mentor');
    const link = signupLink(email.text);
    expect(link.pathname).toBe('/signup');
    expect(link.searchParams.get('email')).toBe(address);

    const newcomer = await signUp(app.url, { email: address, role: 'mentor' });
    await confirmAddress(newcomer);
    const [waiting] = (await newcomer.get('/api/me/invitations')).body.items;
    expect((await newcomer.post(`/api/invitations/${waiting.id}/accept`)).status).toBe(200);
    const workspace = await newcomer.get(`/api/workspaces/${workspaceId}`);
    expect(workspace.status).toBe(200);
  });

  it('inviting an address with no account to an organisation emails it too', async () => {
    const { supervisor, org } = await makeOrg(app.url, { name: 'Corner Thread Fabrics' });
    const address = `colleague-${Date.now()}@example.test`;
    const invited = await supervisor.post(`/api/orgs/${org.id}/supervisors`, { email: address });
    expect(invited.status).toBe(201);
    const email = await mail.waitForTo(address, 'invitation');
    expect(email.subject).toContain('invites you to Corner Thread Fabrics');
    expect(signupLink(email.text).searchParams.get('role')).toBe('supervisor');

    const colleague = await signUp(app.url, { email: address, role: 'supervisor' });
    await confirmAddress(colleague);
    expect((await colleague.post(`/api/invitations/${invited.body.id}/accept`)).status).toBe(200);
    const orgs = await colleague.get('/api/orgs');
    expect(JSON.stringify(orgs.body)).toContain(org.id);
  });
});
