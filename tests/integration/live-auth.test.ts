import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../helpers/api-client.ts';
import { connected, openSocket, upgradeStatus } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

describe('both live endpoints authenticate on connect', () => {
  it('Socket.IO accepts a session and refuses a stranger with connect_error', async () => {
    const member = await signUp(app.url);
    const socket = await connected(openSocket(app.url, member.cookie));
    expect(socket.connected).toBe(true);
    socket.disconnect();

    await expect(connected(openSocket(app.url, undefined))).rejects.toThrow('unauthenticated');
    await expect(connected(openSocket(app.url, 'stint_session=forged'))).rejects.toThrow('unauthenticated');
  });

  it('Socket.IO refuses a foreign Origin (403 at the handshake)', async () => {
    const member = await signUp(app.url);
    const status = await upgradeStatus(`${app.wsUrl}/socket.io/?EIO=4&transport=websocket`, {
      cookie: member.cookie!,
      origin: 'https://evil.example',
    });
    expect(status).toBe(403);
  });

  it('the Yjs upgrade refuses a stranger with 401 and a foreign Origin with 403', async () => {
    const member = await signUp(app.url);
    const documentUrl = `${app.wsUrl}/yjs/00000000-0000-4000-8000-000000000000`;
    expect(await upgradeStatus(documentUrl, { origin: app.url })).toBe(401);
    expect(await upgradeStatus(documentUrl, { origin: app.url, cookie: 'stint_session=forged' })).toBe(401);
    expect(await upgradeStatus(documentUrl, { origin: 'https://evil.example', cookie: member.cookie! })).toBe(
      403,
    );
  });
});
