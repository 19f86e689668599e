import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorInText, decodePosition, resolveAnchor } from '../../shared/comment-anchors.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import type { SearchResult, WorkspaceSearchResponse } from '../../shared/schemas/search.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';
import { signUp, type ApiClient } from '../helpers/api-client.ts';
import { connected, emitWithAck, eventually, openDocument, openSocket, synced } from '../helpers/live.ts';
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

const XSS = '<img src=x onerror=alert(1)> the hoodie <script>alert(2)</script>';

/** Writes a paragraph into the brief and waits until the server has stored it. */
async function writeBrief(workspaceId: string, cookie: string | undefined, text: string): Promise<Y.XmlText> {
  const { doc, provider } = openDocument(app.wsUrl, workspaceId, cookie);
  closers.push(() => provider.destroy());
  await synced(provider);
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

async function sendChat(workspaceId: string, cookie: string | undefined, body: string) {
  const socket = await connected(openSocket(app.url, cookie));
  closers.push(() => socket.close());
  expect((await emitWithAck(socket, 'workspace:join', { workspaceId })).ok).toBe(true);
  const sent = await emitWithAck(socket, 'chat:send', { workspaceId, body, clientId: crypto.randomUUID() });
  expect(sent.ok, JSON.stringify(sent)).toBe(true);
  return sent.message as { id: string; seq: number };
}

/** One workspace with the same words in its brief, chat and a comment thread with a reply. */
async function workspaceAbout(words: string) {
  const people = await makeWorkspace(app.url, { intern: true, mentor: true });
  const { workspaceId, supervisor, intern, mentor } = people;
  const sentence = `The ${words} must be ready before the spring market.`;
  const text = await writeBrief(workspaceId, supervisor.cookie, sentence);
  const message = await sendChat(workspaceId, intern.cookie, `I ordered the ${words} samples today`);
  const thread = await mentor.post(`/api/workspaces/${workspaceId}/comments`, {
    body: 'Which colours?',
    quote: 'spring market',
    anchor: anchorInText(text, sentence.indexOf('spring'), 'spring market'.length),
  });
  expect(thread.status, JSON.stringify(thread.body)).toBe(201);
  const reply = await intern.post(`/api/workspaces/${workspaceId}/comments/${thread.body.id}/replies`, {
    body: `Green ${words}, like the logo`,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return { ...people, message, threadId: thread.body.id as string, replyId: reply.body.id as string };
}

const search = (client: ApiClient, workspaceId: string, q: string) =>
  client.get<WorkspaceSearchResponse>(`/api/workspaces/${workspaceId}/search?q=${encodeURIComponent(q)}`);

const plain = (result: SearchResult) => result.snippet.map((part) => part.text).join('');
const marked = (result: SearchResult) =>
  result.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase());

describe('search in a workspace', () => {
  it('finds the brief, chat and comments of this workspace only, with targets to jump to', async () => {
    const here = await workspaceAbout('hoodies');
    // Another workspace with the same words: none of it may come back.
    const elsewhere = await workspaceAbout('hoodies');

    // "hoodie" finds "hoodies": the same English stemming for every kind.
    const found = await search(here.mentor, here.workspaceId, 'hoodie');
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const { items, next, truncated } = found.body;
    expect(next).toBeNull();
    expect(truncated).toEqual({ brief: false, chat: false, comment: false });
    expect(items.map((item) => item.kind)).toEqual(['brief', 'chat', 'comment']);
    for (const item of items) expect(marked(item)).toEqual(['hoodies']);

    const [brief, chat, comment] = items as [SearchResult, SearchResult, SearchResult];
    expect(plain(brief)).toContain('The hoodies must be ready');
    expect(chat.target).toEqual({ kind: 'chat', messageId: here.message.id, seq: here.message.seq });
    expect(chat.author).toBe(here.intern.user.name);
    // A reply opens its thread.
    expect(comment.target).toEqual({ kind: 'comment', threadId: here.threadId, commentId: here.replyId });

    // The brief's target names the matching word in the stored document.
    if (brief.target.kind !== 'brief') throw new Error('not a brief target');
    expect(brief.target.text).toBe('hoodies');
    const { doc } = await loadDocument(app.database.db, here.workspaceId);
    const range = resolveAnchor(doc, {
      start: decodePosition(brief.target.anchor.start),
      end: decodePosition(brief.target.anchor.end),
    });
    expect(range).not.toBeNull();
    expect(range!.start.type.toString().slice(range!.start.index, range!.end.index)).toBe('hoodies');

    const theirs = await search(elsewhere.supervisor, elsewhere.workspaceId, 'hoodie');
    const ids = new Set(items.map((item) => item.id));
    const theirTargets = JSON.stringify(theirs.body.items.map((item) => item.target));
    expect(theirs.body.items).toHaveLength(3);
    expect(theirTargets).not.toContain(here.message.id);
    expect(theirTargets).not.toContain(here.threadId);
    expect(ids.has(`chat:${elsewhere.message.id}`)).toBe(false);

    // Words that are nowhere: an empty list, not an error.
    expect((await search(here.intern, here.workspaceId, 'zeppelin')).body).toMatchObject({ items: [] });
  });

  it('refuses strangers with 404 and bad queries with 400', async () => {
    const { workspaceId, supervisor } = await makeWorkspace(app.url);
    const stranger = await signUp(app.url);
    const refused = await search(stranger, workspaceId, 'hoodie');
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({ error: { code: 'workspace_not_found', message: expect.any(String) } });
    // A stranger learns nothing even from a bad query.
    expect((await search(stranger, workspaceId, '')).status).toBe(404);

    for (const q of ['', '   ', 'x'.repeat(201)]) {
      const bad = await search(supervisor, workspaceId, q);
      expect(bad.status, q).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: 'validation_failed', message: expect.any(String) } });
    }
    const missing = await supervisor.get(`/api/workspaces/${workspaceId}/search`);
    expect(missing.status).toBe(400);
    // Words PostgreSQL's query parser treats as operators are only words here.
    expect((await search(supervisor, workspaceId, "'):* & | !(")).status).toBe(200);
  });

  it('gives back an XSS payload in chat as the text that was written', async () => {
    const { workspaceId, supervisor, intern } = await makeWorkspace(app.url, { intern: true });
    await sendChat(workspaceId, intern.cookie, XSS);
    const found = await search(supervisor, workspaceId, 'hoodie');
    expect(found.status).toBe(200);
    const [chat] = found.body.items;
    expect(chat?.kind).toBe('chat');
    // The snippet is text in parts: the markup comes back verbatim, nothing is turned into HTML.
    expect(plain(chat!)).toBe(XSS);
    expect(marked(chat!)).toEqual(['hoodie']);
    expect(JSON.stringify(found.body)).not.toMatch(/<b>|&lt;/);
  });
});
