import { sql } from 'drizzle-orm';
import {
  ACCESS_QUESTION_LABELS,
  SMALL_NUMBER_THRESHOLD,
  SUPPRESSED_SECONDARY,
  SUPPRESSED_SMALL,
  type AccessQuestion,
} from '../../../shared/programmes.ts';
import type { FigureDefinition } from './figures-scope.ts';
import { queryRows } from '../../db/sql-rows.ts';

const COUNTS = ['students', 'applied', 'accepted', 'completed'] as const;
type Count = (typeof COUNTS)[number];
type GroupRow = { question: string; answer: string } & Record<Count, number>;
type Cell = number | string;

const GROUP_LABELS: Record<string, string> = { yes: 'Yes', no: 'No', not_answered: 'Not answered' };
const QUESTION_LABELS: Record<string, string> = { ...ACCESS_QUESTION_LABELS, region: 'Region' };

/**
 * Small-number suppression, column by column within one question: any count under 5 is shown as
 * "< 5"; when that leaves exactly one hidden cell in a column, the next smallest is hidden too, and
 * so is the total when any cell is hidden, so no hidden count can be worked out by subtraction.
 */
export function suppressColumn(values: number[], total: number): { cells: Cell[]; total: Cell } {
  const cells: Cell[] = values.map((value) => (value < SMALL_NUMBER_THRESHOLD ? SUPPRESSED_SMALL : value));
  const hidden = cells.filter((cell) => typeof cell === 'string').length;
  if (hidden === 1 && values.length > 1) {
    let smallest = -1;
    values.forEach((value, index) => {
      if (typeof cells[index] === 'number' && (smallest < 0 || value < values[smallest]!)) smallest = index;
    });
    if (smallest >= 0) cells[smallest] = SUPPRESSED_SECONDARY;
  }
  const shownTotal: Cell =
    total < SMALL_NUMBER_THRESHOLD ? SUPPRESSED_SMALL : hidden > 0 ? SUPPRESSED_SECONDARY : total;
  return { cells, total: shownTotal };
}

/** Completion as a share of those accepted, only where neither count is hidden. */
function completionRate(accepted: Cell, completed: Cell): Cell | null {
  if (typeof accepted !== 'number' || typeof completed !== 'number') return SUPPRESSED_SECONDARY;
  return accepted === 0 ? null : Math.round((1000 * completed) / accepted) / 10;
}

/**
 * Who gets access: for each self-declared question, how many students in each answer group were in
 * scope, applied, were accepted and completed. Only aggregates leave the database.
 */
export const accessByGroupFigure: FigureDefinition = {
  id: 'access-by-group',
  title: 'Access and completion by self-declared group (counts under 5 suppressed)',
  columns: [
    { key: 'question', label: 'Question' },
    { key: 'group', label: 'Answer' },
    { key: 'students', label: 'Students' },
    { key: 'applied', label: 'Applied' },
    { key: 'accepted', label: 'Accepted' },
    { key: 'completed', label: 'Completed' },
    { key: 'completionRate', label: 'Completed of accepted (%)' },
  ],
  async run(db, scope) {
    const yesNo = (column: string) =>
      sql.raw(
        `case when aa.${column} is null then 'not_answered' when aa.${column} then 'yes' else 'no' end`,
      );
    const rows = await queryRows<GroupRow>(
      db,
      // Per person, from one aggregate per table joined in (not three subqueries per person).
      sql`${scope}, applicants as (
        select a.student_id as user_id, bool_or(a.status = 'accepted') as accepted
        from applications a join scoped s on s.id = a.project_id group by a.student_id
      ),
      completers as (
        select distinct m.user_id from workspace_members m join placements w on w.id = m.workspace_id
        where m.role = 'intern' and w.status = 'completed'
      ),
      outcomes as (
        select p.user_id, ap.user_id is not null as applied, coalesce(ap.accepted, false) as accepted,
          c.user_id is not null as completed
        from (select distinct user_id from people) p
        left join applicants ap on ap.user_id = p.user_id
        left join completers c on c.user_id = p.user_id
      )
      select q.question, q.answer, count(*)::int as students,
        count(*) filter (where o.applied)::int as applied,
        count(*) filter (where o.accepted)::int as accepted,
        count(*) filter (where o.completed)::int as completed
      from outcomes o
      left join student_access_answers aa on aa.user_id = o.user_id
      cross join lateral (values
        ('firstInFamily', ${yesNo('first_in_family')}),
        ('worksWhileStudying', ${yesNo('works_while_studying')}),
        ('caringResponsibilities', ${yesNo('caring_responsibilities')}),
        ('disability', ${yesNo('disability')}),
        ('careExperienced', ${yesNo('care_experienced')}),
        ('region', coalesce(nullif(aa.region, ''), 'not_answered'))
      ) as q(question, answer)
      group by q.question, q.answer
      order by q.question, q.answer`,
    );
    return suppressAccessRows(rows);
  },
};

const QUESTION_ORDER: string[] = [...(Object.keys(ACCESS_QUESTION_LABELS) as AccessQuestion[]), 'region'];
const ANSWER_ORDER = (answer: string) =>
  answer === 'yes' ? 0 : answer === 'no' ? 1 : answer === 'not_answered' ? 3 : 2;

/** Turns the raw group counts into the table people see: suppressed, labelled, with a total per question. */
export function suppressAccessRows(rows: GroupRow[]): Record<string, string | number | null>[] {
  const table: Record<string, string | number | null>[] = [];
  for (const question of QUESTION_ORDER) {
    const groups = rows
      .filter((row) => row.question === question)
      .sort((a, b) => ANSWER_ORDER(a.answer) - ANSWER_ORDER(b.answer) || a.answer.localeCompare(b.answer));
    if (groups.length === 0) continue;
    const columns = Object.fromEntries(
      COUNTS.map((count) => {
        const values = groups.map((row) => Number(row[count]));
        return [
          count,
          suppressColumn(
            values,
            values.reduce((sum, value) => sum + value, 0),
          ),
        ];
      }),
    ) as Record<Count, ReturnType<typeof suppressColumn>>;
    groups.forEach((row, index) => {
      const cell = (count: Count) => columns[count].cells[index]!;
      table.push({
        question: QUESTION_LABELS[question] ?? question,
        group: GROUP_LABELS[row.answer] ?? row.answer,
        students: cell('students'),
        applied: cell('applied'),
        accepted: cell('accepted'),
        completed: cell('completed'),
        completionRate: completionRate(cell('accepted'), cell('completed')),
      });
    });
    table.push({
      question: QUESTION_LABELS[question] ?? question,
      group: 'Total',
      students: columns.students.total,
      applied: columns.applied.total,
      accepted: columns.accepted.total,
      completed: columns.completed.total,
      completionRate: completionRate(columns.accepted.total, columns.completed.total),
    });
  }
  return table;
}
