import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../limits.ts';
import { emailSchema, signupInput } from './auth.ts';
import { ACTIVITY_EMAIL_KINDS, EMAIL_MODES } from '../email-kinds.ts';

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH);

export const tokenSchema = z.string().trim().min(1, 'The link has no token.').max(200);

export const passwordResetInput = z.strictObject({ email: emailSchema });

export const passwordResetConfirmInput = z.strictObject({
  token: tokenSchema,
  password: newPasswordSchema,
});

export const confirmEmailInput = z.strictObject({ token: tokenSchema });

export const deleteAccountInput = z.strictObject({
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
});

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH),
  newPassword: newPasswordSchema,
});

export const emailPreferencesInput = z.partialRecord(z.enum(ACTIVITY_EMAIL_KINDS), z.enum(EMAIL_MODES));

export const changeNameInput = z.strictObject({ name: signupInput.shape.name });

export const changeEmailInput = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH),
});
