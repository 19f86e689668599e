/**
 * The reminders against ghosting and their default thresholds in days. A programme may set its own
 * (programmes.reminder_days); anything it leaves out keeps the default.
 */
export const REMINDER_DEFAULT_DAYS = {
  /** An application nobody answered: the organisation's supervisors are reminded. */
  applicationUnanswered: 5,
  /** Still unanswered: the student is told honestly where it stands. */
  applicationStudentTold: 10,
  /** A milestone this close to its due date (or past it) reminds the intern. */
  milestoneDueWithin: 1,
  /** A submitted milestone nobody reviewed reminds the supervisors. */
  milestoneUnreviewed: 3,
  /** Feedback not written this long after completion reminds whoever has not written it. */
  feedbackMissing: 3,
  /** An invitation not answered is sent again, once. */
  invitationResent: 3,
} as const;

export type ReminderThreshold = keyof typeof REMINDER_DEFAULT_DAYS;
