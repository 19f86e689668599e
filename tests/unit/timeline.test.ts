import { describe, expect, it } from 'vitest';
import type { Task } from '../../shared/doc-layout.ts';
import type { WorkspaceMilestone } from '../../shared/schemas/portfolio.ts';
import { MAX_WEEKS, buildTimeline } from '../../web/src/lib/workspace/timeline/timeline.ts';

const makeCard = (overrides: Partial<Task> = {}): Task => ({
  id: 't1',
  title: 'Design poster',
  column: 'todo',
  assignee: null,
  due: '2026-03-12',
  order: 1,
  done: false,
  ...overrides,
});

const makeMilestone = (overrides: Partial<WorkspaceMilestone> = {}): WorkspaceMilestone => ({
  id: 'm1',
  workspaceId: 'w1',
  position: 1,
  title: 'First drafts',
  week: 2,
  status: 'open',
  comment: null,
  submittedAt: null,
  reviewedAt: null,
  history: [],
  createdAt: '2026-03-02T09:00:00Z',
  updatedAt: '2026-03-02T09:00:00Z',
  ...overrides,
});

// The workspace opened on Monday 2 March 2026.
const startedOn = '2026-03-02';

describe('the project timeline', () => {
  it('puts milestones at the end of their project week and cards in the week they are due', () => {
    const timeline = buildTimeline({
      startedOn,
      today: '2026-03-04',
      milestones: [makeMilestone()],
      tasks: [makeCard({ due: '2026-03-12' }), makeCard({ id: 't2', due: null })],
    });
    expect(timeline.weeks.map((week) => [week.number, week.startsOn, week.endsOn])).toEqual([
      [1, '2026-03-02', '2026-03-08'],
      [2, '2026-03-09', '2026-03-15'],
    ]);
    expect(timeline.weeks[1]!.items.map((item) => [item.kind, item.due])).toEqual([
      ['card', '2026-03-12'],
      ['milestone', '2026-03-15'],
    ]);
    expect(timeline.weeks[0]!.items).toEqual([]);
  });

  it('marks today and runs the weeks on to it', () => {
    const timeline = buildTimeline({ startedOn, today: '2026-03-25', milestones: [], tasks: [] });
    expect(timeline.weeks).toHaveLength(4);
    expect(timeline.weeks.filter((week) => week.current).map((week) => week.number)).toEqual([4]);
    expect(timeline.weeks[3]!.todayOffset).toBeCloseTo(2 / 7);
  });

  it('flags work past its day that is not done, and nothing else', () => {
    const timeline = buildTimeline({
      startedOn,
      today: '2026-03-20',
      milestones: [
        makeMilestone({ id: 'late', week: 1 }),
        makeMilestone({ id: 'in-review', week: 1, status: 'submitted' }),
        makeMilestone({ id: 'ahead', week: 4 }),
      ],
      tasks: [makeCard({ id: 'late-card' }), makeCard({ id: 'done-card', done: true })],
    });
    const overdue = timeline.weeks.flatMap((week) => week.items.filter((item) => item.overdue));
    expect(overdue.map((item) => item.id).sort()).toEqual(['late', 'late-card']);
    expect(timeline.overdueCount).toBe(2);
  });

  it('keeps cards due before the start, far-off dates and unscheduled milestones out of the weeks', () => {
    const timeline = buildTimeline({
      startedOn,
      today: '2026-03-04',
      milestones: [makeMilestone({ id: 'someday', week: null })],
      tasks: [makeCard({ id: 'early', due: '2026-02-20' }), makeCard({ id: 'far', due: '2099-01-01' })],
    });
    expect(timeline.weeks).toHaveLength(MAX_WEEKS);
    expect(timeline.earlier.map((item) => item.id)).toEqual(['early']);
    expect(timeline.later.map((item) => item.id)).toEqual(['far', 'someday']);
  });
});
