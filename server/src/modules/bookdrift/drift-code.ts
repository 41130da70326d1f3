import { randomInt } from 'node:crypto';
import { AppError } from '../../common/errors.js';

/**
 * Drift codes: 7 random characters + 1 check character from an alphabet without look-alikes
 * (no 0/O, 1/I/L). 31^7 ≈ 27.5 billion codes. The check character is a weighted sum mod 31
 * (31 is prime), so any single mistyped character and any swap of two neighbours is caught.
 * Shown as ABCD-EFGH; typed in any case, with or without the hyphen or spaces.
 */
export const DRIFT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const N = DRIFT_ALPHABET.length;

function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += DRIFT_ALPHABET.indexOf(body[i]) * (i + 1);
  return DRIFT_ALPHABET[sum % N];
}

export function newDriftCode(): string {
  let body = '';
  for (let i = 0; i < 7; i++) body += DRIFT_ALPHABET[randomInt(N)];
  return body + checkChar(body);
}

/** Returns the 8-character canonical code, or null when it is not a valid drift code. */
export function normaliseDriftCode(input: string): string | null {
  const s = String(input ?? '')
    .trim()
    .toUpperCase()
    // a QR code holds the copy's URL: take what follows /drift/
    .replace(/^.*\/DRIFT\//, '')
    .replace(/[\s-]/g, '');
  if (s.length !== 8) return null;
  for (const ch of s) if (!DRIFT_ALPHABET.includes(ch)) return null;
  return checkChar(s.slice(0, 7)) === s[7] ? s : null;
}

export function formatDriftCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The canonical code of what was typed or scanned, or a 400 on the `code` field naming it. */
export function driftCodeOf(raw: string): string {
  const code = normaliseDriftCode(raw);
  if (!code) throw AppError.field('code', 'bookdrift.codeInvalid', { code: raw.slice(0, 40) });
  return code;
}
