import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createContext, migrate } from '../bootstrap.js';
import { UnknownSearchIndexError } from '../modules/search/search.engine.js';
import { SearchService } from '../modules/search/search.service.js';

/**
 * Rebuilds search indexes from their owners' data: `node dist/tools/reindex.js [index ...]`
 * (no name: every registered index). Uses the same configuration as the API and worker, so it
 * rebuilds whichever engine MEILI_HOST selects. Exit 0 done, 2 unknown index, 1 failure, 78 bad config.
 */
async function main() {
  const app = await createContext('reindex');
  let code = 0;
  try {
    await migrate(app.get(DataSource));
    const search = app.get(SearchService);
    const names = process.argv.slice(2);
    if (!names.length && !search.indexNames().length) console.log('no search index is registered; nothing to do');
    const started = Date.now();
    const counts = await search.reindexMany(names);
    for (const [name, n] of Object.entries(counts)) console.log(`${name}: ${n} documents`);
    console.log(`reindexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    if (err instanceof UnknownSearchIndexError) {
      console.error(`${err.message}; known: ${app.get(SearchService).indexNames().join(', ') || '(none)'}`);
      code = 2;
    } else {
      console.error(`reindex failed: ${(err as Error).stack ?? err}`);
      code = 1;
    }
  }
  await app.close();
  process.exit(code);
}

void main();
