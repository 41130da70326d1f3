/**
 * What a production configuration must not be: the example values of `.env.example` (or MinIO's and the
 * embedded stack's defaults), secrets too weak to keep a token or a bucket safe, cookies sent over plain
 * HTTP behind HTTPS, and browser uploads open to every origin. Pure: `loadConfig` calls it when
 * NODE_ENV=production and turns each refusal into one line naming the variable.
 */

/** Values shipped in `.env.example`, MinIO's own default and the embedded stack's s3rver keys. */
const EXAMPLE_VALUES: Record<string, string[]> = {
  JWT_SECRET: ['change-me-to-a-long-random-string-of-48-characters'],
  S3_ACCESS_KEY: ['mumian-minio', 'minioadmin', 'S3RVER'],
  S3_SECRET_KEY: ['change-me-minio-secret', 'minioadmin', 'S3RVER'],
  MEILI_API_KEY: ['change-me-meili-master-key-at-least-16-bytes'],
};

/** Secrets with the shortest length and the fewest distinct characters production accepts. */
const STRENGTH: Record<string, { min: number; distinct: number }> = {
  JWT_SECRET: { min: 32, distinct: 10 },
  S3_SECRET_KEY: { min: 16, distinct: 8 },
  MEILI_API_KEY: { min: 16, distinct: 8 },
};

export interface Refusal {
  name: string;
  problem: string;
}

const isPlaceholder = (v: string) => /^change-?me/i.test(v);

/** Every reason to refuse this (already parsed) production environment; empty when it is fine. */
export function productionRefusals(env: Record<string, string | boolean | number | undefined>): Refusal[] {
  const refusals: Refusal[] = [];
  const refuse = (name: string, problem: string) => {
    if (!refusals.some((r) => r.name === name)) refusals.push({ name, problem });
  };
  const str = (name: string) => (typeof env[name] === 'string' ? (env[name] as string) : undefined);

  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string' && isPlaceholder(value))
      refuse(name, 'still holds the example value "change-me…" from .env.example; set a real one');
  }
  for (const [name, examples] of Object.entries(EXAMPLE_VALUES)) {
    const value = str(name);
    if (value !== undefined && examples.includes(value))
      refuse(name, 'is a published example or default value; set your own (e.g. `openssl rand -base64 48`)');
  }
  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl) {
    let password = '';
    try {
      password = decodeURIComponent(new URL(databaseUrl).password);
    } catch {
      // a malformed URL is the schema's business
    }
    if (isPlaceholder(password)) refuse('DATABASE_URL', 'uses the example password "change-me…"; set POSTGRES_PASSWORD');
  }
  for (const [name, { min, distinct }] of Object.entries(STRENGTH)) {
    const value = str(name);
    if (value === undefined) continue;
    if (value.length < min) refuse(name, `is too weak: use at least ${min} random characters`);
    else if (new Set(value).size < distinct)
      refuse(name, `is too weak: it has only ${new Set(value).size} different characters; use a random value`);
  }
  if (str('MEILI_HOST') && !str('MEILI_API_KEY')) refuse('MEILI_API_KEY', 'is required when MEILI_HOST is set');

  const publicUrl = str('PUBLIC_URL') ?? '';
  if (publicUrl.startsWith('https:') && env.COOKIE_SECURE !== true)
    refuse('COOKIE_SECURE', 'must be true when PUBLIC_URL is https (the refresh cookie would travel over plain HTTP)');

  const origins = (str('S3_CORS_ORIGINS') ?? '').split(',').map((s) => s.trim());
  if (origins.includes('*'))
    refuse('S3_CORS_ORIGINS', 'must not be * in production; list the web origins (e.g. the origin of PUBLIC_URL)');
  return refusals;
}
