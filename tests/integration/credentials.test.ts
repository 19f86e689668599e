import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../helpers/api-client.ts';
import { makeCompletedWorkspace, verifyIndependently } from '../helpers/portfolio.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { didDocumentFor } from '../../server/portfolio/credentials/document-loader.ts';
import { signCredential, verifyCredentialOffline } from '../../server/portfolio/credentials/sign.ts';
import { MAX_JSON_BODY_BYTES } from '../../shared/limits.ts';

let app: TestServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-credentials-'));
  app = await startTestServer({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

type Credential = Record<string, any>;
const idOf = (credential: Credential) => String(credential.id).replace('urn:uuid:', '');

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
}

describe('Open Badges 3.0 credentials', () => {
  it('issues a signed OpenBadgeCredential that verifies, here and independently', async () => {
    const { student, entryId } = await makeCompletedWorkspace(app.url);
    const anonymous = new ApiClient(app.url);
    const url = `/api/portfolio/entries/${entryId}/export?format=ob3`;
    const [exported, signMs] = await timed(() => student.get<Credential>(url));
    expect(exported.status).toBe(200);
    const credential = exported.body;
    expect(credential).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: expect.stringMatching(/^did:key:z6Mk/), type: ['Profile'], name: 'Stint' },
      validFrom: expect.any(String),
      credentialSubject: {
        type: ['AchievementSubject'],
        name: 'Zoë Ñúñez',
        achievement: {
          type: ['Achievement'],
          name: 'Instagram launch for Corner Thread Fabrics',
          criteria: {
            narrative: expect.stringContaining('Accepted milestones:\n- Agree audience and calendar'),
          },
          tag: ['Instagram (Confident)'],
        },
      },
      evidence: [{ id: 'https://docs.example.org/calendar', type: ['Evidence'], name: 'Content calendar' }],
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: expect.stringMatching(/^did:key:z6Mk\w+#z6Mk\w+$/),
      },
    });
    expect(JSON.stringify(credential)).not.toContain(student.user.email);
    // The project's other milestones were never accepted: the credential does not claim them.
    expect(credential.credentialSubject.achievement.criteria.narrative).not.toMatch(/\(open\)|Milestones:/);
    expect(Buffer.byteLength(JSON.stringify(credential))).toBeLessThan(MAX_JSON_BODY_BYTES / 10);

    const [verified, verifyMs] = await timed(() => anonymous.post('/api/credentials/verify', credential));
    expect(verified.body).toEqual({ status: 'valid' });
    expect(await verifyIndependently(credential)).toBe(true);
    expect(await verifyCredentialOffline(credential)).toEqual({ verified: true });
    console.info(`ob3 export (first issue, incl. key load) ${signMs} ms; verify over HTTP ${verifyMs} ms`);

    // Issued at completion and stored: every export, even after the student edits the entry, hands
    // back the very same credential, byte for byte.
    await student.request('PATCH', `/api/portfolio/entries/${entryId}`, { summary: 'Ran the launch.' });
    expect((await student.get<Credential>(url)).body).toEqual(credential);

    const shown = await anonymous.get(`/api/credentials/${idOf(credential)}`);
    expect(shown.body).toMatchObject({ id: idOf(credential), status: 'valid', revokedAt: null, credential });
    expect((await student.get(`/api/portfolio/entries/${entryId}`)).body.credentialIds).toEqual([
      idOf(credential),
    ]);
  });

  it('one changed character, a foreign signer or a credential we never issued is "tampered"', async () => {
    const { student, entryId } = await makeCompletedWorkspace(app.url);
    const credential = (await student.get<Credential>(`/api/portfolio/entries/${entryId}/export?format=ob3`))
      .body;
    const verify = async (body: unknown) =>
      (await new ApiClient(app.url).post('/api/credentials/verify', body)).body;

    const renamed = structuredClone(credential);
    renamed.credentialSubject.name = 'Zoë Ñúñex';
    expect(await verify(renamed)).toEqual({ status: 'tampered' });
    expect(await verifyIndependently(renamed)).toBe(false);

    const text = JSON.stringify(credential);
    const flipped = JSON.parse(text.replace('Content calendar', 'Content calendaR'));
    expect(await verify(flipped)).toEqual({ status: 'tampered' });
    const badProof = structuredClone(credential);
    const value: string = badProof.proof.proofValue;
    badProof.proof.proofValue = value.slice(0, -1) + (value.endsWith('a') ? 'b' : 'a');
    expect(await verify(badProof)).toEqual({ status: 'tampered' });
    const { proof: _proof, ...unsigned } = credential;
    expect(await verify(unsigned)).toEqual({ status: 'tampered' });
    expect(
      await verify({ ...credential, '@context': [...credential['@context'], 'https://evil.example/ctx'] }),
    ).toEqual({
      status: 'tampered',
    });

    // Perfectly signed, but by someone else's key: not ours.
    const keyPair = await Ed25519Multikey.generate();
    const { did, keyId } = await didDocumentFor(keyPair);
    keyPair.id = keyId;
    keyPair.controller = did;
    const { proof: _old, ...claims } = credential;
    const forged = await signCredential(
      { ...claims, issuer: { ...claims.issuer, id: did } },
      { did, keyId, keyPair },
    );
    expect(await verifyCredentialOffline(forged)).toEqual({ verified: true });
    expect(await verify(forged)).toEqual({ status: 'tampered' });

    const invalid = await new ApiClient(app.url).post('/api/credentials/verify', [credential]);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_failed');
    expect((await new ApiClient(app.url).get(`/api/credentials/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('a supervisor of the workspace revokes a credential; it then verifies as "revoked"', async () => {
    const { student, supervisor, entryId, workspaceId } = await makeCompletedWorkspace(app.url);
    const url = `/api/portfolio/entries/${entryId}/export?format=ob3`;
    const credential = (await student.get<Credential>(url)).body;
    const id = idOf(credential);
    const stranger = await signUp(app.url, { role: 'supervisor' });
    expect((await stranger.post(`/api/credentials/${id}/revoke`)).body.error.code).toBe(
      'credential_not_found',
    );
    expect((await student.post(`/api/credentials/${id}/revoke`)).status).toBe(403);
    expect((await new ApiClient(app.url).post(`/api/credentials/${id}/revoke`)).status).toBe(401);

    const listed = await supervisor.get(`/api/workspaces/${workspaceId}/credentials`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id, status: 'valid', revokedAt: null })]);
    expect((await student.get(`/api/workspaces/${workspaceId}/credentials`)).status).toBe(403);
    expect((await stranger.get(`/api/workspaces/${workspaceId}/credentials`)).status).toBe(404);

    const revoked = await supervisor.post(`/api/credentials/${id}/revoke`);
    expect(revoked.body).toEqual({ id, status: 'revoked', revokedAt: expect.any(String) });
    expect((await supervisor.post(`/api/credentials/${id}/revoke`)).body.revokedAt).toBe(
      revoked.body.revokedAt,
    );
    expect((await new ApiClient(app.url).post('/api/credentials/verify', credential)).body).toEqual({
      status: 'revoked',
    });
    expect((await new ApiClient(app.url).get(`/api/credentials/${id}`)).body).toMatchObject({
      status: 'revoked',
      revokedAt: revoked.body.revokedAt,
    });
    const [notice] = (await student.get('/api/notifications')).body.items;
    expect(notice).toMatchObject({ kind: 'credential_revoked' });
    expect((await student.get(`/api/portfolio/entries/${entryId}`)).body.credentialIds).toEqual([]);

    // Revoked stays revoked: exporting again hands back the same, revoked credential.
    expect((await student.get<Credential>(url)).body).toEqual(credential);
    const listedAfter = await supervisor.get(`/api/workspaces/${workspaceId}/credentials`);
    expect(listedAfter.body.items).toEqual([expect.objectContaining({ id, status: 'revoked' })]);
  });

  it('a corrected credential comes only from re-opening the completion, which records why', async () => {
    const { student, supervisor, entryId, workspaceId } = await makeCompletedWorkspace(app.url);
    const url = `/api/portfolio/entries/${entryId}/export?format=ob3`;
    const first = (await student.get<Credential>(url)).body;
    const reopenUrl = `/api/workspaces/${workspaceId}/reopen`;
    expect((await student.post(reopenUrl, { reason: 'The dates were wrong.' })).status).toBe(403);
    expect((await supervisor.post(reopenUrl, { reason: 'short' })).body.error.code).toBe('validation_failed');

    const reopened = await supervisor.post(reopenUrl, { reason: 'The end date was a week early.' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'active',
      reason: 'The end date was a week early.',
      revokedCredentialIds: [idOf(first)],
    });
    expect((await supervisor.post(reopenUrl, { reason: 'Once more, please.' })).body.error.code).toBe(
      'not_completed',
    );
    expect((await new ApiClient(app.url).post('/api/credentials/verify', first)).body.status).toBe('revoked');

    const again = await supervisor.post(`/api/workspaces/${workspaceId}/complete`, {
      endorsement: 'Zoë ran the launch end to end; the calendar she built is still in use today.',
      skills: [{ skill: 'Instagram', level: 3 }],
      endDate: new Date().toISOString().slice(0, 10),
    });
    expect(again.status).toBe(200);
    expect(again.body.entries).toEqual([{ id: entryId, studentId: student.user.id }]);
    const corrected = (await student.get<Credential>(url)).body;
    expect(idOf(corrected)).not.toBe(idOf(first));
    expect(corrected.credentialSubject.achievement.tag).toEqual(['Instagram (Advanced)']);
    expect((await new ApiClient(app.url).post('/api/credentials/verify', corrected)).body.status).toBe(
      'valid',
    );
    expect((await new ApiClient(app.url).post('/api/credentials/verify', first)).body.status).toBe('revoked');
  });

  it('reading the handle never creates one', async () => {
    const student = await signUp(app.url, { role: 'student' });
    expect((await student.get('/api/portfolio/handle')).body).toEqual({ handle: null });
    expect((await student.get('/api/portfolio/handle')).body).toEqual({ handle: null });
  });
});
