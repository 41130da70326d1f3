import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_KEYS, ConfigError, loadConfig } from './config.js';

const minimal = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/mumian',
  S3_ENDPOINT: 'http://localhost:9000',
  S3_BUCKET: 'mumian',
  S3_ACCESS_KEY: 'k',
  S3_SECRET_KEY: 's',
  JWT_SECRET: 'x'.repeat(40),
};

describe('configuration', () => {
  it('applies defaults to a minimal environment', () => {
    const config = loadConfig(minimal);
    expect(config.PORT).toBe(3000);
    expect(config.UPLOAD_MAX_BYTES).toBe(2 * 1024 ** 3);
    expect(config.MEILI_HOST).toBeUndefined();
  });

  it('stops with one clear line naming each missing or malformed variable', () => {
    const run = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('no error');
    };
    expect(run({ ...minimal, DATABASE_URL: '' })).toBe('Invalid configuration: DATABASE_URL is required');
    expect(run({ ...minimal, PORT: 'eighty' })).toMatch(/^Invalid configuration: PORT /);
    expect(run({ ...minimal, JWT_SECRET: 'short' })).toBe('Invalid configuration: JWT_SECRET must be at least 32 characters');
    expect(run({ ...minimal, S3_FORCE_PATH_STYLE: 'maybe' }).split('\n')).toHaveLength(1);
  });

  it('is documented in .env.example and consistent with docker-compose.yml', () => {
    const root = resolve(__dirname, '../../..');
    const example = readFileSync(resolve(root, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(CONFIG_KEYS.filter((k) => !documented.has(k))).toEqual([]);

    const compose = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8');
    const apiEnv = compose.split('environment: &server-env')[1].split(/\n {4}\S/)[0];
    const keys = [...apiEnv.matchAll(/^ {6}([A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(10);
    // every variable compose hands the server is one the server reads
    expect(keys.filter((k) => !(CONFIG_KEYS as string[]).includes(k))).toEqual([]);
    // and everything the server requires is handed over
    for (const required of [
      'DATABASE_URL',
      'S3_ENDPOINT',
      'S3_BUCKET',
      'S3_ACCESS_KEY',
      'S3_SECRET_KEY',
      'JWT_SECRET',
      'MEILI_HOST',
    ])
      expect(keys).toContain(required);
  });
});

describe('configuration in production', () => {
  const root = resolve(__dirname, '../../..');
  const example = Object.fromEntries(
    [...readFileSync(resolve(root, '.env.example'), 'utf8').matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
  );
  const strong = {
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://mumian.example.edu.cn',
    DATABASE_URL: 'postgres://mumian:Qw7rT2pLx9vB4nZk@postgres:5432/mumian',
    S3_ENDPOINT: 'http://minio:9000',
    S3_BUCKET: 'mumian',
    S3_ACCESS_KEY: 'mumian-app',
    S3_SECRET_KEY: 'p8Vq2XrLm4Tz9WcK7bNs',
    MEILI_HOST: 'http://meilisearch:7700',
    MEILI_API_KEY: 'f3a9c1e7b2d84f6a9e0c5b7d1a3f8e2c',
    JWT_SECRET: 'Jm3kP9xQ2vL7tR4wZ8nB5cF1hY6dS0gA-eU_iO',
    COOKIE_SECURE: 'true',
  };
  const refusals = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message.split('\n');
    }
  };
  const refused = (env: Record<string, string>) => refusals(env).map((l) => l.split(' ')[2]);

  it('starts with strong secrets, and narrows browser uploads to the origin of PUBLIC_URL', () => {
    expect(refusals(strong)).toEqual([]);
    expect(loadConfig(strong).S3_CORS_ORIGINS).toBe('https://mumian.example.edu.cn');
  });

  it('refuses .env.example as it is, one line naming each variable', () => {
    const lines = refusals(example);
    expect(lines.every((l) => /^Invalid configuration: [A-Z0-9_]+ \S/.test(l))).toBe(true);
    expect(refused(example).sort()).toEqual(['DATABASE_URL', 'JWT_SECRET', 'MEILI_API_KEY', 'S3_ACCESS_KEY', 'S3_SECRET_KEY']);
    expect(lines).toContain(
      'Invalid configuration: JWT_SECRET still holds the example value "change-me…" from .env.example; set a real one',
    );
  });

  it('refuses each example or default key, and any value starting change-me', () => {
    for (const [name, value] of [
      ['S3_ACCESS_KEY', 'minioadmin'],
      ['S3_SECRET_KEY', 'minioadmin'],
      ['S3_ACCESS_KEY', 'mumian-minio'],
      ['S3_SECRET_KEY', example.S3_SECRET_KEY],
      ['MEILI_API_KEY', example.MEILI_API_KEY],
      ['JWT_SECRET', example.JWT_SECRET],
      ['JWT_SECRET', 'change-me-please-0123456789abcdefghijklmnop'],
      ['S3_BUCKET', 'change-me'],
    ])
      expect([name, refused({ ...strong, [name]: value })]).toEqual([name, [name]]);
  });

  it('refuses weak secrets', () => {
    expect(refusals({ ...strong, JWT_SECRET: 'x'.repeat(40) })).toEqual([
      'Invalid configuration: JWT_SECRET is too weak: it has only 1 different characters; use a random value',
    ]);
    expect(refused({ ...strong, JWT_SECRET: 'abcabcabcabcabcabcabcabcabcabcabcabc' })).toEqual(['JWT_SECRET']);
    expect(refused({ ...strong, S3_SECRET_KEY: 'secret12' })).toEqual(['S3_SECRET_KEY']);
    expect(refused({ ...strong, MEILI_API_KEY: '' })).toEqual(['MEILI_API_KEY']);
  });

  it('refuses insecure cookies behind HTTPS and uploads open to every origin', () => {
    expect(refusals({ ...strong, COOKIE_SECURE: 'false' })).toEqual([
      'Invalid configuration: COOKIE_SECURE must be true when PUBLIC_URL is https (the refresh cookie would travel over plain HTTP)',
    ]);
    const { COOKIE_SECURE: _unset, ...noCookieFlag } = strong;
    expect(refused(noCookieFlag)).toEqual(['COOKIE_SECURE']);
    expect(refused({ ...strong, PUBLIC_URL: 'http://10.0.0.5:8080', COOKIE_SECURE: 'false' })).toEqual([]);
    expect(refused({ ...strong, S3_CORS_ORIGINS: '*' })).toEqual(['S3_CORS_ORIGINS']);
    expect(refused({ ...strong, S3_CORS_ORIGINS: 'https://mumian.example.edu.cn, *' })).toEqual(['S3_CORS_ORIGINS']);
  });

  it('leaves development and tests alone (npm start, the test app)', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const config = loadConfig({ ...example, NODE_ENV });
      expect(config.JWT_SECRET).toBe(example.JWT_SECRET);
      expect(loadConfig({ ...minimal, NODE_ENV }).S3_CORS_ORIGINS).toBe('*');
    }
  });
});
