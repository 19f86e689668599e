import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type ApiClient, type ApiResponse } from '../helpers/api-client.ts';
import { download, filesUnder, makeCompletedWorkspace, SAMPLE_FILES } from '../helpers/portfolio.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { addTask } from '../../shared/board.ts';
import { anchorInText } from '../../shared/comment-anchors.ts';
import { getBrief, getTasks } from '../../shared/doc-layout.ts';
import { MAX_DELIVERABLE_BYTES } from '../../shared/schemas/portfolio.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';

let app: TestServer;
let dataDir: string;
let store: string;
const closers: (() => void)[] = [];
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-files-'));
  store = path.join(dataDir, 'deliverables');
  app = await startTestServer({ env: { DATA_DIR: dataDir } });
});
afterEach(() => {
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

type SentFile = { name: string; type: string; bytes: Uint8Array };

/** POSTs a multipart upload as the browser's form does, with the caller's cookie and our Origin. */
async function attach(client: ApiClient, url: string, file: SentFile): Promise<ApiResponse> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const headers: Record<string, string> = { origin: client.baseUrl };
  if (client.cookie) headers.cookie = client.cookie;
  const response = await fetch(`${client.baseUrl}${url}`, { method: 'POST', headers, body: form });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers } as ApiResponse;
}

const csv: SentFile = { name: 'reach.csv', type: 'text/csv', bytes: SAMPLE_FILES.csv() };
const pdf: SentFile = { name: 'poster.pdf', type: 'application/pdf', bytes: SAMPLE_FILES.pdf() };

/** A workspace with a card on its board and a comment thread on its brief. */
async function workspaceWithCardAndComment() {
  const team = await makeWorkspace(app.url, { intern: true, mentor: true, viewer: true });
  const { doc, provider } = openDocument(app.wsUrl, team.workspaceId, team.supervisor.cookie);
  closers.push(() => provider.destroy());
  await synced(provider);
  const cardId = addTask(doc, { title: 'Design the poster', column: 'todo' });
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText('Print on recycled paper.');
  paragraph.insert(0, [text]);
  getBrief(doc).push([paragraph]);
  await eventually(async () => {
    const stored = (await loadDocument(app.database.db, team.workspaceId)).doc;
    expect(getTasks(stored)?.has(cardId)).toBe(true);
    expect(getBrief(stored).toString()).toContain('recycled');
  });
  const thread = await team.mentor.post(`/api/workspaces/${team.workspaceId}/comments`, {
    body: 'Is recycled paper within budget?',
    quote: 'recycled paper',
    anchor: anchorInText(text, 9, 'recycled paper'.length),
  });
  expect(thread.status).toBe(201);
  const cardUrl = `/api/workspaces/${team.workspaceId}/cards/${cardId}/attachments`;
  const commentUrl = `/api/workspaces/${team.workspaceId}/comments/${thread.body.id}/attachments`;
  return { ...team, cardId, threadId: thread.body.id as string, cardUrl, commentUrl };
}

describe('workspace files', () => {
  it('attaches files to a card and to a comment; members list and download them, strangers get 404', async () => {
    const team = await workspaceWithCardAndComment();
    const onCard = await attach(team.intern, team.cardUrl, csv);
    expect(onCard.status).toBe(201);
    expect(onCard.body).toMatchObject({
      fileName: 'reach.csv',
      mimeType: 'text/csv',
      sizeBytes: csv.bytes.length,
      author: { id: team.intern.user.id },
      attachedTo: { kind: 'card', cardId: team.cardId, title: 'Design the poster' },
      downloadUrl: `/api/attachments/${onCard.body.id}/download`,
    });
    // A mentor cannot change the board but comments, and attaches to a comment.
    const onComment = await attach(team.mentor, team.commentUrl, pdf);
    expect(onComment.status).toBe(201);
    expect(onComment.body.attachedTo).toMatchObject({
      kind: 'comment',
      commentId: team.threadId,
      threadId: team.threadId,
      excerpt: 'Is recycled paper within budget?',
    });

    const all = await team.viewer.get(`/api/workspaces/${team.workspaceId}/attachments`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((item: { fileName: string }) => item.fileName)).toEqual([
      'poster.pdf',
      'reach.csv',
    ]);
    expect(all.body.next).toBeNull();
    const firstPage = await team.viewer.get(`/api/workspaces/${team.workspaceId}/attachments?limit=1`);
    expect(firstPage.body.items).toHaveLength(1);
    const secondPage = await team.viewer.get(
      `/api/workspaces/${team.workspaceId}/attachments?limit=1&cursor=${firstPage.body.next}`,
    );
    expect(secondPage.body).toMatchObject({ items: [{ fileName: 'reach.csv' }], next: null });
    const ofCard = await team.viewer.get(
      `/api/workspaces/${team.workspaceId}/attachments?cardId=${team.cardId}`,
    );
    expect(ofCard.body.items.map((item: { id: string }) => item.id)).toEqual([onCard.body.id]);

    const fetched = await download(team.viewer, onCard.body.downloadUrl);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(fetched.bytes).equals(csv.bytes)).toBe(true);
    expect(fetched.headers.get('content-disposition')).toContain('attachment');

    const stranger = await signUp(app.url, { role: 'mentor' });
    expect((await stranger.get(`/api/workspaces/${team.workspaceId}/attachments`)).status).toBe(404);
    expect((await download(stranger, onCard.body.downloadUrl)).status).toBe(404);
    const strangerAttach = await attach(stranger, team.cardUrl, csv);
    expect(strangerAttach.status).toBe(404);
    expect(strangerAttach.body).toMatchObject({ error: { code: 'workspace_not_found' } });
  });

  it('attaching follows the rights: the board for cards, contributors for comments; viewers only look', async () => {
    const team = await workspaceWithCardAndComment();
    const before = await filesUnder(store);
    const refusals: [string, ApiClient, string][] = [
      ['mentor on a card', team.mentor, team.cardUrl],
      ['viewer on a card', team.viewer, team.cardUrl],
      ['viewer on a comment', team.viewer, team.commentUrl],
    ];
    for (const [label, who, url] of refusals) {
      const refused = await attach(who, url, { ...csv, bytes: Buffer.from(`${label}\n`) });
      expect(refused.status, label).toBe(403);
      expect(refused.body, label).toMatchObject({ error: { code: 'forbidden' } });
    }
    const handout = { ...pdf, bytes: Buffer.concat([pdf.bytes, Buffer.from('% handout\n')]) };
    expect((await attach(team.supervisor, team.cardUrl, handout)).status).toBe(201);
    expect((await attach(team.intern, team.commentUrl, handout)).status).toBe(201);
    // The same bytes twice are stored once.
    expect((await filesUnder(store)).length).toBe(before.length + 1);

    const unknown: [string, string, number, string][] = [
      [
        'a card not on the board',
        `/api/workspaces/${team.workspaceId}/cards/tnope/attachments`,
        404,
        'card_not_found',
      ],
      [
        'a malformed card id',
        `/api/workspaces/${team.workspaceId}/cards/a%20b/attachments`,
        400,
        'validation_failed',
      ],
      [
        'a comment of nowhere',
        `/api/workspaces/${team.workspaceId}/comments/00000000-0000-4000-8000-000000000000/attachments`,
        404,
        'comment_not_found',
      ],
    ];
    for (const [label, url, status, code] of unknown) {
      const refused = await attach(team.supervisor, url, { ...csv, bytes: Buffer.from(`${label}\n`) });
      expect(refused.status, label).toBe(status);
      expect(refused.body, label).toMatchObject({ error: { code } });
    }
    expect((await filesUnder(store)).length).toBe(before.length + 1);
    expect((await filesUnder(path.join(store, 'tmp'))).length).toBe(0);
  });

  it('refuses oversized and disguised files with the error shape, writing nothing', async () => {
    const team = await workspaceWithCardAndComment();
    const before = await filesUnder(store);
    const png = (size: number) =>
      Buffer.concat([SAMPLE_FILES.png(), Buffer.alloc(size - SAMPLE_FILES.png().length)]);
    const cases: [string, SentFile, number, string][] = [
      [
        'over by a byte',
        { name: 'big.png', type: 'image/png', bytes: png(MAX_DELIVERABLE_BYTES + 1) },
        413,
        'payload_too_large',
      ],
      [
        'far over',
        { name: 'big.png', type: 'image/png', bytes: png(MAX_DELIVERABLE_BYTES + 200_000) },
        413,
        'payload_too_large',
      ],
      [
        'a program',
        { name: 'setup.exe', type: '', bytes: Buffer.from('MZ\x90\x00') },
        415,
        'unsupported_media_type',
      ],
      [
        'text named .pdf',
        { name: 'poster.pdf', type: 'application/pdf', bytes: Buffer.from('not a pdf') },
        415,
        'unsupported_media_type',
      ],
    ];
    for (const [label, file, status, code] of cases) {
      for (const url of [team.cardUrl, team.commentUrl]) {
        const refused = await attach(team.intern, url, file);
        expect(refused.status, label).toBe(status);
        expect(refused.body, label).toMatchObject({ error: { code, message: expect.any(String) } });
      }
    }
    const listed = await team.intern.get(`/api/workspaces/${team.workspaceId}/attachments`);
    expect(listed.body.items).toEqual([]);
    expect(await filesUnder(store)).toEqual(before);
    expect((await filesUnder(path.join(store, 'tmp'))).length).toBe(0);
  });

  it('a completed workspace is read-only: nothing can be attached, the list still answers', async () => {
    const made = await makeCompletedWorkspace(app.url);
    const base = `/api/workspaces/${made.workspaceId}`;
    for (const [who, url] of [
      [made.supervisor, `${base}/cards/t123/attachments`],
      [made.student, `${base}/comments/00000000-0000-4000-8000-000000000000/attachments`],
    ] as const) {
      const refused = await attach(who, url, csv);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/completed/);
    }
    const listed = await made.student.get(`${base}/attachments`);
    expect(listed).toMatchObject({ status: 200, body: { items: [], next: null } });
  });
});
