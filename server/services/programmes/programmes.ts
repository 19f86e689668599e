import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { beforeCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import { programmeStaff, programmes } from '../../db/schema.ts';
import type { ProgrammeAccess } from '../../auth/permissions.ts';
import type { AccountRole } from '../../../shared/roles.ts';
import type { Programme, createProgrammeInput } from '../../../shared/schemas/programmes.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError } from '../../errors.ts';
import { queryRows } from '../../db/sql-rows.ts';
import { claimStaffInvitations } from './programme-staff.ts';

type ProgrammeRow = typeof programmes.$inferSelect;

export function toProgramme(row: ProgrammeRow): Programme {
  return {
    id: row.id,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    region: row.region,
    hourlyFeeFloor: row.hourlyFeeFloor,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The caller's standing toward a programme, or null when there is no such programme. */
export async function getProgrammeAccess(
  db: Db,
  programmeId: string,
  user: { id: string; role: AccountRole },
): Promise<ProgrammeAccess | null> {
  if (!isUuid(programmeId)) return null;
  const [row] = await db
    .select({
      id: programmes.id,
      isStaff: sql<boolean>`exists (select 1 from ${programmeStaff} s where s.programme_id = ${programmes.id} and s.user_id = ${user.id})`,
      isStaffAnywhere: sql<boolean>`exists (select 1 from ${programmeStaff} s where s.user_id = ${user.id})`,
    })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!row) return null;
  return {
    programmeId,
    isAdmin: user.role === 'admin',
    isStaff: row.isStaff,
    isStaffElsewhere: !row.isStaff && row.isStaffAnywhere,
  };
}

export async function createProgramme(
  db: Db,
  userId: string,
  input: z.output<typeof createProgrammeInput>,
): Promise<Programme> {
  const [row] = await db
    .insert(programmes)
    .values({ ...input, createdBy: userId })
    .returning();
  return toProgramme(row!);
}

export async function getProgramme(db: Db, access: ProgrammeAccess): Promise<Programme> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, access.programmeId));
  if (!row) throw new AppError(404, 'programme_not_found', 'That programme does not exist.');
  return toProgramme(row);
}

const newestFirst = [desc(programmes.createdAt), desc(programmes.id)];

/** Every programme (for the instance admin), newest first, a page at a time. */
export async function listAllProgrammes(db: Db, page: PageQuery): Promise<Page<Programme>> {
  const rows = await db
    .select()
    .from(programmes)
    .where(beforeCursor(programmes.createdAt, programmes.id, readCursor(page.cursor)))
    .orderBy(...newestFirst)
    .limit(page.limit + 1);
  return toPageAt(rows, page.limit, (row) => row, toProgramme);
}

/** The programmes a person is staff of; pending staff invitations to their email are claimed first. */
export async function listStaffProgrammes(
  db: Db,
  user: { id: string; email: string },
  page: PageQuery,
): Promise<Page<Programme>> {
  const cursor = readCursor(page.cursor);
  if (!cursor) await claimStaffInvitations(db, user);
  const rows = await db
    .select({ programme: programmes })
    .from(programmeStaff)
    .innerJoin(programmes, eq(programmes.id, programmeStaff.programmeId))
    .where(and(eq(programmeStaff.userId, user.id), beforeCursor(programmes.createdAt, programmes.id, cursor)))
    .orderBy(...newestFirst)
    .limit(page.limit + 1);
  return toPageAt(
    rows,
    page.limit,
    (row) => row.programme,
    (row) => toProgramme(row.programme),
  );
}

/** The hourly fee floor for an organisation's projects: its programme's, or the instance default. */
export async function feeFloorForOrg(db: Db, orgId: string, instanceFloor: number): Promise<number> {
  if (!isUuid(orgId)) return instanceFloor;
  const [row] = await queryRows<{ floor: number | null }>(
    db,
    sql`select p.hourly_fee_floor as floor from programme_organisations po
        join programmes p on p.id = po.programme_id where po.org_id = ${orgId}`,
  );
  return row?.floor ?? instanceFloor;
}
