/**
 * CSV for people who open it in Excel or WPS: UTF-8 with a byte-order mark, and every cell that a spreadsheet would
 * read as a formula (starting with = + - @, a tab or a carriage return, or their full-width forms) neutralised with a
 * leading apostrophe, as OWASP describes for CSV injection — names, addresses and scopes come from applicants.
 */
import { stringify } from "csv-stringify/sync";

export const CSV_BOM = "\uFEFF";

export function csvLines(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify(rows as unknown[][], { escape_formulas: true });
}
