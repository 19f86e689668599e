import type { EmailContent } from '../render.ts';
import type { EmailKind } from '../../../shared/email-kinds.ts';
import {
  accountDeleted,
  accountExists,
  emailChanged,
  type AccountExistsData,
  type EmailChangedData,
  emailConfirmation,
  passwordReset,
  type AccountDeletedData,
  type EmailConfirmationData,
  type PasswordResetData,
} from './account.ts';
import {
  activity,
  digest,
  invitation,
  type ActivityData,
  type DigestData,
  type InvitationData,
} from './activity.ts';

import { programmeStaffInvitation, type ProgrammeStaffInvitationData } from './programme.ts';

/** What each kind's template needs; the outbox stores exactly this as the row's data. */
export interface EmailData {
  password_reset: PasswordResetData;
  email_confirmation: EmailConfirmationData;
  account_deleted: AccountDeletedData;
  account_exists: AccountExistsData;
  email_changed: EmailChangedData;
  invitation: InvitationData;
  application_received: ActivityData;
  application_decided: ActivityData;
  milestone_submitted: ActivityData;
  milestone_reviewed: ActivityData;
  workspace_completed: ActivityData;
  feedback_waiting: ActivityData;
  mentioned: ActivityData;
  reminder: ActivityData;
  digest: DigestData;
  programme_staff_invitation: ProgrammeStaffInvitationData;
}

export const TEMPLATES: { [K in EmailKind]: (data: EmailData[K]) => EmailContent } = {
  password_reset: passwordReset,
  email_confirmation: emailConfirmation,
  account_deleted: accountDeleted,
  account_exists: accountExists,
  email_changed: emailChanged,
  invitation,
  application_received: activity('application_received'),
  application_decided: activity('application_decided'),
  milestone_submitted: activity('milestone_submitted'),
  milestone_reviewed: activity('milestone_reviewed'),
  workspace_completed: activity('workspace_completed'),
  feedback_waiting: activity('feedback_waiting'),
  mentioned: activity('mentioned'),
  reminder: activity('reminder'),
  digest,
  programme_staff_invitation: programmeStaffInvitation,
};
