import { z } from 'zod';
import { text } from './text.ts';
import { NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../limits.ts';
import { SIGNUP_ROLES, type AccountRole } from '../roles.ts';

export const emailSchema = text()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address.' }))
  .transform((email) => email.toLowerCase());

export const signupInput = z.strictObject({
  email: emailSchema,
  password: text()
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH),
  name: text().trim().min(1, 'Enter your name.').max(NAME_MAX_LENGTH),
  role: z.enum(SIGNUP_ROLES, { message: 'Choose student, supervisor or mentor.' }),
});
export type SignupInput = z.infer<typeof signupInput>;

export const loginInput = z.strictObject({
  email: emailSchema,
  password: text().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.infer<typeof loginInput>;

/** What `GET /api/me` and the auth routes answer with. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  createdAt: string;
  /** Whether the address was confirmed through the emailed link (unconfirmed accounts see a banner). */
  emailConfirmed?: boolean;
}
