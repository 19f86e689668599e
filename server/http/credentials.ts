import { Router } from 'express';
import { pageQuery } from '../../shared/schemas/pagination.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../auth/permissions.ts';
import { getWorkspaceAccess } from '../services/workspace/workspaces.ts';
import {
  checkCredential,
  credentialNotFound,
  findCredential,
  getPublicCredential,
  getStatusListCredential,
  listWorkspaceCredentials,
  revokeCredential,
} from '../services/portfolio/credentials.ts';
import { AppError } from '../errors.ts';
import { CREDENTIAL_LIMITS, credentialBody, statusListParams } from '../../shared/schemas/portfolio.ts';
import { publicOriginOf } from './public-origin.ts';
import { requireUser } from './request.ts';
import { parseInput } from './validate.ts';

/**
 * Open Badges credentials: anyone verifies or reads one, or fetches the status list; a supervisor of
 * its workspace revokes it.
 */
export function credentialsRouter(context: AppContext): Router {
  const router = Router();
  const { db, events, config, rateLimiter, workers } = context;

  /**
   * Anyone may verify, so the work is bounded before it starts: counted per address, refused when
   * larger than any credential Stint issues (413) or beyond its shape's bounds (400), and the proof —
   * JSON-LD canonicalisation and the signature — is checked in a worker thread.
   */
  router.post('/credentials/verify', async (request, response) => {
    await rateLimiter.consume('credentials:verify', request.ip ?? 'unknown');
    const declared = Number(request.headers['content-length'] ?? 0);
    if (
      declared > CREDENTIAL_LIMITS.bytes ||
      Buffer.byteLength(JSON.stringify(request.body ?? null)) > CREDENTIAL_LIMITS.bytes
    )
      throw new AppError(
        413,
        'payload_too_large',
        `A credential is at most ${CREDENTIAL_LIMITS.bytes / 1024} KB.`,
      );
    const credential = parseInput(credentialBody, request.body);
    response.json({ status: await checkCredential(db, credential, workers.verifyCredential) });
  });

  /**
   * The revocation status list, signed by the issuer key, at the URL every credential names. Caches
   * may keep it but must revalidate (the ETag changes only when a bit flips), so a revocation is
   * seen at once.
   */
  router.get('/credentials/status/:list', async (request, response) => {
    const { list } = parseInput(statusListParams, request.params);
    const credential = await getStatusListCredential(db, list, publicOriginOf(config, request));
    response.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.type('application/vc+ld+json; charset=utf-8');
    response.send(JSON.stringify(credential));
  });

  router.get('/credentials/:id', async (request, response) => {
    response.setHeader('Cache-Control', 'no-store');
    response.json(await getPublicCredential(db, String(request.params.id), workers.verifyCredential));
  });

  router.get('/workspaces/:id/credentials', async (request, response) => {
    const user = requireUser(request);
    const access = authorize(
      await getWorkspaceAccess(db, String(request.params.id), user.id),
      'revokeCredential',
    );
    response.json(
      await listWorkspaceCredentials(db, access.workspaceId, parseInput(pageQuery, request.query)),
    );
  });

  router.post('/credentials/:id/revoke', async (request, response) => {
    const user = requireUser(request);
    const found = await findCredential(db, String(request.params.id));
    const access = found ? await getWorkspaceAccess(db, found.workspaceId, user.id) : null;
    if (!found) throw credentialNotFound();
    authorize(access, 'revokeCredential', credentialNotFound);
    response.json(await revokeCredential(db, events, found, user.id));
  });

  return router;
}
