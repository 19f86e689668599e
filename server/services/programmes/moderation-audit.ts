import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { moderationAudit } from '../../db/schema.ts';
import type { AuditAction } from '../../../shared/moderation.ts';
import type { AuditEntry } from '../../../shared/schemas/moderation.ts';

export interface AuditRecord {
  /** null: an instance-wide action of the admin. */
  programmeId: string | null;
  actor: { id: string; name: string };
  action: AuditAction;
  target: { type: string; id: string; label: string };
  reason: string;
}

/**
 * Appends one row to the audit log, inside the caller's transaction, so an action and its record
 * are written together or not at all. Rows are never changed: the table refuses UPDATE and DELETE.
 */
export async function recordAudit(db: Db | Tx, record: AuditRecord): Promise<void> {
  await db.insert(moderationAudit).values({
    programmeId: record.programmeId,
    actorId: record.actor.id,
    actorName: record.actor.name,
    action: record.action,
    targetType: record.target.type,
    targetId: record.target.id,
    targetLabel: record.target.label,
    reason: record.reason,
  });
}

const PAGE = 100;

/**
 * A programme's audit log, newest first (`null`: every row, for the instance admin). The cursor is
 * the sequence number of the last row of the previous page.
 */
export async function listAudit(
  db: Db,
  programmeId: string | null,
  before?: number,
): Promise<{ items: AuditEntry[]; next: string | null }> {
  const conditions: (SQL | undefined)[] = [
    programmeId ? eq(moderationAudit.programmeId, programmeId) : undefined,
    before !== undefined ? lt(moderationAudit.seq, before) : undefined,
  ];
  const rows = await db
    .select()
    .from(moderationAudit)
    .where(and(...conditions))
    .orderBy(desc(moderationAudit.seq))
    .limit(PAGE + 1);
  const items = rows.slice(0, PAGE).map((row) => ({
    id: row.id,
    programmeId: row.programmeId,
    actor: { id: row.actorId, name: row.actorName },
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    reason: row.reason,
    at: row.at.toISOString(),
  }));
  return { items, next: rows.length > PAGE ? String(rows[PAGE - 1]!.seq) : null };
}
