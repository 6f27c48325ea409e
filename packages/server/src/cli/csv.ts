/**
 * CSV rows of stored responses for `earful export --format csv`: one row per response, answers
 * flattened into readable columns. Cells that a spreadsheet would run as a formula are prefixed
 * with `'` (CSV injection), since the text comes from strangers.
 */
import type { StoredResponse } from '../store.js';
import { EXPORT_COLUMNS, exportRow } from './export-row.js';

export const CSV_HEADER: readonly string[] = EXPORT_COLUMNS;

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly string[]): string {
  return values.map(cell).join(',');
}

export function csvRow(record: StoredResponse): string {
  const row = exportRow(record);
  return csvLine(EXPORT_COLUMNS.map((column) => row[column]));
}
