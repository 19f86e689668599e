import type { EmailContent } from '../render.ts';

export interface PasswordResetData {
  name: string;
  token: string;
}

export function passwordReset(data: PasswordResetData): EmailContent {
  return {
    subject: 'Reset your password',
    paragraphs: [
      `Hello ${data.name},`,
      'Someone asked to reset the password of your account. If it was you, choose a new password with the link below. It works once and for one hour. Resetting signs you out everywhere.',
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ],
    action: {
      label: 'Choose a new password',
      path: `/reset-password?token=${encodeURIComponent(data.token)}`,
    },
    security: true,
  };
}

export interface EmailConfirmationData {
  name: string;
  token: string;
}

export function emailConfirmation(data: EmailConfirmationData): EmailContent {
  return {
    subject: 'Confirm your email address',
    paragraphs: [
      `Hello ${data.name},`,
      'Confirm that this address is yours, so people can invite you and you get news about your work. The link works for 48 hours.',
      'If you did not sign up or change your address, ignore this email.',
    ],
    action: { label: 'Confirm this address', path: `/confirm-email?token=${encodeURIComponent(data.token)}` },
    security: true,
  };
}

export interface AccountDeletedData {
  name: string;
}

export function accountDeleted(data: AccountDeletedData): EmailContent {
  return {
    subject: 'Your account was deleted',
    paragraphs: [
      `Hello ${data.name},`,
      'Your account and its personal data were deleted as you asked. Chat messages and brief edits stay in their workspaces under “former member”; credentials already issued to you stay verifiable.',
      'This is the last email you get from us.',
    ],
    security: true,
  };
}

export interface AccountExistsData {
  name: string;
}

/** Someone signed up with an address that has an account: its owner is told, the signer is not. */
export function accountExists(data: AccountExistsData): EmailContent {
  return {
    subject: 'Someone tried to sign up with your address',
    paragraphs: [
      `Hello ${data.name},`,
      'Someone tried to create a new account with this email address, which already has one. If it was you, sign in instead; if you forgot your password, reset it from the sign-in page.',
      'If it was not you, you need do nothing: no second account was made and nothing changed.',
    ],
    action: { label: 'Sign in', path: '/login' },
    security: true,
  };
}

export interface EmailChangedData {
  name: string;
  newAddress: string;
}

/** The old address hears that the account asked to move to another one. */
export function emailChanged(data: EmailChangedData): EmailContent {
  return {
    subject: 'Your account’s email address is changing',
    paragraphs: [
      `Hello ${data.name},`,
      `Your account asked to use ${data.newAddress} from now on. The change takes effect once that address is confirmed from the link sent to it; until then this address stays in use.`,
      'If you did not ask for this, reset your password now: it signs you out everywhere.',
    ],
    action: { label: 'Reset your password', path: '/forgot-password' },
    security: true,
  };
}
