import { randomInt, randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { beforeCursor, readCursor, toPageAt } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import { issuedCredentials, portfolioEntries, users, workspaces } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import type { CredentialStatus } from '../../../shared/schemas/portfolio.ts';
import { isUuid } from '../../../shared/ids.ts';
import { exportEntry, type LoadedEntry } from '../../portfolio/entry-views.ts';
import { buildOpenBadge, claimsFingerprint } from '../../portfolio/credentials/open-badge.ts';
import { getIssuer, type Issuer } from '../../portfolio/credentials/issuer.ts';
import {
  signCredential,
  verifyCredentialOffline,
  type OfflineVerification,
} from '../../portfolio/credentials/sign.ts';
import { portfolioNotice } from './notices.ts';
import {
  buildStatusListCredential,
  STATUS_LIST_FILL,
  STATUS_LIST_LENGTH,
  statusEntry,
  statusListUrl,
  statusListVersion,
  type StatusPosition,
} from '../../portfolio/credentials/status-list.ts';
import { AppError } from '../../errors.ts';
import { createNotifications } from '../accounts/notifications.ts';

type Credential = Record<string, unknown>;

export const credentialNotFound = () =>
  new AppError(404, 'credential_not_found', 'That credential does not exist.');

/** Seconds precision, as VC validators expect `validFrom`. */
const nowSeconds = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export interface IssuerProfile {
  name: string;
  url?: string | undefined;
  image?: string | undefined;
}

/**
 * Signs and stores the credential of one portfolio entry, at completion (inside its transaction):
 * the claims are what the supervisor signed off then, so nothing the student edits later changes
 * them. This is the only place a credential is made; exports hand back the stored one.
 */
export async function issueEntryCredential(
  tx: Db,
  issuer: Issuer,
  profile: IssuerProfile,
  loaded: LoadedEntry,
  origin: string,
): Promise<Credential> {
  const unsigned = buildOpenBadge(exportEntry(loaded, origin), { did: issuer.did, ...profile });
  const fingerprint = claimsFingerprint(unsigned);
  const id = randomUUID();
  const position = await allocateStatusPosition(tx);
  const { '@context': context, ...claims } = unsigned;
  const signed = await signCredential(
    {
      '@context': context,
      id: `urn:uuid:${id}`,
      ...claims,
      validFrom: nowSeconds(),
      credentialStatus: statusEntry(origin, position),
    },
    issuer,
  );
  await tx.insert(issuedCredentials).values({
    id,
    entryId: loaded.entry.id,
    fingerprint,
    json: signed,
    statusList: position.list,
    statusListIndex: position.index,
  });
  return signed;
}

/**
 * A random free bit of the newest list that is less than half full (random, so an index says
 * nothing about when or for whom it was issued). The advisory lock makes concurrent completions,
 * on any process, take turns; the unique index backs it up.
 */
async function allocateStatusPosition(tx: Db): Promise<StatusPosition> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('credential-status-list', 0))`);
  const [newest] = await tx
    .select({
      list: sql<number>`coalesce(max(${issuedCredentials.statusList}), 1)::int`,
    })
    .from(issuedCredentials);
  let list = newest?.list ?? 1;
  const [used] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(issuedCredentials)
    .where(eq(issuedCredentials.statusList, list));
  if ((used?.n ?? 0) >= STATUS_LIST_FILL) list += 1;
  for (;;) {
    const index = randomInt(STATUS_LIST_LENGTH);
    const [taken] = await tx
      .select({ id: issuedCredentials.id })
      .from(issuedCredentials)
      .where(and(eq(issuedCredentials.statusList, list), eq(issuedCredentials.statusListIndex, index)));
    if (!taken) return { list, index };
  }
}

/**
 * The entry's credential: the one issued at its latest completion, revoked or not. A revoked
 * credential is handed back as it is (a verifier then says "revoked"); it is never reissued.
 */
export async function entryCredential(db: Db, entryId: string): Promise<Credential> {
  const [row] = await db
    .select({ json: issuedCredentials.json })
    .from(issuedCredentials)
    .where(eq(issuedCredentials.entryId, entryId))
    .orderBy(desc(issuedCredentials.issuedAt))
    .limit(1);
  if (!row) throw new AppError(404, 'credential_not_issued', 'No credential was issued for this entry.');
  return row.json;
}

/** Withdraws every credential of a workspace still in force (re-opening its completion). */
export async function revokeWorkspaceCredentials(
  tx: Db,
  workspaceId: string,
  revokedBy: string,
): Promise<string[]> {
  const entries = tx
    .select({ id: portfolioEntries.id })
    .from(portfolioEntries)
    .where(eq(portfolioEntries.workspaceId, workspaceId));
  const rows = await tx
    .update(issuedCredentials)
    .set({ revokedAt: new Date(), revokedBy })
    .where(and(inArray(issuedCredentials.entryId, entries), isNull(issuedCredentials.revokedAt)))
    .returning({ id: issuedCredentials.id });
  return rows.map((row) => row.id);
}

const CREDENTIAL_URN = /^urn:uuid:([0-9a-f-]{36})$/i;

/**
 * `valid`: the proof verifies, it is signed by this instance's key and we issued it and have not
 * revoked it. `revoked`: all that, but revoked. `tampered`: anything else — a changed character, a
 * foreign issuer or key, a credential we never issued. `checkProof` checks the signature (the
 * server passes its worker pool, so canonicalising never holds the event loop).
 */
export type ProofCheck = (credential: Credential) => Promise<OfflineVerification>;

export async function checkCredential(
  db: Db,
  credential: Credential,
  checkProof: ProofCheck = verifyCredentialOffline,
): Promise<CredentialStatus> {
  const issuer = await getIssuer(db);
  const issuerId =
    typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer as { id?: unknown })?.id;
  const proof = credential.proof as { verificationMethod?: unknown; cryptosuite?: unknown } | undefined;
  if (issuerId !== issuer.did || Array.isArray(proof) || typeof proof !== 'object' || proof === null)
    return 'tampered';
  if (proof.verificationMethod !== issuer.keyId || proof.cryptosuite !== 'eddsa-rdfc-2022') return 'tampered';
  if (!(await checkProof(credential)).verified) return 'tampered';
  const id = typeof credential.id === 'string' ? CREDENTIAL_URN.exec(credential.id)?.[1] : undefined;
  if (!id) return 'tampered';
  const [row] = await db
    .select({ revokedAt: issuedCredentials.revokedAt })
    .from(issuedCredentials)
    .where(eq(issuedCredentials.id, id.toLowerCase()));
  if (!row) return 'tampered';
  return row.revokedAt ? 'revoked' : 'valid';
}

export async function findCredential(db: Db, credentialId: string) {
  if (!isUuid(credentialId)) return null;
  const [row] = await db
    .select({
      credential: issuedCredentials,
      workspaceId: portfolioEntries.workspaceId,
      studentId: portfolioEntries.studentId,
    })
    .from(issuedCredentials)
    .innerJoin(portfolioEntries, eq(portfolioEntries.id, issuedCredentials.entryId))
    .where(eq(issuedCredentials.id, credentialId));
  return row ?? null;
}

/**
 * A credential as anyone may see it, by its id (an unguessable UUID the student hands out with the
 * credential itself), with its status checked afresh.
 */
export async function getPublicCredential(db: Db, credentialId: string, checkProof?: ProofCheck) {
  const found = await findCredential(db, credentialId);
  if (!found) throw credentialNotFound();
  const { credential } = found;
  return {
    id: credential.id,
    status: await checkCredential(db, credential.json, checkProof),
    issuedAt: credential.issuedAt.toISOString(),
    revokedAt: credential.revokedAt?.toISOString() ?? null,
    credential: credential.json,
  };
}

/** The credentials issued for a workspace's interns, newest first, for its supervisors to review or revoke. */
export async function listWorkspaceCredentials(db: Db, workspaceId: string, page: PageQuery) {
  const rows = await db
    .select({
      id: issuedCredentials.id,
      issuedAt: issuedCredentials.issuedAt,
      revokedAt: issuedCredentials.revokedAt,
      studentName: users.name,
    })
    .from(issuedCredentials)
    .innerJoin(portfolioEntries, eq(portfolioEntries.id, issuedCredentials.entryId))
    .innerJoin(users, eq(users.id, portfolioEntries.studentId))
    .where(
      and(
        eq(portfolioEntries.workspaceId, workspaceId),
        beforeCursor(issuedCredentials.issuedAt, issuedCredentials.id, readCursor(page.cursor)),
      ),
    )
    .orderBy(desc(issuedCredentials.issuedAt), desc(issuedCredentials.id))
    .limit(page.limit + 1);
  const position = (row: (typeof rows)[number]) => ({ createdAt: row.issuedAt, id: row.id });
  return toPageAt(rows, page.limit, position, (row) => ({
    id: row.id,
    student: { name: row.studentName },
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? ('revoked' as const) : ('valid' as const),
  }));
}

export async function revokeCredential(
  db: Db,
  events: DomainEventBus,
  found: NonNullable<Awaited<ReturnType<typeof findCredential>>>,
  revokedBy: string,
) {
  const push = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(issuedCredentials)
      .set({
        revokedAt: sql`coalesce(${issuedCredentials.revokedAt}, now())`,
        revokedBy: sql`coalesce(${issuedCredentials.revokedBy}, ${revokedBy}::uuid)`,
      })
      .where(eq(issuedCredentials.id, found.credential.id))
      .returning();
    if (found.credential.revokedAt) return () => {};
    const [workspace] = await tx
      .select({ title: workspaces.title })
      .from(workspaces)
      .where(eq(workspaces.id, found.workspaceId));
    const push = await createNotifications(tx, events, [
      portfolioNotice({
        userId: found.studentId,
        kind: 'credential_revoked',
        title: `A credential for “${workspace?.title ?? 'your project'}” was revoked`,
        body: `Revoked on ${row!.revokedAt!.toISOString().slice(0, 10)}.`,
        link: `/workspaces/${found.workspaceId}`,
      }),
    ]);
    return push;
  });
  push();
  const after = await findCredential(db, found.credential.id);
  return {
    id: found.credential.id,
    status: 'revoked' as const,
    revokedAt: after!.credential.revokedAt!.toISOString(),
  };
}

/** Signed status lists by version, per database handle (one per running instance). */
const signedLists = new WeakMap<Db, Map<number, { version: string; credential: Credential }>>();

/**
 * The signed status-list credential for list `list`, read afresh from the database on every call,
 * so a revocation shows at once on every process. Its `validFrom` and proof date are the time of
 * the list's latest change, so every process signs the very same bytes (Ed25519 is deterministic)
 * and a cache or ETag stays valid until a bit flips.
 */
export async function getStatusListCredential(db: Db, list: number, origin: string): Promise<Credential> {
  const rows = await db
    .select({
      index: issuedCredentials.statusListIndex,
      issuedAt: issuedCredentials.issuedAt,
      revokedAt: issuedCredentials.revokedAt,
    })
    .from(issuedCredentials)
    .where(eq(issuedCredentials.statusList, list));
  if (rows.length === 0)
    throw new AppError(404, 'status_list_not_found', 'There is no status list with that number.');
  const changes = rows.map((row) => (row.revokedAt ?? row.issuedAt).getTime());
  const validFrom = new Date(Math.max(...changes)).toISOString().replace(/\.\d+Z$/, 'Z');
  const revokedIndexes = rows.filter((row) => row.revokedAt && row.index !== null).map((row) => row.index!);
  const url = statusListUrl(origin, list);
  const version = statusListVersion(url, revokedIndexes, validFrom);
  const cache = signedLists.get(db) ?? new Map();
  signedLists.set(db, cache);
  const cached = cache.get(list);
  if (cached?.version === version) return cached.credential;
  const issuer = await getIssuer(db);
  const unsigned = await buildStatusListCredential({ url, issuerDid: issuer.did, revokedIndexes, validFrom });
  const credential = await signCredential(unsigned, issuer, validFrom);
  cache.set(list, { version, credential });
  return credential;
}
