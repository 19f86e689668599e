import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { programmeWorkspaces, workspaceNonCompletions, workspaces } from '../../db/schema.ts';
import type { ProgrammeAccess } from '../../auth/permissions.ts';
import type { NonCompletionReason } from '../../../shared/programmes.ts';
import { AppError, conflict } from '../../errors.ts';

/** Staff record why a placement in their programme ended without completing (for the figures). */
export async function recordNonCompletion(
  db: Db,
  access: ProgrammeAccess,
  input: { workspaceId: string; reason: NonCompletionReason; note: string },
  userId: string,
) {
  const [placement] = await db
    .select({ status: workspaces.status })
    .from(programmeWorkspaces)
    .innerJoin(workspaces, eq(workspaces.id, programmeWorkspaces.workspaceId))
    .where(
      and(
        eq(programmeWorkspaces.workspaceId, input.workspaceId),
        eq(programmeWorkspaces.programmeId, access.programmeId),
      ),
    );
  if (!placement)
    throw new AppError(404, 'workspace_not_found', 'That workspace is not a placement in this programme.');
  if (placement.status === 'completed') throw conflict('already_completed', 'That placement was completed.');
  const [row] = await db
    .insert(workspaceNonCompletions)
    .values({ ...input, recordedBy: userId })
    .onConflictDoUpdate({
      target: workspaceNonCompletions.workspaceId,
      set: { reason: input.reason, note: input.note, recordedBy: userId, recordedAt: new Date() },
    })
    .returning();
  return {
    id: row!.workspaceId,
    workspaceId: row!.workspaceId,
    reason: row!.reason,
    note: row!.note,
    recordedAt: row!.recordedAt.toISOString(),
  };
}
