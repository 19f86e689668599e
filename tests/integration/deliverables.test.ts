import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import {
  download,
  dropOpenMilestones,
  filesUnder,
  firstMilestone,
  makeProjectWorkspace,
  SAMPLE_FILES,
  uploadFile,
} from '../helpers/portfolio.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { MAX_DELIVERABLE_BYTES } from '../../shared/schemas/portfolio.ts';

let app: TestServer;
let dataDir: string;
let store: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-deliverables-'));
  store = path.join(dataDir, 'deliverables');
  app = await startTestServer({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('deliverables', () => {
  it('an intern hands in a file and a link; members download it, strangers cannot', async () => {
    const team = await makeWorkspace(app.url, { intern: true, mentor: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const bytes = SAMPLE_FILES.png();
    const uploaded = await uploadFile(
      team.intern,
      team.workspaceId,
      { name: 'launch-post.png', type: 'image/png', bytes },
      { title: 'Launch post', milestoneId: milestone.id },
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      kind: 'file',
      title: 'Launch post',
      fileName: 'launch-post.png',
      mimeType: 'image/png',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      milestoneId: milestone.id,
      author: { id: team.intern.user.id },
      downloadUrl: `/api/deliverables/${uploaded.body.id}/download`,
    });
    expect(await filesUnder(store)).toEqual([sha256(bytes)]);

    const unicode = await uploadFile(
      team.intern,
      team.workspaceId,
      { name: 'Zoë’s figures.csv', type: 'text/csv', bytes: SAMPLE_FILES.csv() },
      { milestoneId: milestone.id },
    );
    expect(unicode.status).toBe(201);
    expect(unicode.body).toMatchObject({ title: 'Zoë’s figures.csv', fileName: 'Zoë’s figures.csv' });

    const link = await team.intern.post(`/api/workspaces/${team.workspaceId}/deliverables`, {
      kind: 'link',
      title: 'Campaign board',
      url: 'https://www.example.org/board',
      milestoneId: milestone.id,
    });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({
      kind: 'link',
      url: 'https://www.example.org/board',
      downloadUrl: null,
    });

    const listed = await team.mentor.get(`/api/workspaces/${team.workspaceId}/deliverables`);
    expect(listed.body.next).toBeNull();
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([
      link.body.id,
      unicode.body.id,
      uploaded.body.id,
    ]);

    const got = await download(team.mentor, uploaded.body.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="?launch-post\.png"?$/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const named = await download(team.intern, unicode.body.downloadUrl);
    expect(named.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Zo%C3%AB%E2%80%99s%20figures.csv",
    );

    const stranger = await signUp(app.url, { role: 'supervisor' });
    for (const url of [uploaded.body.downloadUrl, `/api/workspaces/${team.workspaceId}/deliverables`]) {
      const refused = await stranger.get(url);
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toMatch(/not_found/);
    }
    expect((await new ApiClient(app.url).get(uploaded.body.downloadUrl)).status).toBe(401);
    expect((await stranger.delete(`/api/deliverables/${uploaded.body.id}`)).status).toBe(404);
    expect((await team.intern.get(`/api/deliverables/${link.body.id}/download`)).body.error.code).toBe(
      'not_a_file',
    );
  });

  it('a link with a space or `#frag ment` is stored percent-encoded; a credential naming it signs and verifies', async () => {
    const team = await makeProjectWorkspace(app.url);
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const add = (url: unknown) =>
      team.student.post(`/api/workspaces/${team.workspaceId}/deliverables`, {
        kind: 'link',
        title: 'Report',
        url,
        milestoneId: milestone.id,
      });
    const spaced = await add('  https://docs.example.org/final report.pdf#frag ment  ');
    expect(spaced.status).toBe(201);
    expect(spaced.body.url).toBe('https://docs.example.org/final%20report.pdf#frag%20ment');
    expect((await add('https://docs.example.org/a(b)?q=1 2')).body.url).toBe(
      'https://docs.example.org/a(b)?q=1%202',
    );
    for (const bad of [
      'javascript:alert(1)',
      'https://user:secret@docs.example.org/',
      'docs.example.org/no-scheme',
      'https://',
      'ftp://docs.example.org/file',
      `https://docs.example.org/${'a'.repeat(2000)}`,
      '',
      42,
    ]) {
      const refused = await add(bad);
      expect(refused.status, String(bad)).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }

    expect((await team.student.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(200);
    expect((await team.supervisor.post(`/api/milestones/${milestone.id}/accept`)).status).toBe(200);
    await dropOpenMilestones(team.supervisor, team.workspaceId);
    const completed = await team.supervisor.post(`/api/workspaces/${team.workspaceId}/complete`, {
      endorsement: 'Careful, punctual work that we could use straight away.',
      skills: [{ skill: 'Instagram', level: 2 }],
    });
    expect(completed.status).toBe(200);
    const entryUrl = `/api/portfolio/entries/${completed.body.entries[0].id}`;
    const credential = await team.student.get(`${entryUrl}/export?format=ob3`);
    expect(credential.status).toBe(200);
    expect(credential.body.evidence.map((item: { id: string }) => item.id)).toContain(spaced.body.url);
    expect((await new ApiClient(app.url).post('/api/credentials/verify', credential.body)).body).toEqual({
      status: 'valid',
    });
    for (const format of ['md', 'pdf', 'json-resume']) {
      expect((await team.student.get(`${entryUrl}/export?format=${format}`)).status, format).toBe(200);
    }
  });

  it('mentors and viewers cannot hand anything in', async () => {
    const team = await makeWorkspace(app.url, { mentor: true, viewer: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const before = await filesUnder(store);
    for (const who of [team.mentor, team.viewer]) {
      const file = await uploadFile(
        who,
        team.workspaceId,
        { name: 'notes.pdf', type: 'application/pdf', bytes: SAMPLE_FILES.pdf() },
        { milestoneId: milestone.id },
      );
      expect(file.status).toBe(403);
      expect(file.body.error.code).toBe('forbidden');
      const link = await who.post(`/api/workspaces/${team.workspaceId}/deliverables`, {
        kind: 'link',
        title: 'Mine',
        url: 'https://example.org',
        milestoneId: milestone.id,
      });
      expect(link.status).toBe(403);
    }
    expect(await filesUnder(store)).toEqual(before);
    expect(
      (await team.supervisor.get(`/api/workspaces/${team.workspaceId}/deliverables`)).body.items,
    ).toEqual([]);
  });

  it('refuses oversized and disguised files with the error shape, leaving nothing on disk or in the table', async () => {
    const team = await makeWorkspace(app.url, { intern: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const other = await makeWorkspace(app.url);
    const foreignMilestone = await firstMilestone(other.supervisor, other.workspaceId);
    const before = await filesUnder(store);
    const png = (size: number) =>
      Buffer.concat([SAMPLE_FILES.png(), Buffer.alloc(size - SAMPLE_FILES.png().length)]);
    const file = (name: string, type: string, bytes: Uint8Array) => ({ name, type, bytes });
    const pdf = SAMPLE_FILES.pdf();
    const TOO_BIG = 'payload_too_large';
    const REFUSED = 'unsupported_media_type';
    const cases: [string, ReturnType<typeof file>, Record<string, string>, number, string][] = [
      // Just over the limit: read and cut off while streaming.
      ['over by a byte', file('big.png', 'image/png', png(MAX_DELIVERABLE_BYTES + 1)), {}, 413, TOO_BIG],
      // Far over: refused from Content-Length before reading.
      ['far over', file('big.png', 'image/png', png(MAX_DELIVERABLE_BYTES + 200_000)), {}, 413, TOO_BIG],
      ['a program', file('setup.exe', '', Buffer.from('MZ\x90\x00')), {}, 415, REFUSED],
      ['text named .png', file('photo.png', 'image/png', Buffer.from('not a picture')), {}, 415, REFUSED],
      ['pdf sent as png', file('brief.pdf', 'image/png', pdf), {}, 415, REFUSED],
      ['pdf bytes named .docx', file('report.docx', '', pdf), {}, 415, REFUSED],
      ['binary csv', file('data.csv', 'text/csv', Buffer.from([0x61, 0x00, 0x62])), {}, 415, REFUSED],
      ['no milestone', file('ok.pdf', 'application/pdf', pdf), { milestoneId: '' }, 400, 'validation_failed'],
      [
        'another workspace’s milestone',
        file('ok.pdf', 'application/pdf', pdf),
        { milestoneId: foreignMilestone.id },
        400,
        'unknown_milestone',
      ],
    ];
    for (const [what, upload, fields, status, code] of cases) {
      const response = await uploadFile(team.intern, team.workspaceId, upload, {
        milestoneId: milestone.id,
        ...fields,
      });
      expect(response.status, what).toBe(status);
      expect(response.body.error, what).toEqual({
        code,
        message: expect.any(String),
        ...(code === 'validation_failed' ? { details: expect.anything() } : {}),
      });
      expect(await filesUnder(store), what).toEqual(before);
    }
    const noFile = await team.intern.request(
      'POST',
      `/api/workspaces/${team.workspaceId}/deliverables`,
      '--x--\r\n',
      {
        'content-type': 'multipart/form-data; boundary=x',
      },
    );
    expect(noFile.status).toBe(400);
    const badLink = await team.intern.post(`/api/workspaces/${team.workspaceId}/deliverables`, {
      kind: 'link',
      title: 'Sneaky',
      url: 'javascript:alert(1)',
      milestoneId: milestone.id,
    });
    expect(badLink.status).toBe(400);
    expect(
      (await team.supervisor.get(`/api/workspaces/${team.workspaceId}/deliverables`)).body.items,
    ).toEqual([]);
    expect(await filesUnder(store)).toEqual(before);
  });

  it('knows office documents and archives by their signature', async () => {
    const team = await makeWorkspace(app.url, { intern: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]);
    const odt = Buffer.concat([
      Buffer.from('PK\x03\x04', 'latin1'),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text', 'latin1'),
    ]);
    for (const [name, bytes, mime] of [
      ['report.docx', zip, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['assets.zip', zip, 'application/zip'],
      ['minutes.odt', odt, 'application/vnd.oasis.opendocument.text'],
    ] as const) {
      const uploaded = await uploadFile(
        team.intern,
        team.workspaceId,
        { name, type: '', bytes },
        { milestoneId: milestone.id },
      );
      expect(uploaded.status, name).toBe(201);
      expect(uploaded.body.mimeType).toBe(mime);
    }
    const fakeOdt = await uploadFile(
      team.intern,
      team.workspaceId,
      { name: 'minutes.ods', type: '', bytes: odt },
      {
        milestoneId: milestone.id,
      },
    );
    expect(fakeOdt.status).toBe(415);
  });

  it('stores the same bytes once and removes them with the last deliverable naming them', async () => {
    const team = await makeWorkspace(app.url, { intern: true, mentor: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const bytes = Buffer.from('%PDF-1.7\n% shared by two deliverables\n');
    const file = { name: 'plan.pdf', type: 'application/pdf', bytes };
    const mine = await uploadFile(team.intern, team.workspaceId, file, { milestoneId: milestone.id });
    const theirs = await uploadFile(team.supervisor, team.workspaceId, file, { milestoneId: milestone.id });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect((await filesUnder(store)).filter((name) => name === sha256(bytes))).toHaveLength(1);

    expect((await team.intern.delete(`/api/deliverables/${theirs.body.id}`)).status).toBe(403);
    expect((await team.mentor.delete(`/api/deliverables/${mine.body.id}`)).status).toBe(403);
    expect((await team.intern.delete(`/api/deliverables/${mine.body.id}`)).body).toEqual({ ok: true });
    expect(await filesUnder(store)).toContain(sha256(bytes));
    expect((await download(team.supervisor, theirs.body.downloadUrl)).bytes.equals(bytes)).toBe(true);
    expect((await team.supervisor.delete(`/api/deliverables/${theirs.body.id}`)).status).toBe(200);
    expect(await filesUnder(store)).not.toContain(sha256(bytes));
    expect((await team.supervisor.get(`/api/deliverables/${theirs.body.id}/download`)).status).toBe(404);
  });

  it('what was handed in for an accepted milestone is locked', async () => {
    const team = await makeWorkspace(app.url, { intern: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const link = {
      kind: 'link',
      title: 'Plan',
      url: 'https://docs.example.org/plan',
      milestoneId: milestone.id,
    };
    const handedIn = await team.intern.post(`/api/workspaces/${team.workspaceId}/deliverables`, link);
    expect(handedIn.status).toBe(201);
    expect((await team.intern.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(200);
    expect((await team.supervisor.post(`/api/milestones/${milestone.id}/accept`)).status).toBe(200);

    for (const who of [team.intern, team.supervisor]) {
      const removed = await who.delete(`/api/deliverables/${handedIn.body.id}`);
      expect(removed.status).toBe(409);
      expect(removed.body.error.code).toBe('milestone_accepted');
    }
    const added = await team.intern.post(`/api/workspaces/${team.workspaceId}/deliverables`, {
      ...link,
      title: 'A late extra',
    });
    expect(added.status).toBe(409);
    const listed = await team.intern.get(`/api/workspaces/${team.workspaceId}/deliverables`);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([handedIn.body.id]);
  });

  it('after completion nothing is added or removed, and members still download', async () => {
    const team = await makeWorkspace(app.url, { intern: true });
    const milestone = await firstMilestone(team.supervisor, team.workspaceId);
    const file = { name: 'final.pdf', type: 'application/pdf', bytes: SAMPLE_FILES.pdf() };
    const handedIn = await uploadFile(team.intern, team.workspaceId, file, { milestoneId: milestone.id });
    await dropOpenMilestones(team.supervisor, team.workspaceId);
    const completed = await team.supervisor.post(`/api/workspaces/${team.workspaceId}/complete`, {
      endorsement: 'Careful, punctual work that we could use straight away.',
      skills: [{ skill: 'canva', level: 1 }],
    });
    expect(completed.status).toBe(200);
    const late = await uploadFile(team.intern, team.workspaceId, file, { milestoneId: milestone.id });
    expect(late.status).toBe(403);
    expect(late.body.error.message).toMatch(/completed/);
    expect((await team.supervisor.delete(`/api/deliverables/${handedIn.body.id}`)).status).toBe(403);
    expect((await download(team.intern, handedIn.body.downloadUrl)).status).toBe(200);
  });
});
