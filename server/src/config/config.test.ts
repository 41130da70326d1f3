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
