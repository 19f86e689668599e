import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { studentAccessAnswers } from '../../db/schema.ts';
import type { AccessAnswers } from '../../../shared/schemas/programmes.ts';

/**
 * A student's own self-declared access answers. Only the student reads them; programme figures use
 * them in suppressed aggregates only; organisations and the matcher never see them.
 */
export async function getAccessAnswers(db: Db, userId: string): Promise<AccessAnswers | null> {
  const [row] = await db.select().from(studentAccessAnswers).where(eq(studentAccessAnswers.userId, userId));
  if (!row) return null;
  const { userId: _userId, updatedAt: _updatedAt, ...answers } = row;
  return answers;
}

export async function saveAccessAnswers(
  db: Db,
  userId: string,
  answers: AccessAnswers,
): Promise<AccessAnswers> {
  await db
    .insert(studentAccessAnswers)
    .values({ userId, ...answers })
    .onConflictDoUpdate({ target: studentAccessAnswers.userId, set: { ...answers, updatedAt: new Date() } });
  return answers;
}

/** Deleting removes the row itself: nothing of the answers is kept. */
export async function deleteAccessAnswers(db: Db, userId: string): Promise<void> {
  await db.delete(studentAccessAnswers).where(eq(studentAccessAnswers.userId, userId));
}
