/**
 * ISBN handling: accepts ISBN-10 or ISBN-13 with hyphens or spaces, checks the check digit
 * and returns the ISBN-13 form (978 prefix for ISBN-10). Returns null for anything invalid.
 */
export function normaliseIsbn(input: string): string | null {
  const raw = String(input ?? '')
    .trim()
    .replace(/^isbn(-1[03])?:?\s*/i, '')
    .replace(/[\s\u2010-\u2015-]/g, '')
    .toUpperCase();
  if (/^\d{9}[\dX]$/.test(raw)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (raw[i] === 'X' ? 10 : Number(raw[i])) * (10 - i);
    if (sum % 11 !== 0) return null;
    const body = '978' + raw.slice(0, 9);
    return body + isbn13CheckDigit(body);
  }
  if (/^97[89]\d{10}$/.test(raw)) return isbn13CheckDigit(raw.slice(0, 12)) === raw[12] ? raw : null;
  return null;
}

export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}
