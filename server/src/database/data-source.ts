import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { entities, migrations } from './registry.js';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize },
    logging: ['error'],
  };
}

/** For the TypeORM CLI: `typeorm migration:run -d dist/database/data-source.js`. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/mumian'));
