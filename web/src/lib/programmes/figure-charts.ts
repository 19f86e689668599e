import type { FigureTable } from '$shared/schemas/programmes.ts';

/** Which columns of a figure table name the bars and which hold the counts the chart draws. */
interface ChartShape {
  label: string[];
  series: string[];
  /** Rows left out of the chart (they stay in the table), e.g. totals. */
  skip?: (row: FigureTable['rows'][number]) => boolean;
}

const SHAPES: Record<string, ChartShape> = {
  'activity-by-month': { label: ['month'], series: ['posted', 'published', 'filled', 'completed'] },
  'by-sector': { label: ['sector'], series: ['posted', 'published', 'filled', 'completed'] },
  'under-served': { label: ['group'], series: ['projects'] },
  'time-to-match': { label: ['measure'], series: ['median', 'p90'] },
  'applications-per-project': { label: ['applications'], series: ['projects'] },
  completion: { label: ['outcome'], series: ['placements'] },
  'hours-and-fees': { label: ['currency'], series: ['hours', 'fees'] },
  'time-log': { label: ['measure'], series: ['hours'] },
  feedback: { label: ['rating'], series: ['interns', 'supervisors'] },
  'weekly-hours': { label: ['hours'], series: ['students'] },
  'access-by-group': {
    label: ['question', 'group'],
    series: ['students', 'completed'],
    skip: (row) => row.group === 'Total',
  },
};

export interface ChartPoint {
  label: string;
  series: string;
  value: number;
}

/**
 * The table's numbers in long form for the chart: one point per bar. Suppressed cells ("< 5") are
 * not numbers and are left out of the picture; the table beside it says why.
 */
export function chartPoints(table: FigureTable): ChartPoint[] {
  const shape = SHAPES[table.id];
  if (!shape) return [];
  const labelOf = (key: string) => table.columns.find((column) => column.key === key)?.label ?? key;
  return table.rows.flatMap((row) => {
    if (shape.skip?.(row)) return [];
    const label = shape.label.map((key) => String(row[key] ?? '')).join(': ');
    return shape.series.flatMap((key) => {
      const value = row[key];
      return typeof value === 'number' ? [{ label, series: labelOf(key), value }] : [];
    });
  });
}

/** The CSV of one table, with the dashboard's current filters. */
export function csvHref(programmeId: string, tableId: string, search: string): string {
  return `/api/programmes/${encodeURIComponent(programmeId)}/figures/${encodeURIComponent(tableId)}.csv${search}`;
}
