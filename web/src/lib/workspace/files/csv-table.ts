import Papa from 'papaparse';

/** At most this many rows of a CSV are shown; the rest is in the download. */
export const MAX_CSV_ROWS = 200;

export interface CsvTable {
  header: string[];
  rows: string[][];
  /** Rows the file has beyond those shown. */
  more: number;
}

/** The file's first row is taken as its header (what a CSV export from a spreadsheet has). */
export function toCsvTable(text: string): CsvTable {
  const { data } = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header = [], ...rows] = data;
  return { header, rows: rows.slice(0, MAX_CSV_ROWS), more: Math.max(0, rows.length - MAX_CSV_ROWS) };
}
