import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../database/data-source.js';
import { PG_PASSWORD, PG_USER } from '../../dev/embedded-constants.js';
import { ENV_FILE, TEMPLATE_DB } from '../../testing/paths.js';
import { PostgresSearchEngine } from './postgres.engine.js';
import { describeEngineContract } from './search.contract.js';

/** A fresh database cloned from the migrated template, for engine-level tests without the app. */
async function freshDataSource(): Promise<DataSource> {
  const stack = JSON.parse(readFileSync(ENV_FILE, 'utf8')) as { pgPort: number };
  const name = `search_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ host: '127.0.0.1', port: stack.pgPort, user: PG_USER, password: PG_PASSWORD, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const ds = new DataSource(dataSourceOptions(`postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${stack.pgPort}/${name}`, 3));
  return ds.initialize();
}

describeEngineContract('postgres', async () => {
  const db = await freshDataSource();
  return { engine: new PostgresSearchEngine(db), close: () => db.destroy() };
});
