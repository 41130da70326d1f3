import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Benchmarks run the compiled server (server/dist: Nest's DI needs decorator metadata, which
 * tsx/esbuild does not emit) on a throw-away embedded Postgres + s3rver. The bench npm scripts
 * build the server first.
 */
const dist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../server/dist');

/** A module of the compiled server (`rel` from server/dist): Nest classes must come from the build the stack runs. */
export const loadServer = <T>(rel: string): Promise<T> => import(pathToFileURL(join(dist, rel)).href) as Promise<T>;

export interface BenchStack {
  baseUrl: string;
  app: Awaited<ReturnType<(typeof import('../../../server/src/bootstrap.js'))['createApp']>>;
  seed: NonNullable<Awaited<ReturnType<(typeof import('../../../server/src/dev/seed.js'))['seedDemo']>>>;
  databaseUrl: string;
  s3Endpoint: string;
  stop(): Promise<void>;
}

export async function startStack(opts: { seedModules?: boolean; env?: Record<string, string> } = {}): Promise<BenchStack> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const embedded = await loadServer<typeof import('../../../server/src/dev/embedded.js')>('dev/embedded.js');
  const { createApp, prepare } = await loadServer<typeof import('../../../server/src/bootstrap.js')>('bootstrap.js');
  const { loadConfig } = await loadServer<typeof import('../../../server/src/config/config.js')>('config/config.js');
  const { seedDemo } = await loadServer<typeof import('../../../server/src/dev/seed.js')>('dev/seed.js');
  const root = mkdtempSync(join(tmpdir(), 'mumian-bench-'));
  chmodSync(root, 0o755);
  const pg = await embedded.startEmbeddedPostgres(join(root, 'pg'), { fast: true });
  await pg.createDatabase('bench');
  const s3 = await embedded.startEmbeddedS3(join(root, 's3'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    DATABASE_URL: pg.url('bench'),
    DATABASE_POOL_SIZE: '20',
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: 'bench',
    S3_ACCESS_KEY: embedded.S3_KEY,
    S3_SECRET_KEY: embedded.S3_SECRET,
    S3_CREATE_BUCKET: 'true',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOGIN_MAX_FAILURES: '1000000',
    ...opts.env,
  });
  const app = await createApp(config, { httpLog: false });
  await prepare(app);
  await app.listen(0, '127.0.0.1');
  const seed = (await seedDemo(app, () => undefined, { modules: opts.seedModules ?? false }))!;
  const address = app.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    app,
    seed,
    databaseUrl: pg.url('bench'),
    s3Endpoint: s3.endpoint,
    async stop() {
      await app.close();
      await s3.stop().catch(() => undefined);
      await pg.stop().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API, as a browser does; the bearer token. */
export async function signIn(stack: BenchStack, login: string, password = 'Mumian2026'): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
