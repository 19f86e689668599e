import { and, desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../../db/client.ts';
import { beforeCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import { briefVersions, users } from '../../db/schema.ts';
import { getBrief } from '../../../shared/doc-layout.ts';
import type { BriefVersion } from '../../../shared/schemas/workspaces.ts';
import { loadDocument } from '../live/doc-store.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError } from '../../errors.ts';
import type { LiveDocuments } from '../live/live-documents.ts';

const versionColumns = {
  id: briefVersions.id,
  label: briefVersions.label,
  automatic: briefVersions.automatic,
  createdAt: briefVersions.createdAt,
  authorId: users.id,
  authorName: users.name,
};

type VersionRow = {
  id: string;
  label: string;
  automatic: boolean;
  createdAt: Date;
  authorId: string | null;
  authorName: string | null;
};

function toBriefVersion(row: VersionRow): BriefVersion {
  return {
    id: row.id,
    label: row.label,
    automatic: row.automatic,
    createdAt: row.createdAt.toISOString(),
    author: row.authorId && row.authorName ? { id: row.authorId, name: row.authorName } : null,
  };
}

/** Saves the document as it is stored now under a label ("Kick-off agreed"). */
export async function saveVersion(
  db: Db,
  input: { workspaceId: string; label: string; createdBy: string | null; automatic?: boolean },
): Promise<BriefVersion> {
  const { doc } = await loadDocument(db, input.workspaceId);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const [row] = await db
    .insert(briefVersions)
    .values({
      workspaceId: input.workspaceId,
      label: input.label,
      state,
      createdBy: input.createdBy,
      automatic: input.automatic ?? false,
    })
    .returning();
  const [author] = input.createdBy
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, input.createdBy))
    : [];
  return toBriefVersion({ ...row!, authorId: input.createdBy, authorName: author?.name ?? null });
}

/** The brief's saved versions, newest first, a page at a time. */
export async function listVersions(
  db: Db,
  workspaceId: string,
  page: PageQuery,
): Promise<Page<BriefVersion>> {
  const rows = await db
    .select(versionColumns)
    .from(briefVersions)
    .leftJoin(users, eq(users.id, briefVersions.createdBy))
    .where(
      and(
        eq(briefVersions.workspaceId, workspaceId),
        beforeCursor(briefVersions.createdAt, briefVersions.id, readCursor(page.cursor)),
      ),
    )
    .orderBy(desc(briefVersions.createdAt), desc(briefVersions.id))
    .limit(page.limit + 1);
  return toPageAt(rows, page.limit, (row) => row, toBriefVersion);
}

async function findVersionState(db: Db, workspaceId: string, versionId: string) {
  if (!isUuid(versionId)) throw new AppError(404, 'version_not_found', 'That version does not exist.');
  const [row] = await db
    .select({ ...versionColumns, state: briefVersions.state })
    .from(briefVersions)
    .leftJoin(users, eq(users.id, briefVersions.createdBy))
    .where(and(eq(briefVersions.id, versionId), eq(briefVersions.workspaceId, workspaceId)));
  if (!row) throw new AppError(404, 'version_not_found', 'That version does not exist.');
  return row;
}

/** A version with its whole document state (base64 Yjs update), for viewing read-only. */
export async function getVersion(
  db: Db,
  workspaceId: string,
  versionId: string,
): Promise<BriefVersion & { state: string }> {
  const row = await findVersionState(db, workspaceId, versionId);
  return { ...toBriefVersion(row), state: Buffer.from(row.state).toString('base64') };
}

/**
 * Brings a version's brief back as a new edit: the current brief's content is replaced by a copy of
 * the version's, through the live document, so everyone connected sees it and history is kept.
 */
export async function restoreVersion(
  db: Db,
  documents: LiveDocuments,
  workspaceId: string,
  versionId: string,
): Promise<void> {
  const row = await findVersionState(db, workspaceId, versionId);
  const version = new Y.Doc();
  Y.applyUpdate(version, row.state);
  const saved = getBrief(version)
    .toArray()
    .filter((node): node is Y.XmlElement | Y.XmlText => !(node instanceof Y.XmlHook))
    .map((node) => node.clone());
  version.destroy();
  await documents.change(workspaceId, (doc) => {
    doc.transact(() => {
      const brief = getBrief(doc);
      brief.delete(0, brief.length);
      brief.insert(0, saved);
    });
  });
}
