import { z } from 'zod';
import { storable, text } from './text.ts';
import { skillInput } from './marketplace.ts';
import type { SkillLevel } from '../marketplace.ts';

/**
 * The end of a workspace's life: deliverables, milestone reviews, completion, two-way feedback,
 * the student's portfolio and its exports. Limits and payloads both ends agree on.
 */

/** Largest deliverable file; multipart uploads are not bound by MAX_JSON_BODY_BYTES. */
export const MAX_DELIVERABLE_BYTES = 20 * 1024 * 1024;

/** Room for the multipart framing and text fields around the file. */
export const MAX_DELIVERABLE_OVERHEAD_BYTES = 64 * 1024;

/**
 * The file types a deliverable may have, by extension. `magic` names the signature the first bytes
 * must carry (checked on the server, whatever type the browser claims); `text` files must be UTF-8.
 */
export const DELIVERABLE_TYPES = {
  pdf: { mime: 'application/pdf', magic: 'pdf' },
  png: { mime: 'image/png', magic: 'png' },
  jpg: { mime: 'image/jpeg', magic: 'jpeg' },
  jpeg: { mime: 'image/jpeg', magic: 'jpeg' },
  webp: { mime: 'image/webp', magic: 'webp' },
  gif: { mime: 'image/gif', magic: 'gif' },
  txt: { mime: 'text/plain', magic: 'text' },
  md: { mime: 'text/markdown', magic: 'text' },
  csv: { mime: 'text/csv', magic: 'text' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: 'zip',
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: 'zip',
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', magic: 'odf' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', magic: 'odf' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', magic: 'odf' },
  zip: { mime: 'application/zip', magic: 'zip' },
} as const satisfies Record<string, { mime: string; magic: string }>;
export type DeliverableExtension = keyof typeof DELIVERABLE_TYPES;
export type MagicKind = (typeof DELIVERABLE_TYPES)[DeliverableExtension]['magic'];

/** For the file picker's `accept` attribute. */
export const DELIVERABLE_ACCEPT = Object.keys(DELIVERABLE_TYPES)
  .map((extension) => `.${extension}`)
  .join(',');

const line = (max: number) => text().trim().min(1).max(max);
const isoDate = z.iso.date({ message: 'Use a date like 2026-09-01.' });
const uuid = z.uuid({ message: 'Not an id.' });

/** The text fields sent with a file (multipart/form-data). */
export const fileDeliverableFields = z.strictObject({
  title: line(200).optional(),
  milestoneId: uuid,
  kind: z.literal('file').optional(),
});

/**
 * A link as it is stored and later published (portfolio, Markdown, PDF, the credential's evidence
 * id): the WHATWG serialisation of an http(s) URL, so a space or `#frag ment` is percent-encoded and
 * every consumer reads one unambiguous IRI. Null when it is no such URL, or carries a user name or
 * password (which would be published with it).
 */
export function normaliseLinkUrl(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  return /[\s\u0000-\u001f\u007f]/.test(url.href) ? null : url.href;
}

const MAX_LINK_URL = 2000;
const linkUrl = storable(z.string())
  .trim()
  .min(1, 'Give the address of the link.')
  .max(MAX_LINK_URL)
  .transform((value, context) => {
    const normalised = normaliseLinkUrl(value);
    if (normalised && normalised.length <= MAX_LINK_URL) return normalised;
    context.addIssue({
      code: 'custom',
      message: 'Use a complete http:// or https:// address, without a password.',
    });
    return z.NEVER;
  });

export const linkDeliverableInput = z.strictObject({
  kind: z.literal('link', { message: 'Send a file as multipart/form-data, or a link as {kind: "link"}.' }),
  title: line(200),
  url: linkUrl,
  milestoneId: uuid,
});

/** `dropped`: taken out of the internship by a supervisor, with a reason; never claimed as work done. */
export const MILESTONE_STATUSES = ['open', 'submitted', 'accepted', 'changes_requested', 'dropped'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const createMilestoneInput = z.strictObject({
  title: line(200),
  week: z.number().int().min(1).max(52).nullable().optional(),
});

export const requestChangesInput = z.strictObject({
  comment: line(2000),
});

export const dropMilestoneInput = z.strictObject({
  reason: text().trim().min(10, 'Say in at least 10 characters why the milestone is dropped.').max(2000),
});

/** One step of a milestone's review, kept for good: nothing a supervisor said is lost on resubmission. */
export const MILESTONE_REVIEW_KINDS = ['submitted', 'changes_requested', 'accepted', 'dropped'] as const;
export type MilestoneReviewKind = (typeof MILESTONE_REVIEW_KINDS)[number];

export interface MilestoneReviewStep {
  kind: MilestoneReviewKind;
  /** The supervisor's comment (changes requested) or reason (dropped); null otherwise. */
  comment: string | null;
  actor: { name: string } | null;
  createdAt: string;
}

export const completeWorkspaceInput = z
  .strictObject({
    endorsement: text().trim().min(20, 'Write an endorsement of at least 20 characters.').max(3000),
    skills: z.array(skillInput).min(1, 'Verify at least one skill.').max(20),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
  })
  .refine((input) => !input.startDate || !input.endDate || input.startDate <= input.endDate, {
    message: 'The end date must not be before the start date.',
    path: ['endDate'],
  });

export const reopenCompletionInput = z.strictObject({
  reason: text().trim().min(10, 'Say in at least 10 characters why the completion is re-opened.').max(2000),
});

export const feedbackInput = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: line(2000),
});

/** How long one side's feedback stays hidden when the other side never writes theirs. */
export const FEEDBACK_REVEAL_DAYS = 14;

export const ENTRY_VISIBILITIES = ['private', 'unlisted', 'public'] as const;
export type EntryVisibility = (typeof ENTRY_VISIBILITIES)[number];

/** Strict: the endorsement and verified skills belong to the supervisor and cannot be sent here. */
export const updateEntryInput = z.strictObject({
  summary: text().trim().max(5000).optional(),
  visibility: z.enum(ENTRY_VISIBILITIES).optional(),
  deliverableIds: z.array(uuid).max(50).optional(),
  /** Board cards (from `availableTasks`) to show, in order; none is shown until picked. */
  taskIds: z.array(text().min(1).max(100)).max(200).optional(),
});

export const HANDLE_PATTERN = /^[a-z0-9-]{3,40}$/;
export const handleInput = z.strictObject({
  handle: text().trim().toLowerCase().regex(HANDLE_PATTERN, 'Use 3–40 lowercase letters, digits or hyphens.'),
});

export const ENTRY_EXPORT_FORMATS = ['pdf', 'md', 'json-resume', 'ob3'] as const;
export const PORTFOLIO_EXPORT_FORMATS = ['pdf', 'md', 'json-resume'] as const;
export type EntryExportFormat = (typeof ENTRY_EXPORT_FORMATS)[number];
export const entryExportQuery = z.object({ format: z.enum(ENTRY_EXPORT_FORMATS) });
export const portfolioExportQuery = z.object({ format: z.enum(PORTFOLIO_EXPORT_FORMATS) });

export interface Deliverable {
  id: string;
  workspaceId: string;
  milestoneId: string;
  kind: 'file' | 'link';
  title: string;
  /** For links. */
  url: string | null;
  /** For files. */
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  /** Members download here; null for links. */
  downloadUrl: string | null;
  author: { id: string; name: string } | null;
  createdAt: string;
}

export interface WorkspaceMilestone {
  id: string;
  workspaceId: string;
  position: number;
  title: string;
  week: number | null;
  status: MilestoneStatus;
  /** The supervisor's comment when changes were requested, or why it was dropped. */
  comment: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  /** Every submission and review, oldest first. */
  history: MilestoneReviewStep[];
  createdAt: string;
  updatedAt: string;
}

export interface VerifiedSkill {
  skillId: string;
  label: string;
  level: SkillLevel;
}

export interface WorkspaceCompletion {
  workspaceId: string;
  status: 'completed';
  completedAt: string;
  endorsement: string;
  skills: VerifiedSkill[];
  startDate: string;
  endDate: string;
  /** One portfolio entry per intern. */
  entries: { id: string; studentId: string }[];
}

/** A completion undone for a correction; its credentials are revoked. */
export interface CompletionReopening {
  id: string;
  workspaceId: string;
  status: 'active';
  reason: string;
  reopenedAt: string;
  revokedCredentialIds: string[];
}

export interface FeedbackItem {
  rating: number;
  comment: string;
  side: 'intern' | 'supervisor';
  author: { name: string };
  createdAt: string;
}

export interface FeedbackView {
  mine: FeedbackItem | null;
  /** The other side's feedback; null while hidden (until you both wrote, or `hiddenUntil`). */
  theirs: FeedbackItem[] | null;
  hiddenUntil: string | null;
}

/** A deliverable as shown in a portfolio: public views link files through the share token. */
export interface EntryDeliverable {
  id: string;
  kind: 'file' | 'link';
  title: string;
  url: string | null;
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  milestone: string | null;
  downloadUrl: string | null;
}

/** What anyone holding the link (or visiting the public portfolio) sees. No email, no user ids. */
export interface PublicPortfolioEntry {
  title: string;
  organisation: string;
  studentName: string;
  startDate: string;
  endDate: string;
  summary: string;
  deliverables: EntryDeliverable[];
  /** The board cards the student chose to show. */
  completedTasks: { title: string }[];
  milestones: { title: string; status: MilestoneStatus }[];
  endorsement: { text: string; by: string | null };
  skills: VerifiedSkill[];
  /** Credentials issued for this entry and not revoked, for the /verify/<id> page. */
  credentialIds: string[];
  /** Hours of work a supervisor confirmed in the time log; null when the time log was not used. */
  confirmedHours: number | null;
  /** Present on public entries (their page links them); absent on an unlisted one. */
  shareToken?: string;
}

/** The owner's view: everything public plus what only they manage. */
export interface PortfolioEntry extends PublicPortfolioEntry {
  id: string;
  workspaceId: string;
  visibility: EntryVisibility;
  shareToken: string;
  /** What was handed in for accepted milestones, to choose from. */
  availableDeliverables: EntryDeliverable[];
  /** The board's done cards at completion, to choose from. */
  availableTasks: { id: string; title: string }[];
  /** The cards chosen (ids from `availableTasks`), in order; shown as `completedTasks`. */
  taskIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface PublicPortfolio {
  handle: string;
  name: string;
  entries: PublicPortfolioEntry[];
}

export type CredentialStatus = 'valid' | 'tampered' | 'revoked';

export const statusListParams = z.object({ list: z.coerce.number().int().min(1).max(1_000_000) });

/**
 * How big a credential `POST /api/credentials/verify` looks at. A credential Stint issues is a few
 * kilobytes, a few levels deep, with short arrays; canonicalising an arbitrary JSON-LD document costs
 * far more than parsing it, so anything beyond these bounds is refused before that work starts.
 */
export const CREDENTIAL_LIMITS = {
  bytes: 64 * 1024,
  depth: 16,
  /** Values (objects, arrays, strings, numbers, …) in the whole document. */
  nodes: 4000,
  arrayItems: 200,
  objectKeys: 100,
  stringLength: 20_000,
} as const;

/** The first bound `value` breaks, as a message naming where, or null within bounds. */
export function credentialOutOfBounds(value: unknown): string | null {
  const limits = CREDENTIAL_LIMITS;
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 1, path: '(body)' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    nodes += 1;
    if (nodes > limits.nodes) return `The credential has more than ${limits.nodes} values.`;
    if (depth > limits.depth) return `${path}: nested deeper than ${limits.depth} levels.`;
    if (typeof current === 'string' && current.length > limits.stringLength)
      return `${path}: longer than ${limits.stringLength} characters.`;
    if (Array.isArray(current)) {
      if (current.length > limits.arrayItems) return `${path}: more than ${limits.arrayItems} items.`;
      current.forEach((item, index) =>
        stack.push({ value: item, depth: depth + 1, path: `${path}[${index}]` }),
      );
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      if (entries.length > limits.objectKeys) return `${path}: more than ${limits.objectKeys} fields.`;
      for (const [key, item] of entries)
        stack.push({ value: item, depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return null;
}

/** `POST /api/credentials/verify` takes the credential itself as the body, within CREDENTIAL_LIMITS. */
export const credentialBody = z
  .record(text(), z.unknown(), {
    message: 'Send the credential (a JSON object) as the body.',
  })
  .superRefine((credential, context) => {
    const problem = credentialOutOfBounds(credential);
    if (problem)
      context.addIssue({ code: 'custom', message: `Not a credential Stint could have issued. ${problem}` });
  });
