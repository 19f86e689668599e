import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';
import { users } from '../../server/db/schema.ts';
import { tokenFrom, type TestMailServer } from './mail.ts';

/**
 * The database behind each base URL a test talks to, so factories can do what a person does with
 * their mailbox (confirm their address) without every test running an SMTP server.
 */
const DATABASES = new Map<string, Db>();

export function registerDatabase(baseUrl: string, db: Db): void {
  DATABASES.set(baseUrl, db);
}

const MAILBOXES = new Map<string, TestMailServer>();

/** For servers in another process (whose database the test cannot open): confirm through the email. */
export function registerMailbox(baseUrl: string, mail: TestMailServer): void {
  MAILBOXES.set(baseUrl, mail);
}

export function forgetDatabase(baseUrl: string): void {
  DATABASES.delete(baseUrl);
}

/**
 * Marks the person's address confirmed, as following the emailed link does (the link itself is
 * tested in email-confirmation.test.ts).
 */
export async function confirmAddress(person: {
  baseUrl: string;
  user: { id: string; email: string };
  post: (path: string, body?: unknown) => Promise<{ status: number }>;
}): Promise<void> {
  const mailbox = MAILBOXES.get(person.baseUrl);
  if (mailbox) {
    const email = await mailbox.waitForTo(person.user.email, 'email_confirmation');
    const confirmed = await person.post('/api/auth/confirm-email', { token: tokenFrom(email) });
    if (confirmed.status !== 200) throw new Error(`confirming failed: ${confirmed.status}`);
    return;
  }
  const db = DATABASES.get(person.baseUrl);
  if (!db) throw new Error(`no database or mailbox registered for ${person.baseUrl}`);
  await db
    .update(users)
    .set({ emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())` })
    .where(eq(users.id, person.user.id));
}
