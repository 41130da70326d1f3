import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source.js';
import { startEmbeddedPostgres, startEmbeddedS3 } from '../dev/embedded.js';
import { ENV_FILE, TEMPLATE_DB } from './paths.js';

/** Starts one embedded Postgres and one s3rver for the whole jest run; migrates a template DB. */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const root = mkdtempSync(join(tmpdir(), 'mumian-test-'));
  chmodSync(root, 0o755); // the postgres OS user must traverse it when we run as root
  const pg = await startEmbeddedPostgres(join(root, 'pg'), { fast: true });
  const s3 = await startEmbeddedS3(join(root, 's3'));
  await pg.createDatabase(TEMPLATE_DB);
  const ds = new DataSource(dataSourceOptions(pg.url(TEMPLATE_DB), 2));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  writeFileSync(ENV_FILE, JSON.stringify({ pgPort: pg.port, s3Endpoint: s3.endpoint, root }));
  (globalThis as Record<string, unknown>).__MUMIAN_STACK__ = { pg, s3 };
}
