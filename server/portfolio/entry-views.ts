import type { deliverables, portfolioEntries, workspaceCompletions } from '../db/schema.ts';
import type {
  EntryDeliverable,
  MilestoneStatus,
  PortfolioEntry,
  PublicPortfolioEntry,
} from '../../shared/schemas/portfolio.ts';
import type { SkillLevel } from '../../shared/marketplace.ts';
import { skillName as skillLabel } from '../../shared/taxonomy/index.ts';

/** One portfolio entry with everything its views and exports are made from. */
export interface LoadedEntry {
  entry: typeof portfolioEntries.$inferSelect;
  completion: typeof workspaceCompletions.$inferSelect;
  studentName: string;
  endorser: string | null;
  projectId: string | null;
  orgId: string | null;
  /** Every deliverable of the workspace. */
  deliverables: (typeof deliverables.$inferSelect)[];
  milestones: { id: string; title: string; status: MilestoneStatus }[];
  /** Issued for this entry and not revoked. */
  credentialIds: string[];
  /** Hours a supervisor confirmed in the workspace's time log; null when none were. */
  confirmedHours: number | null;
}

/** What exports need beyond the public view: stable ids for the Open Badges achievement. */
export interface ExportEntry extends PublicPortfolioEntry {
  id: string;
  /** `urn:uuid:` of the project (or the workspace, when opened directly). */
  achievementId: string;
  /** `urn:uuid:` of the organisation (or the workspace). */
  creatorId: string;
  /** The public `/verify/<id>` page of the entry's credential in force, or null when none is. */
  verificationUrl: string | null;
  /** The credential in force, for "Add to LinkedIn" and the PDF. */
  credentialId: string | null;
}

type FileLink = (deliverable: typeof deliverables.$inferSelect) => string;

function toEntryDeliverable(
  loaded: LoadedEntry,
  row: typeof deliverables.$inferSelect,
  fileLink: FileLink,
): EntryDeliverable {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    url: row.url,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    milestone: loaded.milestones.find((milestone) => milestone.id === row.milestoneId)?.title ?? null,
    downloadUrl: row.kind === 'file' ? fileLink(row) : null,
  };
}

/**
 * What was handed in for accepted milestones: the only deliverables an entry may show. Work for a
 * dropped (or never accepted) milestone is no achievement.
 */
export function acceptedDeliverables(loaded: LoadedEntry): (typeof deliverables.$inferSelect)[] {
  const accepted = new Set(
    loaded.milestones.filter((milestone) => milestone.status === 'accepted').map((milestone) => milestone.id),
  );
  return loaded.deliverables.filter((row) => accepted.has(row.milestoneId));
}

/** The board's done cards copied at completion; entries made before cards kept ids get stand-ins. */
export function availableTasks(loaded: LoadedEntry): { id: string; title: string }[] {
  return loaded.entry.completedTasks.map((task, index) => ({
    id: task.id ?? `task-${index}`,
    title: task.title,
  }));
}

/** The cards the student picked, in the order they picked them. */
function selectedTasks(loaded: LoadedEntry): { title: string }[] {
  const byId = new Map(availableTasks(loaded).map((task) => [task.id, task]));
  return loaded.entry.taskIds
    .map((id) => byId.get(id))
    .filter((task) => task !== undefined)
    .map((task) => ({ title: task.title }));
}

/** The deliverables the student chose, in the order they chose them. */
function selected(loaded: LoadedEntry, fileLink: FileLink): EntryDeliverable[] {
  const byId = new Map(acceptedDeliverables(loaded).map((row) => [row.id, row]));
  return loaded.entry.deliverableIds
    .map((id) => byId.get(id))
    .filter((row) => row !== undefined)
    .map((row) => toEntryDeliverable(loaded, row, fileLink));
}

const memberLink: FileLink = (row) => `/api/deliverables/${row.id}/download`;
const sharedLink =
  (token: string): FileLink =>
  (row) =>
    `/api/public/entries/${token}/deliverables/${row.id}/download`;

function baseView(loaded: LoadedEntry, fileLink: FileLink): PublicPortfolioEntry {
  const { entry, completion } = loaded;
  return {
    title: entry.title,
    organisation: entry.organisation,
    studentName: loaded.studentName,
    startDate: entry.startDate,
    endDate: entry.endDate,
    summary: entry.summary,
    deliverables: selected(loaded, fileLink),
    completedTasks: selectedTasks(loaded),
    milestones: loaded.milestones
      .filter((milestone) => milestone.status !== 'dropped')
      .map(({ title, status }) => ({ title, status })),
    endorsement: { text: completion.endorsement, by: loaded.endorser },
    skills: completion.skills.map((skill) => ({
      skillId: skill.skillId,
      label: skillLabel(skill.skillId),
      level: skill.level as SkillLevel,
    })),
    credentialIds: loaded.credentialIds,
    confirmedHours: loaded.confirmedHours,
  };
}

/** For anyone holding the share link; a public entry also names its token, for linking. */
export function publicEntryView(loaded: LoadedEntry): PublicPortfolioEntry {
  const view = baseView(loaded, sharedLink(loaded.entry.shareToken));
  return loaded.entry.visibility === 'public' ? { ...view, shareToken: loaded.entry.shareToken } : view;
}

export function ownerEntryView(loaded: LoadedEntry): PortfolioEntry {
  const { entry } = loaded;
  return {
    ...baseView(loaded, memberLink),
    id: entry.id,
    workspaceId: entry.workspaceId,
    visibility: entry.visibility,
    shareToken: entry.shareToken,
    availableDeliverables: acceptedDeliverables(loaded).map((row) =>
      toEntryDeliverable(loaded, row, memberLink),
    ),
    availableTasks: availableTasks(loaded),
    taskIds: entry.taskIds.filter((taskId) => availableTasks(loaded).some((task) => task.id === taskId)),
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

/**
 * The entry as exports see it. Files link to the share route when the entry is shared and to the
 * members' route otherwise; `origin` makes those links absolute for documents read elsewhere.
 */
export function exportEntry(loaded: LoadedEntry, origin: string): ExportEntry {
  const shared = loaded.entry.visibility !== 'private';
  const link = shared ? sharedLink(loaded.entry.shareToken) : memberLink;
  const view = baseView(loaded, (row) => `${origin}${link(row)}`);
  const credentialId = loaded.credentialIds.at(-1) ?? null;
  return {
    ...view,
    credentialId,
    verificationUrl: credentialId ? `${origin}/verify/${credentialId}` : null,
    id: loaded.entry.id,
    achievementId: `urn:uuid:${loaded.projectId ?? loaded.entry.workspaceId}`,
    creatorId: `urn:uuid:${loaded.orgId ?? loaded.entry.workspaceId}`,
  };
}
