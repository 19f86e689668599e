import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ApiClient, signUp, type ApiResponse } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { makePublishedProject, projectBody } from '../helpers/marketplace.ts';
import {
  firstMilestone,
  makeCompletedWorkspace,
  makeProjectWorkspace,
  uploadFile,
} from '../helpers/portfolio.ts';
import { connected, openSocket } from '../helpers/live.ts';
import { createLogger } from '../../server/logger.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { users } from '../../server/db/schema.ts';
import { UNSTORABLE_TEXT_MESSAGE } from '../../shared/schemas/text.ts';

/**
 * Finding 9 of the hardening issue: a NUL byte (or a lone surrogate) in any stored text used to
 * answer 500 on PGlite and PostgreSQL, and the failure was logged with the query's parameters —
 * for signup, the new scrypt hash. Every text field of every route is tried here.
 */

const logLines: string[] = [];
const captured = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let app: TestServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-unstorable-'));
  app = await startTestServer({ env: { DATA_DIR: dataDir }, logger: createLogger('debug', captured) });
});
afterAll(async () => {
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function expectUnstorable(response: ApiResponse, field: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.error.code).toBe('validation_failed');
  expect(response.body.error.message).toBe(`${field}: ${UNSTORABLE_TEXT_MESSAGE}`);
}

/** Every string in a JSON value with its dotted path, and a copy with that one string spoiled. */
function spoiledCopies(value: unknown, spoil: (text: string) => string): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (node: unknown, trail: string[]) => {
    if (typeof node === 'string') {
      out.push([trail.join('.'), replaceAt(value, trail, spoil(node))]);
    } else if (node && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) walk(item, [...trail, key]);
    }
  };
  walk(value, []);
  return out;
}

function replaceAt(value: unknown, trail: string[], replacement: string): unknown {
  if (trail.length === 0) return replacement;
  const [head, ...rest] = trail as [string, ...string[]];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as object) };
  (copy as Record<string, unknown>)[head] = replaceAt(
    (value as Record<string, unknown>)[head],
    rest,
    replacement,
  );
  return copy;
}

describe('NUL and other unstorable characters are refused with 400 on every route', () => {
  type Case = { route: string; client: ApiClient; method: string; path: string; body: unknown };
  const cases: Case[] = [];

  beforeAll(async () => {
    const made = await makeProjectWorkspace(app.url);
    const { supervisor, student, org, project, workspaceId } = made;
    const milestone = await firstMilestone(supervisor, workspaceId);
    const done = await makeCompletedWorkspace(app.url);
    const anonymous = new ApiClient(app.url);
    const open = await makePublishedProject(app.url);
    const other = await signUp(app.url, { role: 'student' });
    const application = await other.post(`/api/projects/${open.project.id}/applications`, { note: 'Keen.' });
    expect(application.status).toBe(201);

    const add = (client: ApiClient, method: string, routePath: string, body: unknown) =>
      cases.push({
        route: `${method} ${routePath.replace(/[0-9a-f-]{36}/g, ':id')}`,
        client,
        method,
        path: routePath,
        body,
      });

    add(anonymous, 'POST', '/api/auth/signup', {
      email: 'nul-victim@example.test',
      password: 'a long and unusual passphrase',
      name: 'Nul Victim',
      role: 'student',
    });
    add(anonymous, 'POST', '/api/auth/login', {
      email: 'nul-victim@example.test',
      password: 'whatever it is',
    });
    add(supervisor, 'POST', '/api/orgs', {
      name: 'Corner Thread',
      sector: 'retail',
      size: '1-9',
      location: 'Leeds',
      workMode: 'hybrid',
      description: 'Fabrics.',
    });
    add(supervisor, 'PATCH', `/api/orgs/${org.id}`, { name: 'Renamed', location: 'York', description: 'D.' });
    add(supervisor, 'POST', `/api/orgs/${org.id}/supervisors`, { email: 'colleague@example.test' });
    const fullProject = projectBody(org.id, {
      questions: ['Why us?'],
      location: 'Leeds',
      currency: 'GBP',
      templateId: 'social-media-launch',
    });
    add(supervisor, 'POST', '/api/projects', fullProject);
    add(supervisor, 'POST', '/api/projects/scope', fullProject);
    const { orgId: _orgId, ...update } = fullProject;
    add(supervisor, 'PATCH', `/api/projects/${project.id}`, update);
    add(student, 'PUT', '/api/students/me/profile', {
      headline: 'Design student',
      skills: [{ skill: 'canva', level: 2 }],
      stretchSkills: ['Instagram'],
      interests: 'Food',
      goals: 'A portfolio',
      location: 'Leeds',
      links: [{ label: 'Site', url: 'https://zoe.example.org/' }],
    });
    add(other, 'POST', `/api/projects/${open.project.id}/applications`, { note: 'Keen.', answers: ['Yes'] });
    add(open.supervisor, 'POST', `/api/applications/${application.body.id}/decline`, { message: 'Sorry.' });
    add(supervisor, 'POST', '/api/workspaces', { title: 'A workspace' });
    add(supervisor, 'POST', `/api/workspaces/${workspaceId}/members`, {
      email: 'm@example.test',
      role: 'mentor',
    });
    add(supervisor, 'POST', `/api/workspaces/${workspaceId}/versions`, { label: 'Kick-off' });
    add(supervisor, 'POST', `/api/workspaces/${workspaceId}/milestones`, { title: 'Review', week: 2 });
    add(student, 'POST', `/api/workspaces/${workspaceId}/deliverables`, {
      kind: 'link',
      title: 'Calendar',
      url: 'https://docs.example.org/calendar',
      milestoneId: milestone.id,
    });
    add(supervisor, 'POST', `/api/milestones/${milestone.id}/request-changes`, { comment: 'More posts.' });
    add(supervisor, 'POST', `/api/workspaces/${workspaceId}/complete`, {
      endorsement: 'Zoë ran the whole campaign with care and skill.',
      skills: [{ skill: 'Instagram', level: 2 }],
    });
    add(done.student, 'POST', `/api/workspaces/${done.workspaceId}/feedback`, {
      rating: 5,
      comment: 'Great.',
    });
    add(done.student, 'PATCH', `/api/portfolio/entries/${done.entryId}`, { summary: 'What I did.' });
    add(done.student, 'PUT', '/api/portfolio/handle', { handle: 'zoe-nunez' });
    add(anonymous, 'POST', '/api/credentials/verify', { id: 'urn:uuid:x', type: ['VerifiableCredential'] });
  });

  it('covers at least 14 text fields on 11 routes (the ones the attack found, and more)', () => {
    expect(new Set(cases.map((c) => c.route)).size).toBeGreaterThanOrEqual(20);
    expect(cases.flatMap((c) => spoiledCopies(c.body, (t) => t)).length).toBeGreaterThanOrEqual(60);
  });

  it.each([
    ['a NUL byte', (text: string) => `${text}\u0000`],
    ['a lone surrogate', (text: string) => `${text}\ud800`],
  ])('%s in any text field of any route → 400 naming the field', async (_label, spoil) => {
    for (const { route, client, method, path: routePath, body } of cases) {
      for (const [field, spoiled] of spoiledCopies(body, spoil)) {
        const response = await client.request(method, routePath, spoiled);
        expect.soft(response.status, `${route} ${field}`).toBe(400);
        if (response.status === 400) expectUnstorable(response, field);
      }
    }
  });

  it('a NUL in an object key, a query string or a path parameter → 400, never 500', async () => {
    const anonymous = new ApiClient(app.url);
    const key = await anonymous.post('/api/credentials/verify', { 'bad\u0000key': 1 });
    expectUnstorable(key, '(key)');
    const student = await signUp(app.url);
    expectUnstorable(await student.get('/api/projects?q=cafe%00'), 'q');
    expectUnstorable(await student.get('/api/projects?skills=canva%00'), 'skills');
    for (const routePath of [
      '/api/workspaces/%00',
      '/api/projects/abc%00',
      '/api/portfolio/entries/%00',
      '/api/public/portfolios/zoe%00',
      '/api/credentials/%00',
    ]) {
      const response = await student.get(routePath);
      expect(response.status, routePath).toBeGreaterThanOrEqual(400);
      expect(response.status, routePath).toBeLessThan(500);
    }
  });
});

describe('uploads', () => {
  it('a NUL in an upload’s file name or text field → 400; a malformed multipart body → 400', async () => {
    const { supervisor, student, workspaceId } = await makeProjectWorkspace(app.url);
    const milestone = await firstMilestone(supervisor, workspaceId);
    const file = { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('week one\n') };

    const nulTitle = await uploadFile(student, workspaceId, file, {
      milestoneId: milestone.id,
      title: 'a\u0000b',
    });
    expectUnstorable(nulTitle, 'title');

    // A raw NUL and its RFC 5987 form in the file name.
    for (const disposition of [
      'form-data; name="file"; filename="not\u0000es.txt"',
      'form-data; name="file"; filename*=utf-8\'\'not%00es.txt',
    ]) {
      const boundary = 'stintboundary17';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="milestoneId"\r\n\r\n${milestone.id}\r\n` +
            `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/plain\r\n\r\n`,
          'latin1',
        ),
        file.bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await fetch(`${app.url}/api/workspaces/${workspaceId}/deliverables`, {
        method: 'POST',
        headers: {
          origin: app.url,
          cookie: student.cookie!,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body,
      });
      expect(response.status, disposition).toBe(400);
      // busboy refuses a raw NUL in a part header itself; the encoded one reaches our check.
      expect(['validation_failed', 'bad_request']).toContain((await response.json()).error.code);
    }

    for (const [contentType, body] of [
      ['multipart/form-data', 'no boundary at all'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nunterminated',
      ],
      ['multipart/form-data; boundary=x', '--x\r\nthis is not a header\r\n\r\nvalue\r\n--x--\r\n'],
    ] as const) {
      const response = await fetch(`${app.url}/api/workspaces/${workspaceId}/deliverables`, {
        method: 'POST',
        headers: { origin: app.url, cookie: student.cookie!, 'content-type': contentType },
        body,
      });
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
      expect((await response.json()).error.code).toEqual(expect.any(String));
    }
  });
});

describe('chat over Socket.IO', () => {
  it('a NUL in a chat message, its clientId or the workspace id → ack with validation_failed', async () => {
    const { supervisor, workspaceId } = await makeProjectWorkspace(app.url);
    const socket = await connected(openSocket(app.url, supervisor.cookie));
    try {
      const joined = await socket.emitWithAck('workspace:join', { workspaceId });
      expect(joined.ok).toBe(true);
      const send = (payload: object) => socket.emitWithAck('chat:send', payload);
      for (const [field, payload] of [
        ['body', { workspaceId, body: 'hello\u0000', clientId: 'c1' }],
        ['clientId', { workspaceId, body: 'hello', clientId: 'c\u00002' }],
        ['body', { workspaceId, body: 'broken \ud83d', clientId: 'c3' }],
      ] as const) {
        const ack = await send(payload);
        expect(ack).toEqual({
          ok: false,
          error: { code: 'validation_failed', message: `${field}: ${UNSTORABLE_TEXT_MESSAGE}` },
        });
      }
      const join = await socket.emitWithAck('workspace:join', { workspaceId: `${workspaceId}\u0000` });
      expect(join.ok).toBe(false);
      expect(join.error.code).toBe('validation_failed');
      const fine = await send({ workspaceId, body: 'still here 😀', clientId: 'c4' });
      expect(fine.ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  });
});

describe('logs never carry request bodies, query parameters, hashes or tokens', () => {
  it('a signup with a marker password and a NUL leaves neither the marker nor any hash in the log', async () => {
    const marker = `marker-${Math.random().toString(36).slice(2)}-Passphrase`;
    const email = `logged-${Date.now()}@example.test`;
    const anonymous = new ApiClient(app.url);
    const nul = { email, password: marker, name: 'Nul\u0000Name', role: 'student' };
    expect((await anonymous.post('/api/auth/signup', nul)).status).toBe(400);
    expect((await anonymous.post('/api/auth/signup', { ...nul, password: `${marker}\u0000` })).status).toBe(
      400,
    );
    const person = await signUp(app.url, { email, password: marker });
    expect((await new ApiClient(app.url).post('/api/auth/signup', nul)).status).toBe(400);
    expect(
      (await new ApiClient(app.url).post('/api/auth/login', { email, password: `${marker}\u0000` })).status,
    ).toBe(400);

    // A database error that does reach the logger: the query really fails on this database,
    // with the new hash among its parameters.
    const hash = await hashPassword(marker);
    const failed = await app.database.db
      .insert(users)
      .values({ email: `other-${email}`, name: 'Nul\u0000Name', role: 'student', passwordHash: hash })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failed).toBeInstanceOf(Error);
    createLogger('info', captured).error({ err: failed }, 'request failed');

    const [stored] = await app.database.db.select().from(users).where(eq(users.id, person.user.id));
    const secrets = [marker, hash, stored!.passwordHash, person.cookie!.split('=')[1]!];
    await new Promise((resolve) => setImmediate(resolve));
    expect(logLines.some((line) => line.includes('request failed'))).toBe(true);
    expect(logLines.some((line) => line.includes('"path":"/api/auth/signup"'))).toBe(true);
    for (const line of logLines) {
      for (const secret of secrets) expect(line).not.toContain(secret);
      expect(line).not.toContain('scrypt$');
    }
  });

  it('no request answered 500 during this file', () => {
    const failures = logLines.filter((line) => /"status":5\d\d/.test(line));
    expect(failures).toEqual([]);
  });
});
