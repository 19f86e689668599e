import { count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { DEMO_PASSWORD, DEMO_PEOPLE } from './demo-programme.ts';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Fills an empty database with the demo programme in one transaction; refuses a database in use. */
export async function seedDemoProgramme(db: Db) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0)
      throw new Error(
        'The database already has accounts; the demo programme is only seeded into an empty one.',
      );
    await tx.insert(users).values(
      DEMO_PEOPLE.map((person) => ({
        email: person.email,
        name: person.name,
        role: person.role,
        passwordHash,
      })),
    );
  });
  return {
    logins: DEMO_PEOPLE.map((person) => ({
      role: person.organisation ? `${person.role} (${person.organisation})` : person.role,
      email: person.email,
      password: DEMO_PASSWORD,
    })),
  };
}

export function formatDemoLogins(logins: { role: string; email: string; password: string }[]): string {
  const lines = logins.map(
    (login) => `  ${login.role.padEnd(40)} ${login.email.padEnd(34)} ${login.password}`,
  );
  return `\nDemo logins (role, email, password):\n${lines.join('\n')}\n\n`;
}
