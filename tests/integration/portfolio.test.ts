import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import {
  download,
  dropOpenMilestones,
  ENDORSEMENT,
  firstMilestone,
  makeCompletedWorkspace,
  makeProjectWorkspace,
  SAMPLE_FILES,
  uploadFile,
} from '../helpers/portfolio.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const require = createRequire(import.meta.url);
const resumeSchema = require('@jsonresume/schema') as {
  validate(resume: unknown, done: (errors: unknown, valid: boolean) => void): void;
};

let app: TestServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-portfolio-'));
  app = await startTestServer({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const ORG = 'Eastside Food Bank';
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('portfolio entries', () => {
  it('the student writes the summary and picks who sees it; the endorsement stays the supervisor’s', async () => {
    const { student, supervisor, workspaceId, entryId } = await makeCompletedWorkspace(app.url);
    const listed = await student.get('/api/portfolio/entries');
    expect(listed.body).toEqual({
      items: [expect.objectContaining({ id: entryId, workspaceId })],
      next: null,
    });
    const entry = listed.body.items[0];
    expect(entry).toMatchObject({
      title: 'Instagram launch for Corner Thread Fabrics',
      organisation: ORG,
      studentName: 'Zoë Ñúñez',
      visibility: 'private',
      endorsement: { text: ENDORSEMENT, by: supervisor.user.name },
      skills: [{ skillId: 'instagram', label: 'Instagram', level: 2 }],
      deliverables: [{ kind: 'link', title: 'Content calendar', url: 'https://docs.example.org/calendar' }],
    });

    const url = `/api/portfolio/entries/${entryId}`;
    const summary = 'I planned a four-week campaign and designed twelve posts in Canva.';
    expect((await student.request('PATCH', url, { summary })).body.summary).toBe(summary);
    for (const sneaky of [
      { endorsement: 'I was brilliant.' },
      { skills: [{ skill: 'Excel', level: 3 }] },
      { summary: 'Changed', endorsement: 'Also changed' },
      { visibility: 'everyone' },
      { deliverableIds: ['not-an-id'] },
    ]) {
      const refused = await student.request('PATCH', url, sneaky);
      expect(refused.status, JSON.stringify(sneaky)).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    const foreign = await student.request('PATCH', url, { deliverableIds: [crypto.randomUUID()] });
    expect(foreign.body.error.code).toBe('unknown_deliverable');
    const after = await student.get(url);
    expect(after.body).toMatchObject({ summary, endorsement: { text: ENDORSEMENT } });

    // Only the student reads or changes their entry.
    const stranger = await signUp(app.url, { role: 'student' });
    for (const who of [supervisor, stranger]) {
      expect((await who.get(url)).status).toBe(404);
      expect((await who.request('PATCH', url, { summary: 'Hijacked' })).status).toBe(404);
      expect((await who.get(`${url}/export?format=md`)).status).toBe(404);
    }
    expect((await new ApiClient(app.url).get('/api/portfolio/entries')).status).toBe(401);

    // Private: nobody follows the share link, and there is no public page.
    const anonymous = new ApiClient(app.url);
    const handle = (await student.get('/api/portfolio/handle')).body.handle;
    expect(handle).toMatch(/^zoe-nunez(-\d+)?$/);
    expect((await anonymous.get(`/api/public/entries/${entry.shareToken}`)).status).toBe(404);
    expect((await anonymous.get(`/api/public/portfolios/${handle}`)).status).toBe(404);

    // Unlisted: the link works, the page still lists nothing.
    await student.request('PATCH', url, { visibility: 'unlisted' });
    const shared = await anonymous.get(`/api/public/entries/${entry.shareToken}`);
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ title: entry.title, summary, studentName: 'Zoë Ñúñez' });
    expect(shared.body).not.toHaveProperty('shareToken');
    for (const secret of [student.user.email, supervisor.user.email, student.user.id, workspaceId]) {
      expect(JSON.stringify(shared.body)).not.toContain(secret);
    }
    expect((await anonymous.get(`/api/public/portfolios/${handle}`)).status).toBe(404);

    // Public: listed under the handle, which the student can change.
    await student.request('PATCH', url, { visibility: 'public' });
    const page = await anonymous.get(`/api/public/portfolios/${handle}`);
    expect(page.body).toMatchObject({
      handle,
      name: 'Zoë Ñúñez',
      entries: [{ title: entry.title, shareToken: entry.shareToken }],
    });
    expect(JSON.stringify(page.body)).not.toContain(student.user.email);
    const renamed = await student.put('/api/portfolio/handle', { handle: 'Zoe-Makes-Posts' });
    expect(renamed.body).toEqual({ handle: 'zoe-makes-posts' });
    expect((await anonymous.get(`/api/public/portfolios/${handle}`)).status).toBe(404);
    expect((await anonymous.get('/api/public/portfolios/zoe-makes-posts')).status).toBe(200);
    expect((await stranger.put('/api/portfolio/handle', { handle: 'zoe-makes-posts' })).body.error.code).toBe(
      'handle_taken',
    );
    expect((await stranger.put('/api/portfolio/handle', { handle: 'no' })).status).toBe(400);

    // Back to private: the old link dies with a new token.
    const hidden = await student.request('PATCH', url, { visibility: 'private' });
    expect(hidden.body.shareToken).not.toBe(entry.shareToken);
    expect((await anonymous.get(`/api/public/entries/${entry.shareToken}`)).status).toBe(404);
    expect((await anonymous.get('/api/public/portfolios/zoe-makes-posts')).status).toBe(404);
  });

  it('files handed in appear in the entry and download by share link once chosen', async () => {
    const made = await makeCompletedWorkspaceWithFile();
    const anonymous = new ApiClient(app.url);
    const entryUrl = `/api/portfolio/entries/${made.entryId}`;
    const entry = (await made.student.get(entryUrl)).body;
    const file = entry.deliverables.find((item: { kind: string }) => item.kind === 'file');
    expect(file).toMatchObject({ fileName: 'campaign-report.pdf', milestone: expect.any(String) });
    const shared = (await made.student.request('PATCH', entryUrl, { visibility: 'public' })).body;
    const publicEntry = (await anonymous.get(`/api/public/entries/${shared.shareToken}`)).body;
    const publicFile = publicEntry.deliverables.find((item: { kind: string }) => item.kind === 'file');
    const got = await download(anonymous, publicFile.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(SAMPLE_FILES.pdf())).toBe(true);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment/);
    // Unselected, it is no longer reachable by the link.
    await made.student.request('PATCH', entryUrl, { deliverableIds: [] });
    expect((await anonymous.get(publicFile.downloadUrl)).status).toBe(404);
    // The members' route stays members-only; a link has no file; another entry's file is not reachable.
    expect((await anonymous.get(file.downloadUrl)).status).toBe(401);
    const link = entry.deliverables.find((item: { kind: string }) => item.kind === 'link');
    const viaToken = (id: string) => `/api/public/entries/${shared.shareToken}/deliverables/${id}/download`;
    await made.student.request('PATCH', entryUrl, { deliverableIds: [link.id] });
    expect((await anonymous.get(viaToken(link.id))).body.error.code).toBe('not_a_file');
    const other = await makeCompletedWorkspaceWithFile();
    const otherFile = (await other.student.get(`/api/portfolio/entries/${other.entryId}`)).body
      .deliverables[0];
    expect((await anonymous.get(viaToken(otherFile.id))).status).toBe(404);
  });
});

async function makeCompletedWorkspaceWithFile() {
  const made = await makeProjectWorkspace(app.url);
  const milestone = await firstMilestone(made.supervisor, made.workspaceId);
  const uploaded = await uploadFile(
    made.student,
    made.workspaceId,
    { name: 'campaign-report.pdf', type: 'application/pdf', bytes: SAMPLE_FILES.pdf() },
    { title: 'Campaign report', milestoneId: milestone.id },
  );
  expect(uploaded.status).toBe(201);
  const link = await made.student.post(`/api/workspaces/${made.workspaceId}/deliverables`, {
    kind: 'link',
    title: 'Live account',
    url: 'https://www.instagram.example/cornerthread',
    milestoneId: milestone.id,
  });
  expect(link.status).toBe(201);
  expect((await made.student.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(200);
  expect((await made.supervisor.post(`/api/milestones/${milestone.id}/accept`)).status).toBe(200);
  await dropOpenMilestones(made.supervisor, made.workspaceId);
  const completed = await made.supervisor.post(`/api/workspaces/${made.workspaceId}/complete`, {
    endorsement: ENDORSEMENT,
    skills: [{ skill: 'Canva', level: 1 }],
  });
  expect(completed.status).toBe(200);
  return { ...made, entryId: completed.body.entries[0].id as string };
}

describe('exports', () => {
  it('Markdown, JSON Resume and PDF carry the entry, with names spelled right', async () => {
    const { student, supervisor, entryId } = await makeCompletedWorkspace(app.url);
    const summary = 'Zoë Ñúñez planned the launch: *twelve* posts, [one] calendar.';
    await student.request('PATCH', `/api/portfolio/entries/${entryId}`, { summary });
    const base = `/api/portfolio/entries/${entryId}/export`;

    const md = await student.get(`${base}?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?instagram-launch-for-corner-thread-fabrics\.md/,
    );
    expect(md.body).toContain('# Instagram launch for Corner Thread Fabrics');
    expect(md.body).toContain(`**${ORG}**`);
    expect(md.body).toContain('Intern: Zoë Ñúñez');
    expect(md.body).toContain('\\*twelve\\* posts, \\[one] calendar.');
    expect(md.body).toContain('- [Content calendar](https://docs.example.org/calendar)');
    expect(md.body).toContain(`> — ${supervisor.user.name}`);

    const resume = await student.get(`${base}?format=json-resume`);
    expect(resume.status).toBe(200);
    const verdict = await new Promise<{ errors: unknown; valid: boolean }>((resolve) =>
      resumeSchema.validate(resume.body, (errors, valid) => resolve({ errors, valid })),
    );
    expect(verdict).toEqual({ errors: null, valid: true });
    expect(resume.body.basics.name).toBe('Zoë Ñúñez');
    expect(resume.body.projects).toEqual([
      expect.objectContaining({
        name: 'Instagram launch for Corner Thread Fabrics',
        entity: ORG,
        keywords: ['Instagram'],
      }),
    ]);

    const pdf = await download(student, `${base}?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(pdf.bytes) });
    const { text } = await parser.getText();
    await parser.destroy();
    for (const expected of [
      'Instagram launch for Corner Thread Fabrics',
      ORG,
      'Zoë Ñúñez',
      ENDORSEMENT,
      'Instagram — Confident',
    ]) {
      expect(flat(text)).toContain(expected);
    }

    const whole = await download(student, '/api/portfolio/export?format=pdf');
    expect(whole.status).toBe(200);
    const wholeParser = new PDFParse({ data: new Uint8Array(whole.bytes) });
    expect(flat((await wholeParser.getText()).text)).toContain(
      'Zoë Ñúñez Portfolio of completed micro-internships',
    );
    await wholeParser.destroy();
    const wholeResume = await student.get('/api/portfolio/export?format=json-resume');
    expect(wholeResume.body.projects).toHaveLength(1);
    expect((await student.get('/api/portfolio/export?format=md')).body).toContain('# Zoë Ñúñez — portfolio');
    expect((await student.get('/api/portfolio/export?format=ob3')).status).toBe(400);
    expect((await student.get(`${base}?format=docx`)).status).toBe(400);
  });

  it('anyone holding a shared entry’s link exports it, except as a credential', async () => {
    const { student, entryId } = await makeCompletedWorkspace(app.url);
    const anonymous = new ApiClient(app.url);
    const entry = (await student.get(`/api/portfolio/entries/${entryId}`)).body;
    const url = `/api/public/entries/${entry.shareToken}/export`;
    expect((await anonymous.get(`${url}?format=md`)).status).toBe(404);
    await student.request('PATCH', `/api/portfolio/entries/${entryId}`, { visibility: 'unlisted' });
    const md = await anonymous.get(`${url}?format=md`);
    expect(md.status).toBe(200);
    expect(md.body).toContain('Intern: Zoë Ñúñez');
    expect(md.body).not.toContain(student.user.email);
    expect((await anonymous.get(`${url}?format=json-resume`)).body.basics).toEqual({
      name: 'Zoë Ñúñez',
      location: {},
      profiles: [],
    });
    expect((await anonymous.get(`${url}?format=ob3`)).body.error.code).toBe('owner_only');
  });
});
