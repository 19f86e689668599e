import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorInText } from '../../shared/comment-anchors.ts';
import { getBrief } from '../../shared/doc-layout.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { confirmAddress } from '../helpers/accounts.ts';
import { makeOrg, makePublishedProject, projectBody } from '../helpers/marketplace.ts';
import { dropOpenMilestones, ENDORSEMENT, firstMilestone } from '../helpers/portfolio.ts';
import { makeAdmin, makeInviteCode, makeProgramme, makeStaff } from '../helpers/programmes.ts';
import { eventually, openDocument, synced } from '../helpers/live.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addMember, makeWorkspace } from '../helpers/workspace.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.stop());

const SENTENCE = 'The poster must show the spring menu clearly.';

type Item = { id: string } & Record<string, unknown>;

/**
 * Follows `next` from the first page of `path` in pages of `limit`: every page holds at most
 * `limit`, every page but the last exactly `limit`, no item comes twice and together they are
 * exactly `made` (in the list's own order, when `inOrder`). A cursor the API never gave out is a
 * 400 with the error shape. Answers the items in the order they came.
 */
async function expectPaged(
  client: ApiClient,
  path: string,
  made: string[],
  { limit = 2, inOrder = false }: { limit?: number; inOrder?: boolean } = {},
): Promise<Item[]> {
  const separator = path.includes('?') ? '&' : '?';
  const pages: Item[][] = [];
  let next: string | null = null;
  do {
    const cursor: string = next ? `&cursor=${encodeURIComponent(next)}` : '';
    const response = await client.get(`${path}${separator}limit=${limit}${cursor}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    pages.push(response.body.items);
    next = response.body.next;
  } while (next !== null && pages.length <= made.length);
  expect(
    pages.map((page) => page.length),
    path,
  ).toEqual(
    Array.from({ length: Math.ceil(made.length / limit) }, (_, i) =>
      Math.min(limit, made.length - i * limit),
    ),
  );
  const ids = pages.flat().map((item) => item.id);
  expect(new Set(ids).size, `${path}: an item came twice`).toBe(ids.length);
  if (inOrder) expect(ids, path).toEqual(made);
  else expect(new Set(ids), path).toEqual(new Set(made));

  for (const bad of ['not-a-cursor', Buffer.from('[1,2]').toString('base64url')]) {
    const refused = await client.get(`${path}${separator}cursor=${bad}`);
    expect(refused.status, path).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
  }
  return pages.flat();
}

/** A programme with a staff member, and the `count` organisations that joined it with a code. */
async function programmeWithOrgs(count: number) {
  const admin = await makeAdmin(app);
  const programme = await makeProgramme(admin);
  const staff = await makeStaff(app.url, admin, programme.id);
  const code = await makeInviteCode(staff, programme.id, 'organisation');
  const { supervisor, org } = await makeOrg(app.url, { name: 'Org 0' });
  const orgs = [org.id];
  for (let i = 1; i < count; i++) {
    const created = await supervisor.post('/api/orgs', {
      name: `Org ${i}`,
      sector: 'nonprofit',
      size: '10-49',
      location: 'Leeds',
      workMode: 'hybrid',
      description: 'Another one.',
    });
    expect(created.status).toBe(201);
    orgs.push(created.body.id);
  }
  for (const orgId of orgs) {
    const joined = await supervisor.post(`/api/programme-invites/${code.code}/join`, { orgId });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
  }
  return { admin, programme, staff, supervisor, orgs, p: `/api/programmes/${programme.id}` };
}

/** Hands in a link for the first milestone, accepts it, drops the rest and completes. */
async function complete(supervisor: ApiClient, intern: ApiClient, workspaceId: string) {
  const milestone = await firstMilestone(supervisor, workspaceId);
  const link = await intern.post(`/api/workspaces/${workspaceId}/deliverables`, {
    kind: 'link',
    title: 'Content calendar',
    url: 'https://docs.example.org/calendar',
    milestoneId: milestone.id,
  });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  expect((await intern.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(200);
  expect((await supervisor.post(`/api/milestones/${milestone.id}/accept`)).status).toBe(200);
  await dropOpenMilestones(supervisor, workspaceId);
  const completed = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, {
    endorsement: ENDORSEMENT,
    skills: [{ skill: 'Instagram', level: 2 }],
  });
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  return completed.body as { entries: { id: string }[] };
}

describe('a programme’s lists answer pages with `next`', () => {
  it('its organisations and its projects (past what used to be a silent cut-off)', async () => {
    const { staff, supervisor, orgs, p } = await programmeWithOrgs(5);
    await expectPaged(staff, `${p}/orgs`, orgs);

    const published: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await supervisor.post(
        '/api/projects',
        projectBody(orgs[i % orgs.length]!, { title: `Project ${i}` }),
      );
      expect(created.status).toBe(201);
      expect((await supervisor.post(`/api/projects/${created.body.id}/publish`)).status).toBe(200);
      published.push(created.body.id);
    }
    // A draft is not the staff's to see, on any page.
    const draft = await supervisor.post('/api/projects', projectBody(orgs[0]!, { title: 'Draft' }));
    expect(draft.status).toBe(201);
    await expectPaged(staff, `${p}/projects`, [...published].reverse(), { inOrder: true });
    await expectPaged(staff, `${p}/projects`, published, { limit: 5 });
  });

  it('its staff and their pending invitations, oldest first; its invite codes', async () => {
    const admin = await makeAdmin(app);
    const programme = await makeProgramme(admin);
    const p = `/api/programmes/${programme.id}`;
    const staff: string[] = [];
    for (let i = 0; i < 5; i++) staff.push((await makeStaff(app.url, admin, programme.id)).user.id);
    await expectPaged(admin, `${p}/staff`, staff, { inOrder: true });

    const invited: string[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = await admin.post(`${p}/staff`, { email: `nobody-yet-${i}-${programme.id}@example.test` });
      expect(sent.body.status).toBe('invited');
      invited.push(sent.body.id);
    }
    await expectPaged(admin, `${p}/staff-invitations`, invited, { inOrder: true });
    // The staff list holds staff only, not the invitations.
    expect((await admin.get(`${p}/staff`)).body.items).toHaveLength(5);

    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await makeInviteCode(admin, programme.id, i % 2 ? 'student' : 'organisation')).id);
    await expectPaged(admin, `${p}/invite-codes`, codes, { inOrder: true });
  });

  it('refuses a page size past the maximum on each, and lets only its staff read them', async () => {
    const { p } = await programmeWithOrgs(1);
    const stranger = await signUp(app.url, { role: 'mentor' });
    const admin = await makeAdmin(app);
    for (const list of ['orgs', 'projects', 'staff', 'staff-invitations', 'invite-codes']) {
      const tooMany = await admin.get(`${p}/${list}?limit=1000`);
      expect(tooMany.status, list).toBe(400);
      expect(tooMany.body.error.code).toBe('validation_failed');
      expect((await stranger.get(`${p}/${list}`)).status, list).toBe(404);
    }
  });
});

describe('other lists answer pages with `next`', () => {
  it('reports: a programme’s queue (open: oldest first) and the admin’s', async () => {
    const { admin, staff, supervisor, orgs, programme, p } = await programmeWithOrgs(1);
    const created = await supervisor.post('/api/projects', projectBody(orgs[0]!, { title: 'Reported' }));
    expect((await supervisor.post(`/api/projects/${created.body.id}/publish`)).status).toBe(200);
    const code = await makeInviteCode(staff, programme.id, 'student');
    const filed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const student = await signUp(app.url, { role: 'student' });
      expect((await student.post(`/api/programme-invites/${code.code}/join`, {})).status).toBe(200);
      const report = await student.post('/api/reports', {
        targetType: 'project',
        targetId: created.body.id,
        reason: `Reason ${i}`,
      });
      expect(report.status, JSON.stringify(report.body)).toBe(201);
      filed.push(report.body.id);
    }
    await expectPaged(staff, `${p}/reports?status=open`, filed, { inOrder: true });
    await expectPaged(staff, `${p}/reports`, [...filed].reverse(), { inOrder: true });

    // Things in no programme go to the admin's queue.
    const { project } = await makePublishedProject(app.url, { title: 'Outside any programme' });
    const before = (await admin.get('/api/admin/reports?limit=100')).body.items.map((item: Item) => item.id);
    const outside: string[] = [...before];
    for (let i = 0; i < 3; i++) {
      const student = await signUp(app.url, { role: 'student' });
      const report = await student.post('/api/reports', {
        targetType: 'project',
        targetId: project.id,
        reason: `Outside ${i}`,
      });
      expect(report.status, JSON.stringify(report.body)).toBe(201);
      outside.push(report.body.id);
    }
    await expectPaged(admin, '/api/admin/reports', outside);
  });

  it('the caller’s invitations', async () => {
    const invitee = await signUp(app.url, { role: 'mentor' });
    await confirmAddress(invitee);
    const invited: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { workspaceId, supervisor } = await makeWorkspace(app.url, {}, `Workspace ${i}`);
      const sent = await supervisor.post(`/api/workspaces/${workspaceId}/members`, {
        email: invitee.user.email,
        role: 'mentor',
      });
      expect(sent.status).toBe(201);
      invited.push(sent.body.id);
    }
    await expectPaged(invitee, '/api/me/invitations', invited);
  });

  it('a workspace’s credentials and a student’s portfolio entries', async () => {
    // Three interns complete one workspace and each exports a credential.
    const team = await makeWorkspace(app.url, { intern: true });
    const interns = [team.intern, await signUp(app.url), await signUp(app.url)];
    for (const intern of interns.slice(1))
      await addMember(team.supervisor, team.workspaceId, intern, 'intern');
    await complete(team.supervisor, team.intern, team.workspaceId);
    const credentials: string[] = [];
    for (const intern of interns) {
      const [entry] = (await intern.get('/api/portfolio/entries')).body.items as Item[];
      const exported = await intern.get(`/api/portfolio/entries/${entry!.id}/export?format=ob3`);
      expect(exported.status).toBe(200);
      credentials.push(String(exported.body.id).replace('urn:uuid:', ''));
    }
    // Issued in one go at completion, so their order among themselves is the id's: compare as a set.
    await expectPaged(team.supervisor, `/api/workspaces/${team.workspaceId}/credentials`, credentials);

    // One student, three completed workspaces: three entries.
    const student = team.intern;
    const entries = ((await student.get('/api/portfolio/entries')).body.items as Item[]).map(
      (item) => item.id,
    );
    for (let i = 0; i < 2; i++) {
      const other = await makeWorkspace(app.url, {}, `Another workspace ${i}`);
      await addMember(other.supervisor, other.workspaceId, student, 'intern');
      await complete(other.supervisor, student, other.workspaceId);
    }
    const all = ((await student.get('/api/portfolio/entries?limit=100')).body.items as Item[]).map(
      (item) => item.id,
    );
    expect(all).toHaveLength(3);
    expect(all).toEqual(expect.arrayContaining(entries));
    await expectPaged(student, '/api/portfolio/entries', all, { inOrder: true });
  });

  it('comment threads: oldest first, each with its replies', async () => {
    const team = await makeWorkspace(app.url, { mentor: true });
    // The anchor must name text the stored brief holds: write it the way an editor does.
    const editor = openDocument(app.wsUrl, team.workspaceId, team.supervisor.cookie);
    await synced(editor.provider);
    const element = new Y.XmlElement('paragraph');
    const paragraph = new Y.XmlText(SENTENCE);
    element.insert(0, [paragraph]);
    getBrief(editor.doc).push([element]);
    await eventually(async () => {
      const { doc: stored } = await loadDocument(app.database.db, team.workspaceId);
      expect(getBrief(stored).toString()).toContain(SENTENCE);
    });
    editor.provider.destroy();
    const threads: string[] = [];
    for (let i = 0; i < 5; i++) {
      const started = await team.mentor.post(`/api/workspaces/${team.workspaceId}/comments`, {
        body: `Thread ${i}`,
        quote: 'spring menu',
        anchor: anchorInText(paragraph, SENTENCE.indexOf('spring menu'), 'spring menu'.length),
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      threads.push(started.body.id);
      for (let r = 0; r < i % 3; r++) {
        const reply = await team.supervisor.post(
          `/api/workspaces/${team.workspaceId}/comments/${started.body.id}/replies`,
          { body: `Reply ${r} to ${i}` },
        );
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      }
    }
    const listed = await expectPaged(
      team.supervisor,
      `/api/workspaces/${team.workspaceId}/comments`,
      threads,
      {
        inOrder: true,
      },
    );
    expect(listed.map((thread) => (thread.replies as { body: string }[]).map((reply) => reply.body))).toEqual(
      [0, 1, 2, 3, 4].map((i) => Array.from({ length: i % 3 }, (_, r) => `Reply ${r} to ${i}`)),
    );
  });
});
