/** Account roles. `admin` is never chosen at signup: it comes from a script or config. */
export const ACCOUNT_ROLES = ['student', 'supervisor', 'mentor', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const SIGNUP_ROLES = ['student', 'supervisor', 'mentor'] as const;
export type SignupRole = (typeof SIGNUP_ROLES)[number];

export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = {
  student: 'Student',
  supervisor: 'Business supervisor',
  mentor: 'Mentor',
  admin: 'Programme admin',
};
