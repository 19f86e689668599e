import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorInText, anchoredText, encodePosition } from '../../shared/comment-anchors.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import type { CommentThread } from '../../shared/schemas/comments.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';
import { signUp } from '../helpers/api-client.ts';
import { connected, eventually, openDocument, openSocket, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';

let app: TestServer;
const closers: (() => void)[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const close of closers) close();
  await app.stop();
});

function open(workspaceId: string, cookie: string | undefined) {
  const opened = openDocument(app.wsUrl, workspaceId, cookie);
  closers.push(() => opened.provider.destroy());
  return opened;
}

const SENTENCE = 'The poster must show the spring menu clearly.';

/** Adds a paragraph to the brief and waits until the server has stored it. */
async function writeParagraph(doc: Y.Doc, workspaceId: string, text: string): Promise<Y.XmlText> {
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText(text);
  paragraph.insert(0, [content]);
  getBrief(doc).push([paragraph]);
  await eventually(async () => {
    const { doc: stored } = await loadDocument(app.database.db, workspaceId);
    expect(getBrief(stored).toString()).toContain(text);
  });
  return content;
}

const anchorOf = (text: Y.XmlText, words: string) =>
  anchorInText(text, SENTENCE.indexOf(words), words.length);

/** The paragraph (in a client's copy) that holds our sentence. */
function sentenceIn(doc: Y.Doc): Y.XmlText {
  for (const node of getBrief(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    const text = node.get(0);
    if (text instanceof Y.XmlText && text.toString().includes('poster')) return text;
  }
  throw new Error('the sentence is not in this copy of the brief');
}

describe('comments on the brief', () => {
  it('supervisor, intern and mentor comment; their anchors follow the text through concurrent edits', async () => {
    const { workspaceId, supervisor, intern, mentor } = await makeWorkspace(app.url, {
      intern: true,
      mentor: true,
    });
    const boss = open(workspaceId, supervisor.cookie);
    const student = open(workspaceId, intern.cookie);
    const reader = open(workspaceId, mentor.cookie);
    await Promise.all([synced(boss.provider), synced(student.provider), synced(reader.provider)]);
    await writeParagraph(boss.doc, workspaceId, SENTENCE);
    await eventually(() => expect(() => sentenceIn(reader.doc)).not.toThrow());

    // Each anchors on their own copy of the document: relative positions name the characters.
    const threads: Record<string, CommentThread> = {};
    for (const [who, client, doc, words] of [
      ['mentor', mentor, reader.doc, 'spring menu'],
      ['supervisor', supervisor, boss.doc, 'The poster'],
      ['intern', intern, student.doc, 'clearly'],
    ] as const) {
      const created = await client.post(`/api/workspaces/${workspaceId}/comments`, {
        body: `${who}: about “${words}”`,
        quote: words,
        anchor: anchorOf(sentenceIn(doc), words),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ quote: words, author: { id: client.user.id }, replies: [] });
      threads[who] = created.body;
    }

    // The supervisor and the intern edit around every anchor at the same moment, unsynced.
    const bossText = sentenceIn(boss.doc);
    const studentText = sentenceIn(student.doc);
    bossText.insert(SENTENCE.indexOf('spring'), 'bright '); // just before the mentor's stretch
    bossText.insert(0, 'Update: '); // just before the supervisor's
    // (right to left, so each index is still the original sentence's)
    studentText.insert(SENTENCE.length - 1, ' and boldly'); // between "clearly" and "."
    studentText.insert(SENTENCE.indexOf(' menu') + ' menu'.length, ' and its prices'); // just after
    studentText.delete(SENTENCE.indexOf('must '), 'must '.length);

    // Everyone converges on one text with all five edits in it.
    await eventually(() => {
      const texts = [boss.doc, student.doc, reader.doc].map((doc) => sentenceIn(doc).toString());
      expect(new Set(texts).size).toBe(1);
      for (const part of ['Update: The poster show', 'bright spring', 'menu and its prices', 'and boldly.'])
        expect(texts[0]).toContain(part);
    });
    const expected = sentenceIn(boss.doc).toString();
    await eventually(async () => {
      const { doc: stored } = await loadDocument(app.database.db, workspaceId);
      expect(sentenceIn(stored).toString()).toBe(expected);
    });

    const listed = await mentor.get(`/api/workspaces/${workspaceId}/comments`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(3);
    const { doc: stored } = await loadDocument(app.database.db, workspaceId);
    for (const doc of [stored, reader.doc, boss.doc, student.doc]) {
      expect(anchoredText(doc, threads.mentor!.anchor)).toBe('spring menu');
      expect(anchoredText(doc, threads.supervisor!.anchor)).toBe('The poster');
      expect(anchoredText(doc, threads.intern!.anchor)).toBe('clearly');
    }

    // Deleting the text leaves the thread, which now resolves to nothing ("on deleted text").
    const text = sentenceIn(boss.doc);
    text.delete(text.toString().indexOf('clearly'), 'clearly'.length);
    await eventually(() => expect(anchoredText(reader.doc, threads.intern!.anchor)).toBeNull());
    const after = await intern.get(`/api/workspaces/${workspaceId}/comments`);
    expect(after.body.items.map((thread: CommentThread) => thread.quote)).toContain('clearly');
  });

  it('threads take replies, edits and deletes by their authors only, and resolve and reopen — live', async () => {
    const { workspaceId, supervisor, intern, mentor } = await makeWorkspace(app.url, {
      intern: true,
      mentor: true,
    });
    const boss = open(workspaceId, supervisor.cookie);
    await synced(boss.provider);
    const text = await writeParagraph(boss.doc, workspaceId, SENTENCE);

    const socket = await connected(openSocket(app.url, intern.cookie));
    closers.push(() => socket.disconnect());
    const joined = await socket.timeout(5000).emitWithAck('workspace:join', { workspaceId });
    expect(joined.ok).toBe(true);
    const seen: { threadId: string; thread: CommentThread | null }[] = [];
    socket.on('comment:thread', (event) => seen.push(event));

    const thread = (
      await mentor.post(`/api/workspaces/${workspaceId}/comments`, {
        body: 'Which menu — lunch or dinner?',
        quote: 'spring menu',
        anchor: anchorOf(text, 'spring menu'),
      })
    ).body as CommentThread;
    await eventually(() => expect(seen.at(-1)?.thread?.id).toBe(thread.id));

    const reply = await intern.post(`/api/workspaces/${workspaceId}/comments/${thread.id}/replies`, {
      body: 'Lunch, I think.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.thread.replies.map((r: { body: string }) => r.body)).toEqual(['Lunch, I think.']);
    await eventually(() => expect(seen.at(-1)?.thread?.replies).toHaveLength(1));

    // Only the author edits or deletes; others get 403, and the text is unchanged.
    const path = `/api/workspaces/${workspaceId}/comments/${reply.body.id}`;
    expect((await supervisor.request('PATCH', path, { body: 'Dinner.' })).status).toBe(403);
    expect((await mentor.delete(path)).status).toBe(403);
    const edited = await intern.request<CommentThread>('PATCH', path, { body: 'Lunch, checked with Sam.' });
    expect(edited.status).toBe(200);
    expect(edited.body.replies[0]).toMatchObject({ body: 'Lunch, checked with Sam.' });
    expect(edited.body.replies[0]!.editedAt).not.toBeNull();

    const resolved = await intern.post(`/api/workspaces/${workspaceId}/comments/${thread.id}/resolve`);
    expect(resolved.body).toMatchObject({ resolvedBy: { id: intern.user.id } });
    expect(resolved.body.resolvedAt).not.toBeNull();
    await eventually(() => expect(seen.at(-1)?.thread?.resolvedAt).not.toBeNull());
    const reopened = await mentor.post(`/api/workspaces/${workspaceId}/comments/${thread.id}/reopen`);
    expect(reopened.body).toMatchObject({ resolvedAt: null, resolvedBy: null });

    expect((await intern.delete(path)).status).toBe(200);
    const deleted = await mentor.delete(`/api/workspaces/${workspaceId}/comments/${thread.id}`);
    expect(deleted.status).toBe(200);
    await eventually(() => expect(seen.at(-1)).toEqual({ workspaceId, threadId: thread.id, thread: null }));
    expect((await intern.get(`/api/workspaces/${workspaceId}/comments`)).body.items).toEqual([]);
    expect((await intern.delete(path)).status).toBe(404);
  });

  it('a viewer comments but cannot edit; a stranger gets 404; a completed workspace is read-only', async () => {
    const { workspaceId, supervisor, viewer } = await makeWorkspace(app.url, { viewer: true, intern: true });
    const stranger = await signUp(app.url, { role: 'student' });
    const boss = open(workspaceId, supervisor.cookie);
    await synced(boss.provider);
    const text = await writeParagraph(boss.doc, workspaceId, SENTENCE);
    const comment = { body: 'Nice.', quote: 'poster', anchor: anchorOf(text, 'poster') };

    const detail = await viewer.get(`/api/workspaces/${workspaceId}`);
    expect(detail.body.myRights).toEqual(['view', 'comment']);
    expect((await viewer.post(`/api/workspaces/${workspaceId}/comments`, comment)).status).toBe(201);

    // The viewer's edit to the brief is dropped: the supervisor's later marker arrives, theirs never.
    const watching = open(workspaceId, viewer.cookie);
    await synced(watching.provider);
    sentenceIn(watching.doc).insert(0, 'VIEWER WAS HERE ');
    await writeParagraph(boss.doc, workspaceId, 'marker after the viewer');
    const { doc: stored } = await loadDocument(app.database.db, workspaceId);
    expect(getBrief(stored).toString()).not.toContain('VIEWER WAS HERE');

    for (const response of [
      await stranger.get(`/api/workspaces/${workspaceId}/comments`),
      await stranger.post(`/api/workspaces/${workspaceId}/comments`, comment),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('workspace_not_found');
    }

    const done = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, {
      endorsement: 'Reliable and thoughtful work throughout the whole project.',
      skills: [{ skill: 'Instagram', level: 2 }],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const refused = await viewer.post(`/api/workspaces/${workspaceId}/comments`, comment);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/completed/);
    expect((await viewer.get(`/api/workspaces/${workspaceId}/comments`)).body.items).toHaveLength(1);
  });

  it('refuses bad comments with the error shape; markup stays text', async () => {
    const { workspaceId, supervisor, mentor } = await makeWorkspace(app.url, { mentor: true });
    const boss = open(workspaceId, supervisor.cookie);
    await synced(boss.provider);
    const text = await writeParagraph(boss.doc, workspaceId, SENTENCE);
    const url = `/api/workspaces/${workspaceId}/comments`;
    const anchor = anchorOf(text, 'poster');

    const long = await mentor.post(url, { body: 'x'.repeat(2001), quote: 'poster', anchor });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/2000/),
    });

    // Positions naming an item the document never had, a whole type, or not base64 at all.
    const elsewhere = new Y.Doc();
    const foreign = elsewhere.getText('x');
    foreign.insert(0, 'somewhere else');
    const nowhere = anchorInText(foreign as unknown as Y.XmlText, 0, 4);
    const whole = encodePosition(Y.createRelativePositionFromTypeIndex(getBrief(boss.doc), 0));
    for (const [bad, code] of [
      [nowhere, 'anchor_not_found'],
      [{ start: whole, end: anchor.end }, 'anchor_not_found'],
      [{ start: anchor.end, end: anchor.start }, 'anchor_not_found'],
      [{ start: 'not base64!', end: anchor.end }, 'validation_failed'],
    ] as const) {
      const refused = await mentor.post(url, { body: 'Hm', quote: 'poster', anchor: bad });
      expect(refused.body.error?.code, JSON.stringify([bad, refused.status, refused.body])).toBe(code);
      expect(refused.status).toBe(code === 'validation_failed' ? 400 : 422);
    }
    expect((await mentor.get(url)).body.items).toEqual([]);

    const xss = '<img src=x onerror="alert(1)"> & <script>alert(2)</script>';
    const created = await mentor.post(url, { body: xss, quote: '<b>poster</b>', anchor });
    expect(created.status).toBe(201);
    const [listed] = (await mentor.get(url)).body.items as CommentThread[];
    expect(listed).toMatchObject({ body: xss, quote: '<b>poster</b>' });

    const missing = await mentor.post(`${url}/00000000-0000-4000-8000-000000000000/replies`, { body: 'Hi' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('comment_not_found');
  });
});
