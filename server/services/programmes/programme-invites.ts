import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import {
  programmeInviteCodes,
  programmeOrganisations,
  programmeProjects,
  programmeStudents,
  programmes,
  projects,
} from '../../db/schema.ts';
import type { ProgrammeAccess } from '../../auth/permissions.ts';
import type { InviteAudience } from '../../../shared/programmes.ts';
import type { InviteCode, createInviteCodeInput } from '../../../shared/schemas/programmes.ts';
import { AppError, conflict } from '../../errors.ts';
import { afterCursor, readCursor, toPage, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';

type CodeRow = typeof programmeInviteCodes.$inferSelect;

/** Codes are read aloud and typed from posters: no 0/O or 1/I/L to confuse. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function newCode(): string {
  const bytes = randomBytes(10);
  const letters = Array.from(bytes, (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]);
  return `${letters.slice(0, 5).join('')}-${letters.slice(5).join('')}`;
}

const toInviteCode = (row: CodeRow): InviteCode => ({
  id: row.id,
  code: row.code,
  audience: row.audience,
  cohort: row.cohort,
  link: `/join/${row.code}`,
  createdAt: row.createdAt.toISOString(),
});

const codeNotFound = () =>
  new AppError(404, 'invite_code_not_found', 'That invite code does not exist or is no longer valid.');

export async function createInviteCode(
  db: Db,
  access: ProgrammeAccess,
  input: z.output<typeof createInviteCodeInput>,
  userId: string,
): Promise<InviteCode> {
  const [row] = await db
    .insert(programmeInviteCodes)
    .values({ programmeId: access.programmeId, code: newCode(), ...input, createdBy: userId })
    .returning();
  return toInviteCode(row!);
}

/** A page of the programme's live (not revoked) codes, oldest first on (made, id). */
export async function listInviteCodes(
  db: Db,
  access: ProgrammeAccess,
  page: PageQuery,
): Promise<Page<InviteCode>> {
  const cursor = readCursor(page.cursor);
  const rows = await db
    .select()
    .from(programmeInviteCodes)
    .where(
      and(
        eq(programmeInviteCodes.programmeId, access.programmeId),
        isNull(programmeInviteCodes.revokedAt),
        afterCursor(programmeInviteCodes.createdAt, programmeInviteCodes.id, cursor),
      ),
    )
    .orderBy(asc(programmeInviteCodes.createdAt), asc(programmeInviteCodes.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, toInviteCode);
}

async function findLiveCode(db: Db, code: string) {
  const [row] = await db
    .select({ invite: programmeInviteCodes, programmeName: programmes.name })
    .from(programmeInviteCodes)
    .innerJoin(programmes, eq(programmes.id, programmeInviteCodes.programmeId))
    .where(
      and(eq(programmeInviteCodes.code, code.trim().toUpperCase()), isNull(programmeInviteCodes.revokedAt)),
    );
  return row;
}

/** What a person sees before joining: which programme, and whether the code is for them. */
export async function previewInviteCode(
  db: Db,
  code: string,
): Promise<{ programmeId: string; programmeName: string; audience: InviteAudience; cohort: string }> {
  const row = await findLiveCode(db, code);
  if (!row) throw codeNotFound();
  return {
    programmeId: row.invite.programmeId,
    programmeName: row.programmeName,
    audience: row.invite.audience,
    cohort: row.invite.cohort,
  };
}

/**
 * Joins a programme with a code. A student joins as themselves; a supervisor brings one of their
 * organisations, whose projects (those in no programme yet, and every later one) then belong to it.
 */
export type LiveInviteCode = NonNullable<Awaited<ReturnType<typeof findLiveCode>>>;

/** A code that can still be used, with its programme's name; a revoked or unknown code is a 404. */
export async function loadInviteCode(db: Db, code: string): Promise<LiveInviteCode> {
  const row = await findLiveCode(db, code);
  if (!row) throw codeNotFound();
  return row;
}

/**
 * Joins the person (a student code) or the organisation they supervise (an organisation code) to
 * the code's programme and cohort. The caller has authorized it (`authorizeJoinWithCode`).
 */
export async function joinWithCode(
  db: Db,
  userId: string,
  row: LiveInviteCode,
  orgId: string | undefined,
): Promise<{ programmeId: string; programmeName: string; cohort: string; orgId: string | null }> {
  const { invite } = row;
  const joined = { programmeId: invite.programmeId, programmeName: row.programmeName, cohort: invite.cohort };
  if (invite.audience === 'student') {
    await db
      .insert(programmeStudents)
      .values({ programmeId: invite.programmeId, userId, cohort: invite.cohort })
      .onConflictDoUpdate({
        target: [programmeStudents.programmeId, programmeStudents.userId],
        set: { cohort: invite.cohort },
      });
    return { ...joined, orgId: null };
  }
  if (!orgId) throw new AppError(400, 'validation_failed', 'orgId: Choose the organisation that joins.');
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(programmeOrganisations)
      .where(eq(programmeOrganisations.orgId, orgId));
    if (existing && existing.programmeId !== invite.programmeId) {
      throw conflict('already_in_programme', 'This organisation already belongs to another programme.');
    }
    await tx
      .insert(programmeOrganisations)
      .values({ orgId, programmeId: invite.programmeId, cohort: invite.cohort })
      .onConflictDoUpdate({ target: programmeOrganisations.orgId, set: { cohort: invite.cohort } });
    await tx.execute(sql`
      insert into ${programmeProjects} (project_id, programme_id)
      select ${projects.id}, ${invite.programmeId}::uuid from ${projects} where ${projects.orgId} = ${orgId}
      on conflict (project_id) do nothing`);
  });
  return { ...joined, orgId };
}

/** A new project of an organisation in a programme belongs to that programme. */
export async function attachProjectToProgramme(db: Db | Tx, projectId: string, orgId: string): Promise<void> {
  await db.execute(sql`
    insert into programme_projects (project_id, programme_id)
    select ${projectId}::uuid, programme_id from programme_organisations where org_id = ${orgId}
    on conflict (project_id) do nothing`);
}

/** A workspace opened for a programme's project belongs to that programme. */
export async function attachWorkspaceToProgramme(
  db: Db | Tx,
  workspaceId: string,
  projectId: string,
): Promise<void> {
  await db.execute(sql`
    insert into programme_workspaces (workspace_id, programme_id)
    select ${workspaceId}::uuid, programme_id from programme_projects where project_id = ${projectId}
    on conflict (workspace_id) do nothing`);
}
