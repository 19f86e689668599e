import type { FigureTable } from '../../../shared/schemas/programmes.ts';

/** RFC 4180 CSV of one figure table; cells that a spreadsheet would run as a formula are neutralised. */
export function figureTableToCsv(table: FigureTable): string {
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    table.columns.map((column) => cell(column.label)).join(','),
    ...table.rows.map((row) => table.columns.map((column) => cell(row[column.key])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
