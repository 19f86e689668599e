import type { NewNotification } from '../accounts/notifications.ts';

/** What the end of a workspace tells people about. */
export type PortfolioNoticeKind = Extract<
  NewNotification['kind'],
  | 'milestone_submitted'
  | 'milestone_accepted'
  | 'milestone_changes_requested'
  | 'milestone_dropped'
  | 'workspace_completed'
  | 'feedback_received'
  | 'credential_revoked'
>;

/** A notification about the end of a workspace; typed so only those kinds are sent from here. */
export function portfolioNotice(
  item: Omit<NewNotification, 'kind'> & { kind: PortfolioNoticeKind },
): NewNotification {
  return item;
}
