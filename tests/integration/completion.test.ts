import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as authProtocol from 'y-protocols/auth';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { connected, emitWithAck, eventually, openDocument, openSocket, synced } from '../helpers/live.ts';
import { projectBody } from '../helpers/marketplace.ts';
import {
  dropOpenMilestones,
  ENDORSEMENT,
  firstMilestone,
  makeCompletedWorkspace,
  makeProjectWorkspace,
  SAMPLE_FILES,
  uploadFile,
} from '../helpers/portfolio.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { addMember, makeWorkspace } from '../helpers/workspace.ts';
import { addTask, moveTask, readBoard } from '../../shared/board.ts';
import { MESSAGE_AUTH } from '../../shared/live.ts';
import { loadDocument } from '../../server/services/live/doc-store.ts';

let app: TestServer;
let dataDir: string;
const providers: { destroy(): void }[] = [];
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-completion-'));
  app = await startTestServer({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const kindsOf = async (client: ApiClient) =>
  (await client.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind);

describe('milestones', () => {
  it('a workspace opened from a project starts with the project’s milestones', async () => {
    const { student, workspaceId } = await makeProjectWorkspace(app.url);
    const listed = await student.get(`/api/workspaces/${workspaceId}/milestones`);
    expect(listed.status).toBe(200);
    // Needs acceptApplication to call createMilestonesFromProject (see the report).
    expect(listed.body.items.map((m: { title: string; week: number }) => [m.title, m.week])).toEqual(
      projectBody('').milestones.map((m) => [m.title, m.week]),
    );
    expect(listed.body.items.every((m: { status: string }) => m.status === 'open')).toBe(true);
  });

  it('the intern submits, a supervisor asks for changes or accepts, and each side is told', async () => {
    const { supervisor, student, workspaceId } = await makeProjectWorkspace(app.url);
    const milestone = await firstMilestone(supervisor, workspaceId);
    const added = await supervisor.post(`/api/workspaces/${workspaceId}/milestones`, {
      title: 'Extra: a reel',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ title: 'Extra: a reel', week: null, status: 'open' });
    expect((await student.post(`/api/workspaces/${workspaceId}/milestones`, { title: 'Mine' })).status).toBe(
      403,
    );

    expect((await supervisor.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(403);
    expect((await student.post(`/api/milestones/${milestone.id}/accept`)).status).toBe(403);
    expect((await supervisor.post(`/api/milestones/${milestone.id}/accept`)).body.error.code).toBe(
      'invalid_status',
    );

    const submitted = await student.post(`/api/milestones/${milestone.id}/submit`);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
    const [notice] = (await supervisor.get('/api/notifications')).body.items;
    expect(notice).toMatchObject({ kind: 'milestone_submitted', link: `/workspaces/${workspaceId}` });

    const noComment = await supervisor.post(`/api/milestones/${milestone.id}/request-changes`, {});
    expect(noComment.status).toBe(400);
    const changes = await supervisor.post(`/api/milestones/${milestone.id}/request-changes`, {
      comment: 'Please add the posting times.',
    });
    expect(changes.body).toMatchObject({
      status: 'changes_requested',
      comment: 'Please add the posting times.',
    });
    const [told] = (await student.get('/api/notifications')).body.items;
    expect(told).toMatchObject({
      kind: 'milestone_changes_requested',
      body: 'Please add the posting times.',
    });

    expect((await student.post(`/api/milestones/${milestone.id}/submit`)).body.status).toBe('submitted');
    const accepted = await supervisor.post(`/api/milestones/${milestone.id}/accept`);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      comment: null,
      reviewedAt: expect.any(String),
    });
    expect(await kindsOf(student)).toContain('milestone_accepted');

    const stranger = await signUp(app.url, { role: 'student' });
    expect((await stranger.post(`/api/milestones/${milestone.id}/submit`)).body.error.code).toBe(
      'milestone_not_found',
    );
    expect((await stranger.get(`/api/workspaces/${workspaceId}/milestones`)).status).toBe(404);
  });
});

describe('completion', () => {
  it('completes in one step: frozen, versioned, endorsed, with an entry for the intern', async () => {
    const { supervisor, student, workspaceId } = await makeProjectWorkspace(app.url);
    const mentor = await signUp(app.url, { role: 'mentor' });
    await addMember(supervisor, workspaceId, mentor, 'mentor');
    const milestone = await firstMilestone(supervisor, workspaceId);
    const file = { name: 'calendar.pdf', type: 'application/pdf', bytes: SAMPLE_FILES.pdf() };
    expect((await uploadFile(student, workspaceId, file, { milestoneId: milestone.id })).status).toBe(201);

    // The intern ticks work off on the live board.
    const { doc, provider } = openDocument(app.wsUrl, workspaceId, student.cookie, new Y.Doc());
    providers.push(provider);
    await synced(provider);
    const first = readBoard(doc).columns[0]!.tasks[0]!;
    moveTask(doc, first.id, 'done', 0);
    addTask(doc, { title: 'Wrote the hashtag guide', column: 'doing', done: true });
    await eventually(async () => {
      const { doc: stored } = await loadDocument(app.database.db, workspaceId);
      expect(readBoard(stored).columns.find((c) => c.id === 'done')!.tasks).toHaveLength(1);
    });

    const body = { endorsement: ENDORSEMENT, skills: [{ skill: 'Instagram', level: 2 }] };
    const refusals: [ApiClient, unknown, number, string][] = [
      [student, body, 403, 'forbidden'],
      [mentor, body, 403, 'forbidden'],
      [supervisor, { ...body, endorsement: 'Great work!' }, 400, 'validation_failed'],
      [supervisor, { ...body, skills: [{ skill: 'Excel', level: 2 }] }, 400, 'skill_not_in_project'],
      [supervisor, { ...body, skills: [{ skill: 'Basket weaving', level: 2 }] }, 400, 'unknown_skill'],
      [supervisor, { ...body, startDate: '2026-03-02', endDate: '2026-03-01' }, 400, 'validation_failed'],
      [supervisor, { ...body, skills: [] }, 400, 'validation_failed'],
    ];
    for (const [who, input, status, code] of refusals) {
      const response = await who.post(`/api/workspaces/${workspaceId}/complete`, input);
      expect(response.status, JSON.stringify(input)).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    expect((await supervisor.get(`/api/workspaces/${workspaceId}`)).body.status).toBe('active');

    // Every milestone must be accepted or dropped first.
    const early = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, body);
    expect(early.status).toBe(409);
    expect(early.body).toEqual({
      error: {
        code: 'milestones_open',
        message: expect.stringContaining(milestone.title),
        details: expect.anything(),
      },
    });
    expect((await supervisor.get(`/api/workspaces/${workspaceId}`)).body.status).toBe('active');
    expect((await supervisor.get(`/api/workspaces/${workspaceId}/versions`)).body.items).toEqual([]);
    expect((await student.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(200);
    expect((await supervisor.post(`/api/milestones/${milestone.id}/accept`)).status).toBe(200);
    await dropOpenMilestones(supervisor, workspaceId);

    // Joined before the completion: chat:send trusts this socket's joined access until told otherwise.
    const chat = await connected(openSocket(app.url, student.cookie));
    expect((await emitWithAck(chat, 'workspace:join', { workspaceId })).ok).toBe(true);
    expect((await emitWithAck(chat, 'chat:send', { workspaceId, body: 'Done!', clientId: 'c1' })).ok).toBe(
      true,
    );

    const completed = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, body);
    expect(completed.status).toBe(200);
    const late = await emitWithAck(chat, 'chat:send', { workspaceId, body: 'One more', clientId: 'c2' });
    chat.disconnect();
    expect(late).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(completed.body).toMatchObject({
      workspaceId,
      status: 'completed',
      endorsement: ENDORSEMENT,
      skills: [{ skillId: 'instagram', label: 'Instagram', level: 2 }],
      endDate: new Date().toISOString().slice(0, 10),
      entries: [{ id: expect.any(String), studentId: student.user.id }],
    });

    const detail = await student.get(`/api/workspaces/${workspaceId}`);
    expect(detail.body).toMatchObject({ status: 'completed', myRights: ['view'] });
    const versions = await supervisor.get(`/api/workspaces/${workspaceId}/versions`);
    expect(versions.body.items[0]).toMatchObject({ label: 'Completed', automatic: true });
    expect(await kindsOf(student)).toContain('workspace_completed');

    const entryUrl = `/api/portfolio/entries/${completed.body.entries[0].id}`;
    const entry = await student.get(entryUrl);
    // In board order: the ticked card in Doing, then the Done column — offered, not shown until picked.
    expect(entry.body.availableTasks.map((t: { title: string }) => t.title)).toEqual([
      'Wrote the hashtag guide',
      first.title,
    ]);
    expect(entry.body.completedTasks).toEqual([]);
    const picked = await student.request('PATCH', entryUrl, { taskIds: [first.id] });
    expect(picked.status).toBe(200);
    expect(picked.body.completedTasks).toEqual([{ title: first.title }]);
    expect((await student.request('PATCH', entryUrl, { taskIds: ['no-such-card'] })).body.error.code).toBe(
      'unknown_task',
    );
    await student.request('PATCH', entryUrl, { visibility: 'unlisted' });
    const shared = await new ApiClient(app.url).get(`/api/public/entries/${picked.body.shareToken}`);
    expect(shared.body.completedTasks).toEqual([{ title: first.title }]);
    expect(JSON.stringify(shared.body)).not.toContain('Wrote the hashtag guide');
    const md = await student.get(`${entryUrl}/export?format=md`);
    expect(md.body).toContain(first.title);
    expect(md.body).not.toContain('Wrote the hashtag guide');

    // Every write is refused now, live edits included.
    for (const [method, url, input] of [
      ['POST', `/api/workspaces/${workspaceId}/complete`, body],
      ['POST', `/api/milestones/${milestone.id}/submit`, {}],
      ['POST', `/api/workspaces/${workspaceId}/milestones`, { title: 'Late' }],
      ['POST', `/api/workspaces/${workspaceId}/versions`, { label: 'Late' }],
    ] as const) {
      const who = url.endsWith('submit') ? student : supervisor;
      expect((await who.request(method, url, input)).status, url).toBe(403);
    }
    // A sentinel instead of a pause: the server answers a refused edit with permission-denied while
    // it reads the edit's frame, in place of handing it to storage, so once the answer is here
    // nothing of the edit is still on its way to the database.
    const refused = new Promise<string>((resolve) => {
      provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) =>
        authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => resolve(reason));
    });
    addTask(doc, { title: 'Sneaked in after completion', column: 'todo' });
    expect(await refused).toMatch(/read-only/);
    const { doc: stored } = await loadDocument(app.database.db, workspaceId);
    const titles = readBoard(stored).columns.flatMap((c) => c.tasks.map((t) => t.title));
    expect(titles).not.toContain('Sneaked in after completion');
  });

  it('re-opening lets the editors’ open live connections write again; a mentor’s stays read-only', async () => {
    const made = await makeCompletedWorkspace(app.url);
    const { supervisor, student, workspaceId } = made;
    const mentor = await signUp(app.url, { role: 'mentor' });
    // A member added after completion is refused; re-open first, then add, then connect.
    const reopened = await supervisor.post(`/api/workspaces/${workspaceId}/reopen`, {
      reason: 'The end date was a week early.',
    });
    expect(reopened.status).toBe(200);
    await addMember(supervisor, workspaceId, mentor, 'mentor');
    const body = { endorsement: ENDORSEMENT, skills: [{ skill: 'Instagram', level: 2 }] };
    expect((await supervisor.post(`/api/workspaces/${workspaceId}/complete`, body)).status).toBe(200);

    // Connections opened while it is completed: read-only.
    const intern = openDocument(app.wsUrl, workspaceId, student.cookie, new Y.Doc());
    const watcher = openDocument(app.wsUrl, workspaceId, mentor.cookie, new Y.Doc());
    providers.push(intern.provider, watcher.provider);
    await Promise.all([synced(intern.provider), synced(watcher.provider)]);

    expect(
      (await supervisor.post(`/api/workspaces/${workspaceId}/reopen`, { reason: 'Add the final report.' }))
        .status,
    ).toBe(200);
    const stored = async () => {
      const { doc } = await loadDocument(app.database.db, workspaceId);
      return readBoard(doc).columns.flatMap((column) => column.tasks.map((task) => task.title));
    };
    // The intern's connection, opened while frozen, writes again without reconnecting.
    await eventually(async () => {
      if (!(await stored()).includes('Written after re-opening')) {
        if (
          !readBoard(intern.doc).columns.some((c) =>
            c.tasks.some((t) => t.title === 'Written after re-opening'),
          )
        )
          addTask(intern.doc, { title: 'Written after re-opening', column: 'todo' });
        throw new Error('not stored yet');
      }
    });
    // The mentor's edit is refused, and the intern's marker after it arrives: nothing of the mentor's got in.
    addTask(watcher.doc, { title: 'Mentor sneaks a card in', column: 'todo' });
    addTask(intern.doc, { title: 'Marker after the mentor', column: 'todo' });
    await eventually(async () => expect(await stored()).toContain('Marker after the mentor'));
    expect(await stored()).not.toContain('Mentor sneaks a card in');
  });

  it('refusals change nothing: no intern, no completion', async () => {
    const { supervisor, workspaceId } = await makeWorkspace(app.url);
    const response = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, {
      endorsement: ENDORSEMENT,
      skills: [{ skill: 'canva', level: 1 }],
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('no_intern');
    expect((await supervisor.get(`/api/workspaces/${workspaceId}`)).body.status).toBe('active');
    expect((await supervisor.get(`/api/workspaces/${workspaceId}/versions`)).body.items).toEqual([]);
  });
});

describe('what completion signs', () => {
  it('keeps every request for changes and resubmission, and a dropped milestone is claimed nowhere', async () => {
    const { supervisor, student, workspaceId } = await makeProjectWorkspace(app.url);
    const listed = (await supervisor.get(`/api/workspaces/${workspaceId}/milestones`)).body.items;
    const [kept, droppedOne] = listed as { id: string; title: string }[];
    const handIn = async (milestoneId: string, title: string, url: string) => {
      const added = await student.post(`/api/workspaces/${workspaceId}/deliverables`, {
        kind: 'link',
        title,
        url,
        milestoneId,
      });
      expect(added.status).toBe(201);
      return added.body.id as string;
    };
    await handIn(kept!.id, 'Content calendar', 'https://docs.example.org/calendar');
    const droppedLink = await handIn(
      droppedOne!.id,
      'Abandoned post designs',
      'https://docs.example.org/designs',
    );

    // Review history: the request for changes survives the resubmission.
    expect((await student.post(`/api/milestones/${droppedOne!.id}/submit`)).status).toBe(200);
    await supervisor.post(`/api/milestones/${droppedOne!.id}/request-changes`, {
      comment: 'Use the brand colours.',
    });
    expect((await student.post(`/api/milestones/${droppedOne!.id}/submit`)).status).toBe(200);
    expect(
      (await student.post(`/api/milestones/${droppedOne!.id}/drop`, { reason: 'I would rather not.' }))
        .status,
    ).toBe(403);
    expect((await supervisor.post(`/api/milestones/${droppedOne!.id}/drop`, {})).body.error.code).toBe(
      'validation_failed',
    );
    const dropped = await supervisor.post(`/api/milestones/${droppedOne!.id}/drop`, {
      reason: 'The shop paused its paid posts this season.',
    });
    expect(dropped.body).toMatchObject({
      status: 'dropped',
      comment: 'The shop paused its paid posts this season.',
    });
    expect(
      dropped.body.history.map((step: { kind: string; comment: string | null }) => [step.kind, step.comment]),
    ).toEqual([
      ['submitted', null],
      ['changes_requested', 'Use the brand colours.'],
      ['submitted', null],
      ['dropped', 'The shop paused its paid posts this season.'],
    ]);
    expect(dropped.body.history[1].actor).toEqual({ name: supervisor.user.name });
    const again = (await student.get(`/api/workspaces/${workspaceId}/milestones`)).body.items;
    expect(again.find((m: { id: string }) => m.id === droppedOne!.id).history).toHaveLength(4);
    expect(
      (await supervisor.post(`/api/milestones/${droppedOne!.id}/drop`, { reason: 'Twice, to be sure.' })).body
        .error.code,
    ).toBe('invalid_status');
    const late = await student.post(`/api/workspaces/${workspaceId}/deliverables`, {
      kind: 'link',
      title: 'Late',
      url: 'https://docs.example.org/late',
      milestoneId: droppedOne!.id,
    });
    expect(late.body.error.code).toBe('milestone_dropped');

    expect((await student.post(`/api/milestones/${kept!.id}/submit`)).status).toBe(200);
    expect((await supervisor.post(`/api/milestones/${kept!.id}/accept`)).status).toBe(200);
    const body = { endorsement: ENDORSEMENT, skills: [{ skill: 'Instagram', level: 2 }] };
    const refused = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('milestones_open');
    expect(refused.body.error.details.open.map((m: { title: string }) => m.title)).toEqual([listed[2].title]);
    await dropOpenMilestones(supervisor, workspaceId);
    const completed = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, body);
    expect(completed.status).toBe(200);

    const entryUrl = `/api/portfolio/entries/${completed.body.entries[0].id}`;
    const entry = (await student.get(entryUrl)).body;
    expect(entry.deliverables.map((d: { title: string }) => d.title)).toEqual(['Content calendar']);
    expect(entry.availableDeliverables.map((d: { title: string }) => d.title)).toEqual(['Content calendar']);
    expect(entry.milestones).toEqual([{ title: kept!.title, status: 'accepted' }]);
    const sneaked = await student.request('PATCH', entryUrl, { deliverableIds: [droppedLink] });
    expect(sneaked.body.error.code).toBe('unknown_deliverable');

    const credential = (await student.get(`${entryUrl}/export?format=ob3`)).body;
    const exports = [
      JSON.stringify(credential),
      JSON.stringify(entry),
      (await student.get(`${entryUrl}/export?format=md`)).body,
      JSON.stringify((await student.get(`${entryUrl}/export?format=json-resume`)).body),
    ];
    expect(credential.credentialSubject.achievement.criteria.narrative).toContain(kept!.title);
    for (const text of exports) {
      for (const claim of [droppedOne!.title, 'Abandoned post designs', listed[2].title]) {
        expect(text).not.toContain(claim);
      }
    }
  });
});

describe('two-way feedback', () => {
  async function completedTeam() {
    const team = await makeWorkspace(app.url, { intern: true, mentor: true });
    const early = await team.intern.post(`/api/workspaces/${team.workspaceId}/feedback`, {
      rating: 5,
      comment: 'Too early',
    });
    expect(early.body.error.code).toBe('workspace_not_completed');
    const completed = await team.supervisor.post(`/api/workspaces/${team.workspaceId}/complete`, {
      endorsement: ENDORSEMENT,
      skills: [{ skill: 'canva', level: 1 }],
    });
    expect(completed.status).toBe(200);
    return team;
  }

  it('each side writes once and reads the other only after writing their own', async () => {
    const { workspaceId, intern, supervisor, mentor } = await completedTeam();
    const url = `/api/workspaces/${workspaceId}/feedback`;
    const empty = await intern.get(url);
    expect(empty.body).toEqual({ mine: null, theirs: null, hiddenUntil: expect.any(String) });

    const written = await intern.post(url, { rating: 5, comment: 'Clear brief and quick replies.' });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ mine: { rating: 5, side: 'intern' }, theirs: null });
    expect((await intern.post(url, { rating: 1, comment: 'Changed my mind' })).body.error.code).toBe(
      'feedback_exists',
    );
    expect((await supervisor.get(url)).body).toMatchObject({ mine: null, theirs: null });
    expect(await kindsOf(supervisor)).toContain('feedback_received');

    expect((await supervisor.post(url, { rating: 6, comment: 'Too good' })).status).toBe(400);
    expect((await supervisor.post(url, { rating: 4 })).status).toBe(400);
    const both = await supervisor.post(url, { rating: 4, comment: 'Reliable and curious.' });
    expect(both.body).toMatchObject({
      mine: { rating: 4 },
      theirs: [{ rating: 5, comment: 'Clear brief and quick replies.', author: { name: intern.user.name } }],
      hiddenUntil: null,
    });
    expect(JSON.stringify(both.body)).not.toContain(intern.user.email);
    expect((await intern.get(url)).body.theirs).toEqual([
      expect.objectContaining({ rating: 4, side: 'supervisor' }),
    ]);
    expect((await mentor.get(url)).status).toBe(403);
    expect((await mentor.post(url, { rating: 3, comment: 'Mentor view' })).status).toBe(403);
  });

  it('shows the other side after 14 days even if you never wrote', async () => {
    const { workspaceId, intern, supervisor } = await completedTeam();
    const url = `/api/workspaces/${workspaceId}/feedback`;
    await supervisor.post(url, { rating: 3, comment: 'Good start, rushed ending.' });
    expect((await intern.get(url)).body.theirs).toBeNull();
    await app.database.db.execute(
      sql`update workspaces set completed_at = now() - interval '15 days' where id = ${workspaceId}`,
    );
    expect((await intern.get(url)).body).toMatchObject({
      mine: null,
      theirs: [{ rating: 3 }],
      hiddenUntil: null,
    });
  });
});
