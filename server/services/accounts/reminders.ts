import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { DomainEventBus } from '../../events.ts';
import { queueEmail } from '../../mail/outbox.ts';
import { oneLine } from '../../mail/render.ts';
import { REMINDER_DEFAULT_DAYS, type ReminderThreshold } from '../../../shared/reminders.ts';
import { createNotifications, type NewNotification } from './notifications.ts';
import { findInvitation, redeliverInvitation } from '../workspace/member-invitations.ts';
import { queryRows } from '../../db/sql-rows.ts';

/**
 * Reminders against ghosting, run by a scheduled job on every process. Each reminder is claimed by
 * inserting its (kind, subject) into reminders_sent in the transaction that writes it: the unique
 * key lets exactly one insert win, so with any number of processes (or runs) a reminder goes out
 * once. `now` is passed in, so tests drive the rules with a controlled clock.
 */

/** The threshold in days for a row whose programme is `programme` (an SQL alias), as an interval. */
function days(programme: string, key: ReminderThreshold) {
  return sql.raw(
    `(coalesce((${programme}.reminder_days->>'${key}')::numeric, ${REMINDER_DEFAULT_DAYS[key]}) * interval '1 day')`,
  );
}

/** Claims one reminder; true when this caller is the one to send it. */
async function claim(tx: Tx, kind: string, subjectId: string, now: Date): Promise<boolean> {
  const rows = await queryRows<{ kind: string }>(
    tx,
    sql`insert into reminders_sent (kind, subject_id, sent_at) values (${kind}, ${subjectId}, ${now.toISOString()})
        on conflict (kind, subject_id) do nothing returning kind`,
  );
  return rows.length > 0;
}

async function remind(
  db: Db,
  events: DomainEventBus,
  kind: string,
  subjectId: string,
  now: Date,
  notifications: Omit<NewNotification, 'kind'>[],
): Promise<boolean> {
  if (notifications.length === 0) return false;
  const push = await db.transaction(async (tx) => {
    if (!(await claim(tx, kind, subjectId, now))) return null;
    return createNotifications(
      tx,
      events,
      notifications.map((item) => ({ ...item, kind: 'reminder' as const })),
    );
  });
  push?.();
  return push !== null;
}

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;

export interface ReminderRun {
  sent: Record<string, number>;
}

export async function runReminders(db: Db, events: DomainEventBus, now: Date): Promise<ReminderRun> {
  const sent: Record<string, number> = {};
  const count = (kind: string, did: boolean) => {
    if (did) sent[kind] = (sent[kind] ?? 0) + 1;
  };

  // An application unanswered: its organisation's supervisors first, the student later.
  const waiting = await queryRows<{
    id: string;
    project_id: string;
    title: string;
    org_id: string;
    org_name: string;
    student_id: string;
    student_name: string;
    remind_supervisors: boolean;
    tell_student: boolean;
  }>(
    db,
    sql`select a.id, a.project_id, pr.title, pr.org_id, o.name as org_name, a.student_id, u.name as student_name,
          a.created_at <= ${at(now)} - ${days('p', 'applicationUnanswered')} as remind_supervisors,
          a.created_at <= ${at(now)} - ${days('p', 'applicationStudentTold')} as tell_student
        from applications a
        join projects pr on pr.id = a.project_id
        join organisations o on o.id = pr.org_id
        join users u on u.id = a.student_id
        left join programme_projects pp on pp.project_id = pr.id
        left join programmes p on p.id = pp.programme_id
        where a.status in ('submitted', 'shortlisted')
          and a.created_at <= ${at(now)} - ${days('p', 'applicationUnanswered')}`,
  );
  for (const row of waiting) {
    if (row.remind_supervisors) {
      const supervisors = await queryRows<{ user_id: string }>(
        db,
        sql`select user_id from org_supervisors where org_id = ${row.org_id}`,
      );
      count(
        'application_unanswered',
        await remind(
          db,
          events,
          'application_unanswered',
          row.id,
          now,
          supervisors.map((supervisor) => ({
            userId: supervisor.user_id,
            title: `${row.student_name} is waiting for an answer about “${row.title}”`,
            body: 'Accept or decline the application, so they can plan their time.',
            link: `/projects/${row.project_id}/applicants`,
          })),
        ),
      );
    }
    if (row.tell_student)
      count(
        'application_student_told',
        await remind(db, events, 'application_student_told', row.id, now, [
          {
            userId: row.student_id,
            title: `${row.org_name} has not answered your application for “${row.title}” yet`,
            body: 'They were reminded, but have not decided. You may want to apply to other projects as well; you can still withdraw this application.',
            link: `/applications/${row.id}`,
          },
        ]),
      );
  }

  // A milestone due tomorrow, or overdue: the interns. Due = the workspace's start + its week.
  const due = await queryRows<{ id: string; workspace_id: string; title: string; overdue: boolean }>(
    db,
    sql`select m.id, m.workspace_id, m.title,
          w.created_at + m.week * interval '7 days' <= ${at(now)} as overdue
        from workspace_milestones m
        join workspaces w on w.id = m.workspace_id
        left join programme_workspaces pw on pw.workspace_id = w.id
        left join programmes p on p.id = pw.programme_id
        where w.status = 'active' and m.week is not null and m.status in ('open', 'changes_requested')
          and w.created_at + m.week * interval '7 days' <= ${at(now)} + ${days('p', 'milestoneDueWithin')}`,
  );
  for (const row of due) {
    const interns = await membersOf(db, row.workspace_id, ['intern']);
    const kind = row.overdue ? 'milestone_overdue' : 'milestone_due';
    count(
      kind,
      await remind(
        db,
        events,
        kind,
        row.id,
        now,
        interns.map((userId) => ({
          userId,
          title: row.overdue ? `“${row.title}” is overdue` : `“${row.title}” is due tomorrow`,
          body: 'Submit it for review, or tell your supervisor in the chat what is holding it up.',
          link: `/workspaces/${row.workspace_id}`,
        })),
      ),
    );
  }

  // A submitted milestone nobody reviewed: the supervisors, once per submission.
  const unreviewed = await queryRows<{
    id: string;
    workspace_id: string;
    title: string;
    submitted_at: string;
  }>(
    db,
    sql`select m.id, m.workspace_id, m.title, m.submitted_at::text as submitted_at
        from workspace_milestones m
        join workspaces w on w.id = m.workspace_id
        left join programme_workspaces pw on pw.workspace_id = w.id
        left join programmes p on p.id = pw.programme_id
        where w.status = 'active' and m.status = 'submitted'
          and m.submitted_at <= ${at(now)} - ${days('p', 'milestoneUnreviewed')}`,
  );
  for (const row of unreviewed) {
    const supervisors = await membersOf(db, row.workspace_id, ['supervisor']);
    count(
      'milestone_unreviewed',
      await remind(
        db,
        events,
        'milestone_unreviewed',
        `${row.id}@${row.submitted_at}`,
        now,
        supervisors.map((userId) => ({
          userId,
          title: `“${row.title}” is waiting for your review`,
          body: 'Accept it or ask for changes, so the intern can carry on.',
          link: `/workspaces/${row.workspace_id}`,
        })),
      ),
    );
  }

  // Feedback not written after completion: whoever of the intern and supervisor sides has not.
  const missing = await queryRows<{ workspace_id: string; title: string; user_id: string }>(
    db,
    sql`select w.id as workspace_id, w.title, wm.user_id
        from workspaces w
        join workspace_members wm on wm.workspace_id = w.id and wm.role in ('intern', 'supervisor')
        left join programme_workspaces pw on pw.workspace_id = w.id
        left join programmes p on p.id = pw.programme_id
        where w.status = 'completed' and w.completed_at <= ${at(now)} - ${days('p', 'feedbackMissing')}
          and not exists (select 1 from workspace_feedback f where f.workspace_id = w.id and f.author_id = wm.user_id)`,
  );
  for (const row of missing)
    count(
      'feedback_missing',
      await remind(db, events, 'feedback_missing', `${row.workspace_id}:${row.user_id}`, now, [
        {
          userId: row.user_id,
          title: `Say how “${row.title}” went`,
          body: 'Your feedback is still to write; you read the other side’s once you have written yours.',
          link: `/workspaces/${row.workspace_id}`,
        },
      ]),
    );

  // An invitation not answered: sent again, once.
  const invitations = await queryRows<{ id: string }>(
    db,
    sql`select i.id from workspace_invitations i
          left join programme_workspaces pw on pw.workspace_id = i.workspace_id
          left join programmes p on p.id = pw.programme_id
          where i.created_at <= ${at(now)} - ${days('p', 'invitationResent')}
        union all
        select i.id from org_invitations i
          left join programme_organisations po on po.org_id = i.org_id
          left join programmes p on p.id = po.programme_id
          where i.created_at <= ${at(now)} - ${days('p', 'invitationResent')}`,
  );
  for (const row of invitations) {
    const invitation = await findInvitation(db, row.id);
    if (!invitation) continue;
    const push = await db.transaction(async (tx) => {
      if (!(await claim(tx, 'invitation_resent', row.id, now))) return null;
      return redeliverInvitation(tx, events, invitation);
    });
    push?.();
    count('invitation_resent', push !== null);
  }

  return { sent };
}

async function membersOf(db: Db, workspaceId: string, roles: string[]): Promise<string[]> {
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`select user_id from workspace_members where workspace_id = ${workspaceId}
        and role::text in (${sql.join(
          roles.map((role) => sql`${role}`),
          sql`, `,
        )})`,
  );
  return rows.map((row) => row.user_id);
}

/**
 * The daily digest: everything held for a person's "digest" choices goes out as one email, at most
 * once per person per (UTC) day, from `hour` o'clock on. The (digest, person:day) claim in
 * reminders_sent makes it once with any number of processes.
 */
export async function sendDigests(db: Db, events: DomainEventBus, now: Date, hour = 8): Promise<number> {
  if (now.getUTCHours() < hour) return 0;
  const day = now.toISOString().slice(0, 10);
  const people = await queryRows<{ user_id: string }>(
    db,
    sql`select distinct user_id from email_digest_items where digested_at is null and created_at <= ${at(now)}`,
  );
  let sent = 0;
  for (const person of people) {
    const did = await db.transaction(async (tx) => {
      if (!(await claim(tx, 'digest', `${person.user_id}:${day}`, now))) return false;
      const items = await queryRows<{ title: string; link: string }>(
        tx,
        sql`update email_digest_items set digested_at = ${at(now)}
            where user_id = ${person.user_id} and digested_at is null and created_at <= ${at(now)}
            returning title, link, created_at`,
      );
      const [user] = await queryRows<{ email: string; name: string }>(
        tx,
        sql`select email, name from users where id = ${person.user_id}`,
      );
      if (!user || items.length === 0) return false;
      await queueEmail(tx, {
        kind: 'digest',
        to: { address: user.email, name: oneLine(user.name, 100), userId: person.user_id },
        data: { items: items.map((item) => ({ title: item.title, path: item.link })) },
      });
      return true;
    });
    if (did) sent += 1;
  }
  if (sent > 0) events.emit('mail:queued');
  return sent;
}

/** Runs both jobs every `intervalMs` on this process (each claim keeps them once across processes). */
export function startReminderJob(options: {
  db: Db;
  events: DomainEventBus;
  intervalMs: number;
  digestHour: number;
  onError: (error: unknown) => void;
  clock?: () => Date;
}): () => void {
  const clock = options.clock ?? (() => new Date());
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = clock();
      await runReminders(options.db, options.events, now);
      await sendDigests(options.db, options.events, now, options.digestHour);
    } catch (error) {
      options.onError(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
