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
