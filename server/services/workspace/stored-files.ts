import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { deliverables, workspaceAttachments } from '../../db/schema.ts';
import type { BlobStore } from '../../portfolio/blob-store.ts';

/**
 * The blob store is shared by deliverables and attachments (files are named by their sha256), so
 * a file is removed only when no row of either kind still names it.
 */

/** Serialises every change to one stored file (add, remove) across processes, for this transaction. */
export async function lockBlob(tx: Db, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`deliverable:${sha256}`}, 0))`);
}

/**
 * Removes the stored file unless a deliverable or an attachment still names it. Run after a failed
 * add and after a delete; the blob lock keeps a concurrent upload of the same bytes from losing its
 * file.
 */
export async function releaseBlob(db: Db, store: BlobStore, sha256: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockBlob(tx, sha256);
    const count = sql<number>`count(*)::int`;
    const [deliverable] = await tx
      .select({ n: count })
      .from(deliverables)
      .where(eq(deliverables.sha256, sha256));
    const [attachment] = await tx
      .select({ n: count })
      .from(workspaceAttachments)
      .where(eq(workspaceAttachments.sha256, sha256));
    const used = { n: (deliverable?.n ?? 0) + (attachment?.n ?? 0) };
    if ((used?.n ?? 0) === 0) await store.remove(sha256);
  });
}
