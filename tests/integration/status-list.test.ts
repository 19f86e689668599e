import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { verifyCredential as verifyWithDcc } from '@digitalcredentials/verifier-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.ts';
import { makeCompletedWorkspace, verifyIndependently } from '../helpers/portfolio.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * Revocation as a stranger sees it: DCC's verifier-core, a standards-following verifier that knows
 * nothing of Stint's API, fetches the status list the credential names and reads its bit.
 */

const PUBLIC_ORIGIN = 'https://stint.example.test';

let app: TestServer;
let dataDir: string;
const realFetch = globalThis.fetch;
const refused: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stint-status-list-'));
  app = await startTestServer({ env: { DATA_DIR: dataDir, PUBLIC_ORIGIN } });
  // The verifier's document loader fetches the status list over HTTP: PUBLIC_ORIGIN is pointed at
  // the test server, and nothing else leaves the machine (the verifier's optional schema download
  // is refused and recorded).
  globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    if (request.url.startsWith(`${PUBLIC_ORIGIN}/`)) {
      return realFetch(new Request(request.url.replace(PUBLIC_ORIGIN, app.url), request));
    }
    if (new URL(request.url).hostname === '127.0.0.1') return realFetch(request);
    refused.push(request.url);
    return Promise.reject(new TypeError(`no network in tests: ${request.url}`));
  };
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

type Credential = Record<string, any>;
type Step = { id: string; valid?: boolean; error?: { name?: string; message: string } };

async function dcc(credential: Credential) {
  type DccCredential = Parameters<typeof verifyWithDcc>[0]['credential'];
  const result = (await verifyWithDcc({
    credential: credential as DccCredential,
    knownDIDRegistries: [],
  })) as {
    errors?: { name?: string; message: string }[];
    log?: Step[];
  };
  const step = (id: string) => result.log?.find((entry) => entry.id === id);
  return { result, signature: step('valid_signature')?.valid, revocation: step('revocation_status') };
}

/** The bit a credential names, read out of the served list by hand (multibase `u` + base64url + GZIP). */
async function bitOf(credential: Credential): Promise<boolean> {
  const { statusListCredential, statusListIndex } = credential.credentialStatus;
  const served = await new ApiClient(app.url).get<Credential>(new URL(statusListCredential).pathname);
  const encoded: string = served.body.credentialSubject.encodedList;
  expect(encoded[0]).toBe('u');
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  expect(bits.length * 8).toBeGreaterThanOrEqual(131_072);
  const index = Number(statusListIndex);
  return ((bits[index >> 3]! >> (7 - (index % 8))) & 1) === 1;
}

describe('Bitstring Status List', () => {
  it('DCC verifier-core and Stint agree: fresh is valid, revoked is revoked, tampered fails', async () => {
    const { student, supervisor, entryId } = await makeCompletedWorkspace(app.url);
    const url = `/api/portfolio/entries/${entryId}/export?format=ob3`;
    const credential = (await student.get<Credential>(url)).body;
    const verify = async (body: unknown) =>
      (await new ApiClient(app.url).post('/api/credentials/verify', body)).body.status;

    expect(credential.credentialStatus).toEqual({
      id: expect.stringMatching(/^https:\/\/stint\.example\.test\/api\/credentials\/status\/1#\d+$/),
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: expect.stringMatching(/^\d+$/),
      statusListCredential: `${PUBLIC_ORIGIN}/api/credentials/status/1`,
    });
    expect(credential.issuer).toMatchObject({ url: PUBLIC_ORIGIN });

    // The served list: signed by the same key as the credential, and verifiable on its own.
    const listResponse = await realFetch(`${app.url}/api/credentials/status/1`);
    expect(listResponse.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(listResponse.headers.get('content-type')).toMatch(/^application\/vc\+ld\+json/);
    const list = (await listResponse.json()) as Credential;
    expect(list).toMatchObject({
      id: `${PUBLIC_ORIGIN}/api/credentials/status/1`,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: credential.issuer.id,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
      proof: { verificationMethod: credential.proof.verificationMethod },
    });
    expect(await verifyIndependently(list)).toBe(true);
    const etag = listResponse.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await realFetch(`${app.url}/api/credentials/status/1`, {
      // An explicit Cache-Control, or fetch adds `no-cache` to a conditional request.
      headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);

    const fresh = await dcc(credential);
    expect(fresh.result.errors).toBeUndefined();
    expect(fresh.signature).toBe(true);
    expect(fresh.revocation).toMatchObject({ valid: true });
    expect(await verify(credential)).toBe('valid');
    expect(await bitOf(credential)).toBe(false);

    const id = String(credential.id).replace('urn:uuid:', '');
    expect((await supervisor.post(`/api/credentials/${id}/revoke`)).status).toBe(200);
    expect(await bitOf(credential)).toBe(true);
    const changed = await realFetch(`${app.url}/api/credentials/status/1`, {
      headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' },
    });
    expect(changed.status).toBe(200);

    const revoked = await dcc(credential);
    expect(revoked.signature).toBe(true);
    expect(revoked.revocation).toMatchObject({ valid: false });
    expect(await verify(credential)).toBe('revoked');

    // Exporting after the revocation hands back the same, revoked credential.
    const exported = (await student.get<Credential>(url)).body;
    expect(exported).toEqual(credential);
    expect((await dcc(exported)).revocation).toMatchObject({ valid: false });

    const tampered = structuredClone(credential);
    tampered.credentialSubject.name = 'Someone Else';
    const forged = await dcc(tampered);
    expect(forged.signature === true && !forged.result.errors).toBe(false);
    expect(await verify(tampered)).toBe('tampered');

    expect(refused.every((address) => !address.startsWith(app.url))).toBe(true);
  });

  it('answers 404 for a list that does not exist and 400 for a malformed number', async () => {
    const anonymous = new ApiClient(app.url);
    expect((await anonymous.get('/api/credentials/status/999')).body.error.code).toBe(
      'status_list_not_found',
    );
    expect((await anonymous.get('/api/credentials/status/abc')).status).toBe(400);
  });
});
