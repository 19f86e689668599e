import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { deliverables, users, workspaceMilestones } from '../../db/schema.ts';
import type { Deliverable } from '../../../shared/schemas/portfolio.ts';
import { isUuid } from '../../../shared/ids.ts';
import type { BlobStore } from '../../portfolio/blob-store.ts';
import type { ReceivedFile } from '../../portfolio/upload.ts';
import { AppError, conflict } from '../../errors.ts';
import { lockActiveWorkspace } from './milestones.ts';
import { lockBlob, releaseBlob } from './stored-files.ts';
import { beforeCursor, readCursor, toPage } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';

export const deliverableNotFound = () =>
  new AppError(404, 'deliverable_not_found', 'That deliverable does not exist or you are not a member.');

type Row = typeof deliverables.$inferSelect;

export function toDeliverable(row: Row, author: { id: string | null; name: string | null }): Deliverable {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    milestoneId: row.milestoneId,
    kind: row.kind,
    title: row.title,
    url: row.url,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    downloadUrl: row.kind === 'file' ? `/api/deliverables/${row.id}/download` : null,
    author: author.id && author.name ? { id: author.id, name: author.name } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A workspace's deliverables, newest first, a page at a time. */
export async function listDeliverables(
  db: Db,
  workspaceId: string,
  page: PageQuery,
): Promise<{ items: Deliverable[]; next: string | null }> {
  const rows = await db
    .select({ row: deliverables, authorId: users.id, authorName: users.name })
    .from(deliverables)
    .leftJoin(users, eq(users.id, deliverables.authorId))
    .where(
      and(
        eq(deliverables.workspaceId, workspaceId),
        beforeCursor(deliverables.createdAt, deliverables.id, readCursor(page.cursor)),
      ),
    )
    .orderBy(desc(deliverables.createdAt), desc(deliverables.id))
    .limit(page.limit + 1);
  return toPage(
    rows.map((entry) => ({ ...entry, createdAt: entry.row.createdAt, id: entry.row.id })),
    page.limit,
    ({ row, authorId, authorName }) => toDeliverable(row, { id: authorId, name: authorName }),
  );
}

export async function findDeliverable(db: Db, deliverableId: string): Promise<Row | null> {
  if (!isUuid(deliverableId)) return null;
  const [row] = await db.select().from(deliverables).where(eq(deliverables.id, deliverableId));
  return row ?? null;
}

const milestoneLocked = () =>
  new AppError(
    409,
    'milestone_accepted',
    'That milestone is accepted: what was handed in for it is locked and nothing can be added.',
  );

/**
 * The milestone must be this workspace's and not yet accepted: once a supervisor accepts it, what
 * was handed in for it is the record they signed off. Locks the milestone row, so an accept racing
 * this change waits for it.
 */
async function assertOpenMilestoneOf(tx: Db, workspaceId: string, milestoneId: string): Promise<void> {
  const [milestone] = await tx
    .select({ status: workspaceMilestones.status })
    .from(workspaceMilestones)
    .where(and(eq(workspaceMilestones.id, milestoneId), eq(workspaceMilestones.workspaceId, workspaceId)))
    .for('update');
  if (!milestone)
    throw new AppError(400, 'unknown_milestone', 'milestoneId: that milestone is not in this workspace.');
  if (milestone.status === 'accepted') throw milestoneLocked();
  if (milestone.status === 'dropped')
    throw conflict('milestone_dropped', 'That milestone was dropped: nothing more is handed in for it.');
}

async function authorOf(db: Db, userId: string) {
  const [user] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId));
  return user ?? { id: null, name: null };
}

export async function addLinkDeliverable(
  db: Db,
  workspaceId: string,
  authorId: string,
  input: { title: string; url: string; milestoneId: string },
): Promise<Deliverable> {
  const row = await db.transaction(async (tx) => {
    await lockActiveWorkspace(tx, workspaceId);
    await assertOpenMilestoneOf(tx, workspaceId, input.milestoneId);
    const [row] = await tx
      .insert(deliverables)
      .values({
        workspaceId,
        milestoneId: input.milestoneId,
        kind: 'link',
        title: input.title,
        url: input.url,
        authorId,
      })
      .returning();
    return row!;
  });
  return toDeliverable(row, await authorOf(db, authorId));
}

/**
 * Records an uploaded file and moves its bytes into place in one step: the row is inserted and the
 * file renamed inside one transaction, and if anything fails the row is rolled back and the file
 * removed again (unless an earlier deliverable shares those bytes).
 */
export async function addFileDeliverable(
  db: Db,
  store: BlobStore,
  workspaceId: string,
  authorId: string,
  input: { title: string; milestoneId: string; fileName: string; mimeType: string },
  file: ReceivedFile,
): Promise<Deliverable> {
  let row: Row;
  try {
    row = await db.transaction(async (tx) => {
      await lockActiveWorkspace(tx, workspaceId);
      await assertOpenMilestoneOf(tx, workspaceId, input.milestoneId);
      await lockBlob(tx, file.sha256);
      const [row] = await tx
        .insert(deliverables)
        .values({
          workspaceId,
          milestoneId: input.milestoneId,
          kind: 'file',
          title: input.title,
          fileName: input.fileName,
          mimeType: input.mimeType,
          sizeBytes: file.size,
          sha256: file.sha256,
          authorId,
        })
        .returning();
      await store.commit(file.tempPath, file.sha256);
      return row!;
    });
  } catch (error) {
    await releaseBlob(db, store, file.sha256);
    throw error;
  }
  return toDeliverable(row, await authorOf(db, authorId));
}

export async function deleteDeliverable(db: Db, store: BlobStore, deliverable: Row): Promise<void> {
  await db.transaction(async (tx) => {
    await lockActiveWorkspace(tx, deliverable.workspaceId);
    await assertOpenMilestoneOf(tx, deliverable.workspaceId, deliverable.milestoneId);
    await tx.delete(deliverables).where(eq(deliverables.id, deliverable.id));
  });
  if (deliverable.sha256) await releaseBlob(db, store, deliverable.sha256);
}
