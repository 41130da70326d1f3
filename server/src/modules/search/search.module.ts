import { Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { HealthModule } from '../health/health.module.js';
import { MeilisearchEngine } from './meilisearch.engine.js';
import { OutboxRepository } from './outbox.repository.js';
import { PostgresSearchEngine } from './postgres.engine.js';
import { SEARCH_ENGINE, type SearchEngine } from './search.engine.js';
import './search.messages.js';
import { SearchService } from './search.service.js';

/** MEILI_HOST set → Meilisearch; otherwise the embedded Postgres engine. */
export async function createSearchEngine(config: AppConfig, db: DataSource): Promise<SearchEngine> {
  if (config.MEILI_HOST) {
    new Logger('Search').log(`search engine: Meilisearch at ${config.MEILI_HOST}`);
    return MeilisearchEngine.connect({ host: config.MEILI_HOST, apiKey: config.MEILI_API_KEY });
  }
  return new PostgresSearchEngine(db);
}

@Module({
  imports: [HealthModule],
  providers: [
    { provide: SEARCH_ENGINE, inject: [APP_CONFIG, getDataSourceToken()], useFactory: createSearchEngine },
    OutboxRepository,
    SearchService,
  ],
  exports: [SearchService],
})
export class SearchModule {}
