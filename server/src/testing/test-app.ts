import type { NestExpressApplication } from '@nestjs/platform-express';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp, prepare } from '../bootstrap.js';
import { loadConfig, type AppConfig } from '../config/config.js';
import { PG_PASSWORD, PG_USER, S3_KEY, S3_SECRET } from '../dev/embedded-constants.js';
import { seedDemo } from '../dev/seed.js';
import { DEMO_PASSWORD, type SeedContext } from '../dev/seed-context.js';
import { JobsService } from '../modules/jobs/jobs.service.js';
import { ENV_FILE, TEMPLATE_DB } from './paths.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: DataSource;
  jobs: JobsService;
  /** the demo group, schools and one account per role (password DEMO_PASSWORD) */
  seed: SeedContext;
  http(): ReturnType<typeof request>;
  /** signs in and returns an access token */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A fresh app on its own database (cloned from the migrated template) and its own bucket,
 * against the run's real embedded Postgres and s3rver. Seeds the foundation demo data.
 */
export async function createTestApp(overrides: Partial<Record<string, string>> = {}): Promise<TestApp> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const stack = JSON.parse(readFileSync(ENV_FILE, 'utf8')) as { pgPort: number; s3Endpoint: string };
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new Client({ host: '127.0.0.1', port: stack.pgPort, user: PG_USER, password: PG_PASSWORD, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${stack.pgPort}/${name}`,
    DATABASE_POOL_SIZE: '5',
    S3_ENDPOINT: stack.s3Endpoint,
    S3_BUCKET: name.replace(/_/g, '-'),
    S3_ACCESS_KEY: S3_KEY,
    S3_SECRET_KEY: S3_SECRET,
    S3_CREATE_BUCKET: 'true',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    // CI's second media run points these at the npm builds
    FFMPEG_PATH: process.env.FFMPEG_PATH,
    FFPROBE_PATH: process.env.FFPROBE_PATH,
    ...overrides,
  });
  const app = await createApp(config, { httpLog: false });
  await prepare(app);
  await app.init();
  const seed = (await seedDemo(app, () => undefined, { modules: false }))!;
  // as the worker does once it has migrated
  await app.get(JobsService).schedulePeriodic();
  const db = app.get(DataSource);
  const http = () => request(app.getHttpServer());
  return {
    app,
    config,
    db,
    jobs: app.get(JobsService),
    seed,
    http,
    async login(username, password = DEMO_PASSWORD) {
      const res = await http().post('/api/auth/login').send({ login: username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      await app.get(JobsService).stop(1000);
      await app.close();
    },
  };
}

export { DEMO_PASSWORD };
