import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { beforeCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import {
  orgInvitations,
  orgSupervisors,
  organisations,
  programmeOrganisations,
  users,
} from '../../db/schema.ts';
import type { OrgAccess } from '../../auth/permissions.ts';
import type { Organisation } from '../../../shared/schemas/marketplace-views.ts';
import type { createOrgInput, updateOrgInput } from '../../../shared/schemas/marketplace.ts';
import { isUuid } from '../../../shared/ids.ts';
import { AppError } from '../../errors.ts';

type OrgRow = typeof organisations.$inferSelect;

export async function getOrgAccess(db: Db, orgId: string, userId: string): Promise<OrgAccess | null> {
  if (!isUuid(orgId)) return null;
  const [row] = await db
    .select({ id: organisations.id, supervisor: orgSupervisors.userId })
    .from(organisations)
    .leftJoin(
      orgSupervisors,
      and(eq(orgSupervisors.orgId, organisations.id), eq(orgSupervisors.userId, userId)),
    )
    .where(eq(organisations.id, orgId));
  return row ? { orgId, isSupervisor: row.supervisor !== null } : null;
}

/** Verified when the staff of a programme it belongs to checked it. */
async function isOrgVerified(db: Db, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ orgId: programmeOrganisations.orgId })
    .from(programmeOrganisations)
    .where(and(eq(programmeOrganisations.orgId, orgId), isNotNull(programmeOrganisations.verifiedAt)))
    .limit(1);
  return row !== undefined;
}

async function toOrganisation(db: Db, row: OrgRow, withTeam: boolean): Promise<Organisation> {
  const org: Organisation = {
    id: row.id,
    name: row.name,
    sector: row.sector,
    size: row.size,
    location: row.location,
    workMode: row.workMode,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    verified: await isOrgVerified(db, row.id),
  };
  if (!withTeam) return org;
  org.supervisors = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(orgSupervisors)
    .innerJoin(users, eq(users.id, orgSupervisors.userId))
    .where(eq(orgSupervisors.orgId, row.id))
    .orderBy(asc(orgSupervisors.addedAt));
  org.invitations = await db
    .select({ id: orgInvitations.id, email: orgInvitations.email })
    .from(orgInvitations)
    .where(eq(orgInvitations.orgId, row.id));
  return org;
}

/** Registers a business partner; the person registering becomes its first supervisor. */
export async function registerOrganisation(
  db: Db,
  userId: string,
  input: z.output<typeof createOrgInput>,
): Promise<Organisation> {
  const row = await db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({ ...input, createdBy: userId })
      .returning();
    await tx.insert(orgSupervisors).values({ orgId: org!.id, userId });
    return org!;
  });
  return toOrganisation(db, row, true);
}

export async function updateOrganisation(
  db: Db,
  access: OrgAccess,
  input: z.output<typeof updateOrgInput>,
): Promise<Organisation> {
  const [row] = await db
    .update(organisations)
    .set(input)
    .where(eq(organisations.id, access.orgId))
    .returning();
  if (!row) throw new AppError(404, 'org_not_found', 'That organisation does not exist.');
  return toOrganisation(db, row, true);
}

export async function getOrganisation(db: Db, access: OrgAccess): Promise<Organisation> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, access.orgId));
  if (!row) throw new AppError(404, 'org_not_found', 'That organisation does not exist.');
  return toOrganisation(db, row, access.isSupervisor);
}

/** The organisations the user supervises, newest first, a page at a time. */
export async function listMyOrganisations(
  db: Db,
  userId: string,
  page: PageQuery,
): Promise<Page<Organisation>> {
  const rows = await db
    .select({ org: organisations })
    .from(orgSupervisors)
    .innerJoin(organisations, eq(organisations.id, orgSupervisors.orgId))
    .where(
      and(
        eq(orgSupervisors.userId, userId),
        beforeCursor(organisations.createdAt, organisations.id, readCursor(page.cursor)),
      ),
    )
    .orderBy(desc(organisations.createdAt), desc(organisations.id))
    .limit(page.limit + 1);
  const shaped = toPageAt(
    rows,
    page.limit,
    (row) => row.org,
    (row) => row.org,
  );
  return {
    items: await Promise.all(shaped.items.map((org) => toOrganisation(db, org, true))),
    next: shaped.next,
  };
}
