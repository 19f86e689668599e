import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { afterCursor, beforeCursor, readCursor, toPageAt, type Page } from '../../db/pagination.ts';
import type { PageQuery } from '../../../shared/schemas/pagination.ts';
import { reports, users } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import type { ReportStatus, ReportTarget } from '../../../shared/moderation.ts';
import type { Report, fileReportInput, resolveReportInput } from '../../../shared/schemas/moderation.ts';
import { AppError, conflict } from '../../errors.ts';
import { isUuid } from '../../../shared/ids.ts';
import { recordAudit } from './moderation-audit.ts';
import { createNotifications } from '../accounts/notifications.ts';
import { queryRows } from '../../db/sql-rows.ts';
import type { Actor } from './programme-moderation.ts';

const targetNotFound = () =>
  new AppError(404, 'report_target_not_found', 'There is nothing of that kind you can see to report.');

/**
 * What the reporter can see of the target, and the programme whose staff handle it (null: the
 * instance admin). A message can be reported only by a member of its workspace; a project only
 * when it is not a draft (or the reporter's own organisation's).
 */
async function resolveTarget(
  db: Db,
  reporterId: string,
  type: ReportTarget,
  id: string,
): Promise<{ label: string; programmeId: string | null } | undefined> {
  const statements: Record<ReportTarget, SQL> = {
    project: sql`select p.title as label, pp.programme_id from projects p
      left join programme_projects pp on pp.project_id = p.id
      where p.id = ${id} and (p.status <> 'draft'
        or exists (select 1 from org_supervisors os where os.org_id = p.org_id and os.user_id = ${reporterId}))`,
    organisation: sql`select o.name as label, po.programme_id from organisations o
      left join programme_organisations po on po.org_id = o.id where o.id = ${id}`,
    message: sql`select left(m.body, 200) as label, pw.programme_id from chat_messages m
      join workspace_members wm on wm.workspace_id = m.workspace_id and wm.user_id = ${reporterId}
      left join programme_workspaces pw on pw.workspace_id = m.workspace_id where m.id = ${id}`,
    // A person belongs to the programme they study in or whose organisation they supervise.
    person: sql`select u.name as label, coalesce(
        (select ps.programme_id from programme_students ps where ps.user_id = u.id order by ps.joined_at limit 1),
        (select po.programme_id from org_supervisors os join programme_organisations po on po.org_id = os.org_id
         where os.user_id = u.id order by po.joined_at limit 1)) as programme_id
      from users u where u.id = ${id} and u.id <> ${reporterId}`,
  };
  const [row] = await queryRows<{ label: string; programme_id: string | null }>(db, statements[type]);
  return row && { label: row.label, programmeId: row.programme_id };
}

export async function fileReport(
  db: Db,
  reporterId: string,
  input: z.output<typeof fileReportInput>,
): Promise<Report> {
  if (!isUuid(input.targetId)) throw targetNotFound();
  const target = await resolveTarget(db, reporterId, input.targetType, input.targetId);
  if (!target) throw targetNotFound();
  const [row] = await db
    .insert(reports)
    .values({
      programmeId: target.programmeId,
      reporterId,
      targetType: input.targetType,
      targetId: input.targetId,
      targetLabel: target.label,
      reason: input.reason,
    })
    .returning();
  const [reporter] = await db.select({ name: users.name }).from(users).where(eq(users.id, reporterId));
  return toReport(row!, { id: reporterId, name: reporter!.name });
}

function toReport(row: typeof reports.$inferSelect, reporter: { id: string; name: string }): Report {
  return {
    id: row.id,
    programmeId: row.programmeId,
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    reason: row.reason,
    status: row.status,
    outcome: row.outcome,
    reporter,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

/**
 * The queue of a programme (or, with `null`, the reports about things in no programme, which the
 * instance admin handles), a page at a time: open ones oldest first (the longest waiting on top);
 * closed ones, or all of them, newest first.
 */
export async function listReports(
  db: Db,
  programmeId: string | null,
  status: ReportStatus | undefined,
  page: PageQuery,
): Promise<Page<Report>> {
  const cursor = readCursor(page.cursor);
  const oldestFirst = status === 'open';
  const rows = await db
    .select({ report: reports, reporter: { id: users.id, name: users.name } })
    .from(reports)
    .innerJoin(users, eq(users.id, reports.reporterId))
    .where(
      and(
        programmeId ? eq(reports.programmeId, programmeId) : isNull(reports.programmeId),
        status ? eq(reports.status, status) : undefined,
        oldestFirst
          ? afterCursor(reports.createdAt, reports.id, cursor)
          : beforeCursor(reports.createdAt, reports.id, cursor),
      ),
    )
    .orderBy(
      ...(oldestFirst
        ? [asc(reports.createdAt), asc(reports.id)]
        : [desc(reports.createdAt), desc(reports.id)]),
    )
    .limit(page.limit + 1);
  return toPageAt(
    rows,
    page.limit,
    (row) => row.report,
    (row) => toReport(row.report, row.reporter),
  );
}

/**
 * Closes a report as dismissed or acted on, writes the audit row, and tells the reporter the
 * outcome (stored, then pushed live once the transaction has committed).
 */
export async function resolveReport(
  db: Db,
  events: DomainEventBus,
  programmeId: string | null,
  actor: Actor,
  reportId: string,
  input: z.output<typeof resolveReportInput>,
): Promise<Report> {
  if (!isUuid(reportId)) throw new AppError(404, 'report_not_found', 'That report does not exist.');
  const { report, push } = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ report: reports, reporter: { id: users.id, name: users.name } })
      .from(reports)
      .innerJoin(users, eq(users.id, reports.reporterId))
      .where(
        and(
          eq(reports.id, reportId),
          programmeId ? eq(reports.programmeId, programmeId) : isNull(reports.programmeId),
        ),
      )
      .for('update');
    if (!row) throw new AppError(404, 'report_not_found', 'That report does not exist.');
    if (row.report.status !== 'open')
      throw conflict('report_closed', 'That report has already been handled.');
    const [updated] = await tx
      .update(reports)
      .set({ status: input.outcome, outcome: input.reason, resolvedBy: actor.id, resolvedAt: new Date() })
      .where(eq(reports.id, reportId))
      .returning();
    await recordAudit(tx, {
      programmeId,
      actor,
      action: input.outcome === 'dismissed' ? 'report_dismissed' : 'report_actioned',
      target: { type: 'report', id: reportId, label: `${row.report.targetType}: ${row.report.targetLabel}` },
      reason: input.reason,
    });
    const push = await createNotifications(tx, events, [
      {
        userId: row.reporter.id,
        kind: 'report_resolved',
        title:
          input.outcome === 'dismissed'
            ? `Your report about “${row.report.targetLabel.slice(0, 80)}” was reviewed: no action taken`
            : `Your report about “${row.report.targetLabel.slice(0, 80)}” was acted on`,
        body: input.reason,
        link: '/notifications',
      },
    ]);
    return { report: toReport(updated!, row.reporter), push };
  });
  push();
  return report;
}
