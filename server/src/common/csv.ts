import { AppError } from './errors.js';

/** Decodes UTF-8 (with or without BOM) or, failing that, GB18030 (Excel's default "CSV" in China). */
export function decodeCsv(buf: Buffer): string {
  if (buf.includes(0)) throw AppError.badRequest('import.notCsv');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/**
 * One cell of a CSV the API writes, safe to open in Excel or WPS: a value starting with `= + - @`, a tab or
 * a carriage return would run as a formula (`=HYPERLINK(…)` leaking the sheet), so it is prefixed with `'`
 * (OWASP's advice; the spreadsheet shows the text as typed). Cells are always quoted.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A CSV line of safe cells. */
export const csvLine = (cells: (string | number)[]): string => cells.map(csvCell).join(',');
