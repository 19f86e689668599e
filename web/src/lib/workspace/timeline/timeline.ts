import type { Task } from '$shared/doc-layout.ts';
import type { MilestoneStatus, WorkspaceMilestone } from '$shared/schemas/portfolio.ts';
import { daysBetween } from '../../format/dates.ts';

/**
 * The project's plan week by week: milestones (due at the end of their project week) and board
 * cards with a due date. Week 1 is the seven days from the day the workspace opened, because
 * milestones are written as "week 3" of the project, not as calendar weeks.
 */

export type TimelineItem =
  | {
      kind: 'milestone';
      id: string;
      title: string;
      /** Calendar day the milestone falls due: the last day of its week. */
      due: string | null;
      week: number | null;
      status: MilestoneStatus;
      overdue: boolean;
    }
  | { kind: 'card'; id: string; title: string; due: string; done: boolean; column: string; overdue: boolean };

export interface TimelineWeek {
  number: number;
  startsOn: string;
  endsOn: string;
  /** Today falls in this week; `todayOffset` is how far through it (0 = its first day, 6/7 = its last). */
  current: boolean;
  todayOffset: number;
  items: TimelineItem[];
}

export interface Timeline {
  weeks: TimelineWeek[];
  /** Cards due before the project started. */
  earlier: TimelineItem[];
  /** Items past the last week shown, and milestones without a week. */
  later: TimelineItem[];
  overdueCount: number;
}

/** A runaway date (a card due in 2099) must not draw two thousand empty weeks. */
export const MAX_WEEKS = 78;

/** Milestones still waiting for the intern's work; submitted ones wait on the supervisor instead. */
const OPEN_MILESTONE: ReadonlySet<MilestoneStatus> = new Set(['open', 'changes_requested']);

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const weekOf = (startedOn: string, day: string) => Math.floor(daysBetween(startedOn, day) / 7) + 1;

export function buildTimeline(input: {
  startedOn: string;
  today: string;
  milestones: readonly WorkspaceMilestone[];
  tasks: readonly Task[];
}): Timeline {
  const { startedOn, today } = input;
  const items: TimelineItem[] = [
    ...input.milestones.map((milestone): TimelineItem => {
      const due = milestone.week === null ? null : addDays(startedOn, milestone.week * 7 - 1);
      return {
        kind: 'milestone',
        id: milestone.id,
        title: milestone.title,
        due,
        week: milestone.week,
        status: milestone.status,
        overdue: due !== null && due < today && OPEN_MILESTONE.has(milestone.status),
      };
    }),
    ...input.tasks
      .filter((task): task is Task & { due: string } => task.due !== null)
      .map((task): TimelineItem => ({
        kind: 'card',
        id: task.id,
        title: task.title,
        due: task.due,
        done: task.done,
        column: task.column,
        overdue: !task.done && task.due < today,
      })),
  ].sort(byDue);

  const todayWeek = weekOf(startedOn, today);
  const lastItemWeek = Math.max(1, ...items.map((item) => (item.due ? weekOf(startedOn, item.due) : 1)));
  const weekCount = Math.min(MAX_WEEKS, Math.max(lastItemWeek, todayWeek));
  const weeks: TimelineWeek[] = Array.from({ length: weekCount }, (_, index) => {
    const startsOn = addDays(startedOn, index * 7);
    return {
      number: index + 1,
      startsOn,
      endsOn: addDays(startsOn, 6),
      current: todayWeek === index + 1,
      todayOffset: todayWeek === index + 1 ? daysBetween(startsOn, today) / 7 : 0,
      items: [],
    };
  });

  const timeline: Timeline = {
    weeks,
    earlier: [],
    later: [],
    overdueCount: items.filter((item) => item.overdue).length,
  };
  for (const item of items) {
    const week = item.due ? weekOf(startedOn, item.due) : null;
    if (week !== null && week < 1) timeline.earlier.push(item);
    else if (week === null || week > weekCount) timeline.later.push(item);
    else weeks[week - 1]!.items.push(item);
  }
  return timeline;
}

/** By due day; on one day milestones first (they are what the cards lead up to), then by title. */
function byDue(a: TimelineItem, b: TimelineItem): number {
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === 'milestone' ? -1 : 1;
  return a.title.localeCompare(b.title);
}
