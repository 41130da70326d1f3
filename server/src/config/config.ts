import { z } from 'zod';
import { productionRefusals } from './production-checks.js';

/**
 * The one typed, validated configuration of the server, read from the environment.
 * Every variable is documented in the repository's `.env.example`.
 */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

  S3_ENDPOINT: z.string().url(),
  S3_PUBLIC_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name'),
  S3_ACCESS_KEY: z.string().min(1),
  S3_SECRET_KEY: z.string().min(1),
  S3_FORCE_PATH_STYLE: bool.default(true),
  S3_CREATE_BUCKET: bool.default(false),
  // unset: the origin of PUBLIC_URL in production, any origin in development and tests
  S3_CORS_ORIGINS: z.string().optional(),

  MEILI_HOST: z.string().url().optional(),
  MEILI_API_KEY: z.string().optional(),

  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COOKIE_SECURE: bool.default(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),

  SERVE_WEB_DIR: z.string().optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  MEDIA_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(2 * 1024 ** 3),
  LECTURE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(8 * 1024 ** 3),
  UPLOAD_ABANDON_HOURS: z.coerce.number().min(0.01).default(24),
  FFMPEG_PATH: z.string().optional(),
  FFPROBE_PATH: z.string().optional(),
  MEDIA_MAX_DURATION_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(6 * 3600),
  HLS_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
  VIEW_MIN_SECONDS: z.coerce.number().min(1).default(30),
  VIEW_WINDOW_HOURS: z.coerce.number().min(0.01).default(24),
  SOFFICE_PATH: z.string().optional(),
  RESOURCE_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(86400).default(300),
  PREVIEW_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(180),
});

export type AppConfig = Omit<z.infer<typeof schema>, 'S3_CORS_ORIGINS'> & { S3_CORS_ORIGINS: string };
/** Every variable the server reads. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof AppConfig)[];
export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

/**
 * Parses the environment; on failure throws one line per bad variable, naming it. With NODE_ENV=production
 * it also refuses example values, weak secrets and unsafe settings (production-checks.ts).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'config');
      const problem = i.code === 'invalid_type' && cleaned[name] === undefined ? 'is required' : i.message;
      return `Invalid configuration: ${name} ${problem}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const production = parsed.data.NODE_ENV === 'production';
  const config: AppConfig = {
    ...parsed.data,
    S3_CORS_ORIGINS: parsed.data.S3_CORS_ORIGINS ?? (production ? new URL(parsed.data.PUBLIC_URL).origin : '*'),
  };
  if (production) {
    const refusals = productionRefusals(config);
    if (refusals.length) throw new ConfigError(refusals.map((r) => `Invalid configuration: ${r.name} ${r.problem}`).join('\n'));
  }
  return config;
}
