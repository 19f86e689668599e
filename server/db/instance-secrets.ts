import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { instanceSecrets } from './schema.ts';

/**
 * Returns the secret stored under `name`, creating it on first use. Kept in the database so every
 * process of one instance agrees, and restarts keep sessions valid.
 */
export async function getOrCreateInstanceSecret(
  db: Db,
  name: string,
  create: () => string = () => randomBytes(32).toString('base64url'),
): Promise<string> {
  await db.insert(instanceSecrets).values({ name, value: create() }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, name));
  if (!row) throw new Error(`instance secret ${name} vanished after insert`);
  return row.value;
}
