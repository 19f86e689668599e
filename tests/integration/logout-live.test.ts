import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBrief } from '../../shared/doc-layout.ts';
import { YJS_CLOSE } from '../../shared/live.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { connected, emitWithAck, eventually, openDocument, openSocket, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';

let app: TestServer;
const providers: { destroy(): void }[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await app.stop();
});

function typeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  getBrief(doc).push([paragraph]);
}

const storedBrief = async (workspaceId: string) =>
  getBrief((await loadDocument(app.database.db, workspaceId)).doc).toString();

describe('logging out ends the live connections of that session', () => {
  it('an open Yjs connection is closed and can no longer edit; the other session keeps working', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    const laptop = intern.cookie!;
    const phone = new ApiClient(app.url);
    expect(
      (await phone.post('/api/auth/login', { email: intern.user.email, password: intern.password })).status,
    ).toBe(200);

    const onLaptop = openDocument(app.wsUrl, workspaceId, laptop);
    const onPhone = openDocument(app.wsUrl, workspaceId, phone.cookie);
    const watcher = openDocument(app.wsUrl, workspaceId, supervisor.cookie);
    providers.push(onLaptop.provider, onPhone.provider, watcher.provider);
    await Promise.all([synced(onLaptop.provider), synced(onPhone.provider), synced(watcher.provider)]);

    typeParagraph(onLaptop.doc, 'typed before logout');
    await eventually(async () => expect(await storedBrief(workspaceId)).toContain('typed before logout'));

    const closed = new Promise<number | undefined>((resolve) =>
      onLaptop.provider.once('connection-close', (event) => resolve(event?.code)),
    );
    expect((await intern.post('/api/auth/logout')).status).toBe(200);
    expect(await closed).toBe(YJS_CLOSE.sessionEnded);

    // The laptop keeps trying (y-websocket reconnects by itself) and is refused every time.
    typeParagraph(onLaptop.doc, 'typed after logout');
    // Marker: the phone's session is untouched and still edits; once its line is stored, the
    // laptop's attempts have had every chance to arrive.
    typeParagraph(onPhone.doc, 'phone still edits');
    await eventually(async () => expect(await storedBrief(workspaceId)).toContain('phone still edits'));
    await eventually(() => expect(getBrief(watcher.doc).toString()).toContain('phone still edits'));
    expect(onLaptop.provider.wsconnected).toBe(false);
    expect(await storedBrief(workspaceId)).not.toContain('typed after logout');
    expect(getBrief(watcher.doc).toString()).not.toContain('typed after logout');
  });

  it('an open Socket.IO connection is disconnected and can no longer chat', async () => {
    const { workspaceId, intern, supervisor } = await makeWorkspace(app.url, { intern: true });
    const cookie = intern.cookie!;
    const internSocket = await connected(openSocket(app.url, cookie));
    const watcherSocket = await connected(openSocket(app.url, supervisor.cookie));
    try {
      expect((await emitWithAck(internSocket, 'workspace:join', { workspaceId })).ok).toBe(true);
      expect((await emitWithAck(watcherSocket, 'workspace:join', { workspaceId })).ok).toBe(true);
      const received: string[] = [];
      watcherSocket.on('chat:message', (message: { body: string }) => received.push(message.body));

      const disconnected = new Promise<string>((resolve) => internSocket.once('disconnect', resolve));
      expect((await intern.post('/api/auth/logout')).status).toBe(200);
      expect(await disconnected).toBe('io server disconnect');

      // A reconnect with the ended session's cookie is refused, so nothing it sends can be posted.
      await expect(connected(openSocket(app.url, cookie))).rejects.toThrow('unauthenticated');
      internSocket.emit('chat:send', { workspaceId, body: 'sent after logout', clientId: 'after-logout' });
      const marker = await emitWithAck(watcherSocket, 'chat:send', {
        workspaceId,
        body: 'marker',
        clientId: 'marker',
      });
      expect(marker.ok).toBe(true);
      await eventually(() => expect(received).toContain('marker'));
      expect(received).not.toContain('sent after logout');
      const history = await supervisor.get(`/api/workspaces/${workspaceId}/messages`);
      expect(history.body.items.map((message: { body: string }) => message.body)).not.toContain(
        'sent after logout',
      );
    } finally {
      internSocket.disconnect();
      watcherSocket.disconnect();
    }
  });
});
