import type { EmailContent } from '../render.ts';

export interface ProgrammeStaffInvitationData {
  inviterName: string;
  programmeName: string;
  /** The address invited: signing up with it claims the invitation. */
  email: string;
}

/** Someone with no account yet is asked to join a programme's staff. */
export function programmeStaffInvitation(data: ProgrammeStaffInvitationData): EmailContent {
  return {
    subject: `${data.inviterName} invites you to run ${data.programmeName} on Stint`,
    paragraphs: [
      `${data.inviterName} invites you to join the staff of “${data.programmeName}”: you will see its figures, invite organisations and students, and keep its marketplace safe.`,
      'Sign up with this email address using the link below; the programme is yours as soon as you sign in.',
    ],
    action: { label: 'Sign up and join the staff', path: `/signup?email=${encodeURIComponent(data.email)}` },
  };
}
