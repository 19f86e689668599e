import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { accountTokens } from '../../db/schema.ts';

export type TokenPurpose = (typeof accountTokens.$inferSelect)['purpose'];

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  password_reset: 60 * 60 * 1000,
  email_confirmation: 48 * 60 * 60 * 1000,
};

function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Makes a 256-bit random token; stores only its hash. Returns the token to email. */
export async function issueAccountToken(
  db: Db | Tx,
  input: { userId: string; purpose: TokenPurpose; email: string },
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(accountTokens).values({
    ...input,
    tokenHash: hashAccountToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
  });
  return token;
}

/**
 * Uses a token once: inside the caller's transaction it marks the row used, so of two requests with
 * the same token only one finds it unused. Null for an unknown, used or expired token.
 */
export async function consumeAccountToken(tx: Tx, purpose: TokenPurpose, token: string) {
  if (token.length < 20 || token.length > 100) return null;
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.tokenHash, hashAccountToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .returning();
  return row ?? null;
}

/** Makes every other outstanding token of this purpose unusable (a reset used, an address changed). */
export async function retireAccountTokens(tx: Tx, userId: string, purpose: TokenPurpose): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)),
    );
}
