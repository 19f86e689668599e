import type { EmailContent } from '../render.ts';
import type { ActivityEmailKind } from '../../../shared/email-kinds.ts';

/** An email about something that happened in the product: it mirrors the in-app notification. */
export interface ActivityData {
  title: string;
  body?: string;
  path: string;
}

export interface InvitationData {
  inviterName: string;
  /** The workspace's or the organisation's name. */
  targetName: string;
  target: 'workspace' | 'organisation';
  role: string;
  path: string;
}

export function invitation(data: InvitationData): EmailContent {
  const where =
    data.target === 'workspace'
      ? `the workspace “${data.targetName}” as ${data.role}`
      : `the organisation “${data.targetName}” as a supervisor`;
  return {
    subject: `${data.inviterName} invites you to ${data.targetName}`,
    paragraphs: [
      `${data.inviterName} invites you to join ${where}.`,
      'Use the link below to accept. If you have no account yet, sign up with this email address and the invitation is yours.',
    ],
    action: { label: 'Open the invitation', path: data.path },
  };
}

const ACTION_LABELS: Record<Exclude<ActivityEmailKind, 'invitation'>, string> = {
  application_received: 'Review the application',
  application_decided: 'See your application',
  milestone_submitted: 'Review the milestone',
  milestone_reviewed: 'See the review',
  workspace_completed: 'Open the workspace',
  feedback_waiting: 'Write your feedback',
  mentioned: 'See where you were mentioned',
  reminder: 'Open it',
};

export function activity(kind: Exclude<ActivityEmailKind, 'invitation'>) {
  return (data: ActivityData): EmailContent => ({
    subject: data.title,
    paragraphs: [data.title, ...(data.body ? [data.body] : [])],
    action: { label: ACTION_LABELS[kind], path: data.path },
  });
}

export interface DigestData {
  items: { title: string; path: string }[];
}

export function digest(data: DigestData): EmailContent {
  const count = data.items.length;
  return {
    subject: `Your daily digest: ${count} update${count === 1 ? '' : 's'}`,
    paragraphs: [
      `Here is what happened since your last digest:`,
      ...data.items.map((item) => `• ${item.title} (${item.path})`),
    ],
    action: { label: 'See your notifications', path: '/notifications' },
  };
}
