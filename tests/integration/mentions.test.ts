import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { anchorInText } from '../../shared/comment-anchors.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import type { Notification } from '../../shared/live.ts';
import { splitMentions } from '../../shared/mentions.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';
import { signUp } from '../helpers/api-client.ts';
import { connected, emitWithAck, eventually, openDocument, openSocket, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addMember } from '../helpers/workspace.ts';

let app: TestServer;
const closers: (() => void)[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const close of closers) close();
  await app.stop();
});

async function socketFor(cookie: string | undefined): Promise<Socket> {
  const socket = await connected(openSocket(app.url, cookie));
  closers.push(() => socket.disconnect());
  return socket;
}

/** The titles of someone's mention notifications (being added to a workspace notifies too). */
async function mentionsOf(person: Awaited<ReturnType<typeof signUp>>): Promise<string[]> {
  const items = (await person.get('/api/notifications')).body.items as Notification[];
  return items.filter((item) => item.kind === 'mentioned').map((item) => item.title);
}

describe('@mentions', () => {
  it('notify the mentioned member only, from chat and from comments; a non-member is mentioned nowhere', async () => {
    const supervisor = await signUp(app.url, { role: 'supervisor', name: 'Sam Boss' });
    const intern = await signUp(app.url, { role: 'student', name: 'Lena Novak' });
    const mentor = await signUp(app.url, { role: 'mentor', name: 'Mei Chen' });
    const stranger = await signUp(app.url, { role: 'student', name: 'Omar Stranger' });
    const workspaceId = (await supervisor.post('/api/workspaces', { title: 'Poster run' })).body.id as string;
    await addMember(supervisor, workspaceId, intern, 'intern');
    await addMember(supervisor, workspaceId, mentor, 'mentor');

    const internLive = await socketFor(intern.cookie);
    const pushed: Notification[] = [];
    internLive.on('notification', (notification: Notification) => pushed.push(notification));
    const bossSocket = await socketFor(supervisor.cookie);
    expect((await emitWithAck(bossSocket, 'workspace:join', { workspaceId })).ok).toBe(true);

    const sent = await emitWithAck(bossSocket, 'chat:send', {
      workspaceId,
      body: 'Morning @lena novak — and @Omar Stranger, who is not here. <b>@Sam Boss</b>',
      clientId: 'mention-1',
    });
    expect(sent.ok).toBe(true);
    await eventually(() => expect(pushed).toHaveLength(1));
    expect(pushed[0]).toMatchObject({
      kind: 'mentioned',
      title: 'Sam Boss mentioned you in the chat of Poster run',
      link: `/workspaces/${workspaceId}`,
    });
    // The ack came after the mentions were handled: nobody else was told, the author included.
    for (const other of [mentor, stranger, supervisor]) expect(await mentionsOf(other)).toEqual([]);

    // A comment mentioning the mentor reaches the mentor; resending the chat message does not notify again.
    const boss = openDocument(app.wsUrl, workspaceId, supervisor.cookie);
    closers.push(() => boss.provider.destroy());
    await synced(boss.provider);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText('Print on recycled paper.');
    paragraph.insert(0, [text]);
    getBrief(boss.doc).push([paragraph]);
    await eventually(async () =>
      expect(getBrief((await loadDocument(app.database.db, workspaceId)).doc).toString()).toContain(
        'recycled',
      ),
    );
    const again = await emitWithAck(bossSocket, 'chat:send', {
      workspaceId,
      body: 'Morning @lena novak — and @Omar Stranger, who is not here. <b>@Sam Boss</b>',
      clientId: 'mention-1',
    });
    expect(again.ok).toBe(true);
    const comment = await intern.post(`/api/workspaces/${workspaceId}/comments`, {
      body: '@Mei Chen is recycled paper within budget?',
      quote: 'recycled paper',
      anchor: anchorInText(text, 9, 'recycled paper'.length),
    });
    expect(comment.status).toBe(201);
    expect(await mentionsOf(mentor)).toEqual(['Lena Novak mentioned you in a comment of Poster run']);
    expect(await mentionsOf(intern)).toHaveLength(1);
    expect(await mentionsOf(stranger)).toEqual([]);
  });

  it('split text so the web highlights only members, whole names, and markup stays text', () => {
    const members = [
      { id: 'a', name: 'Ann' },
      { id: 'b', name: 'Ann Lee' },
    ];
    expect(splitMentions('Hi @Ann Lee, @Anna and me@Ann <i>@ann</i>', members)).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'mention', text: '@Ann Lee', userId: 'b' },
      { kind: 'text', text: ', @Anna and me@Ann <i>' },
      { kind: 'mention', text: '@ann', userId: 'a' },
      { kind: 'text', text: '</i>' },
    ]);
  });
});
