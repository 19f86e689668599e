import { describe, expect, it } from 'vitest';
import { suppressAccessRows, suppressColumn } from '../../server/services/programmes/access-figures.ts';

describe('small-number suppression', () => {
  it('shows every count of 5 or more, and the total', () => {
    expect(suppressColumn([12, 7, 5], 24)).toEqual({ cells: [12, 7, 5], total: 24 });
  });

  it('hides a count under 5, and the next smallest so it cannot be found by subtraction', () => {
    expect(suppressColumn([12, 4, 9], 25)).toEqual({ cells: [12, '< 5', 'suppressed'], total: 'suppressed' });
  });

  it('leaves two hidden counts as they are; their sum is all a total could tell', () => {
    expect(suppressColumn([20, 3, 0], 23)).toEqual({ cells: [20, '< 5', '< 5'], total: 'suppressed' });
  });

  it('shows a group of 4 as "< 5" everywhere, its total too', () => {
    expect(suppressColumn([4], 4)).toEqual({ cells: ['< 5'], total: '< 5' });
  });

  it('labels groups, adds a total per question and hides rates built on hidden counts', () => {
    const rows = suppressAccessRows([
      { question: 'firstInFamily', answer: 'yes', students: 10, applied: 8, accepted: 6, completed: 5 },
      { question: 'firstInFamily', answer: 'no', students: 20, applied: 15, accepted: 10, completed: 9 },
      {
        question: 'firstInFamily',
        answer: 'not_answered',
        students: 6,
        applied: 5,
        accepted: 2,
        completed: 1,
      },
    ]);
    expect(rows).toEqual([
      {
        question: 'First in family at university',
        group: 'Yes',
        students: 10,
        applied: 8,
        accepted: 'suppressed',
        completed: 'suppressed',
        completionRate: 'suppressed',
      },
      {
        question: 'First in family at university',
        group: 'No',
        students: 20,
        applied: 15,
        accepted: 10,
        completed: 9,
        completionRate: 90,
      },
      {
        question: 'First in family at university',
        group: 'Not answered',
        students: 6,
        applied: 5,
        accepted: '< 5',
        completed: '< 5',
        completionRate: 'suppressed',
      },
      {
        question: 'First in family at university',
        group: 'Total',
        students: 36,
        applied: 28,
        accepted: 'suppressed',
        completed: 'suppressed',
        completionRate: 'suppressed',
      },
    ]);
  });
});
