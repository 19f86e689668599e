import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { DomainEventBus } from '../../events.ts';
import { AppError, conflict } from '../../errors.ts';
import { createNotifications } from '../accounts/notifications.ts';
import { getProject } from './projects.ts';

/**
 * A supervisor invites a suggested student to apply: the student gets a notification linking to
 * the project. Nothing else is shared with them, and they decide whether to apply.
 */
export async function inviteToApply(
  db: Db,
  events: DomainEventBus,
  projectId: string,
  supervisorId: string,
  studentId: string,
) {
  const { project } = await getProject(db, projectId, supervisorId);
  if (project.status !== 'published')
    throw conflict('project_not_open', 'Only a published project can take applications.');
  const [student] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.id, studentId));
  if (!student || student.role !== 'student')
    throw new AppError(404, 'student_not_found', 'That student does not exist.');
  const push = await createNotifications(db, events, [
    {
      userId: studentId,
      kind: 'invited_to_apply',
      title: `${project.organisation.name} invites you to apply for “${project.title}”`,
      body: `${project.hoursPerWeek} h/week for ${project.durationWeeks} weeks.`,
      link: `/projects/${projectId}`,
    },
  ]);
  push();
  return { id: `${projectId}:${studentId}`, projectId, studentId, status: 'invited' as const };
}
