import argon2 from 'argon2';

/** argon2id at OWASP's recommended minimum (19 MiB, 2 passes): about 20–30 ms a hash here. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, OPTIONS);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** A password must have 8–72 characters and mix letters and digits. */
export function isStrongEnough(plain: string): boolean {
  return plain.length >= 8 && plain.length <= 72 && /[A-Za-z]/.test(plain) && /\d/.test(plain);
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A random initial password without look-alike characters (0/O, 1/l/I). */
export function generatePassword(length = 10): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return /\d/.test(out) && /[a-zA-Z]/.test(out) ? out : generatePassword(length);
}
