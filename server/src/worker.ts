import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createContext, migrate } from './bootstrap.js';
import { rootLogger } from './common/logger.js';
import { JobsService } from './modules/jobs/jobs.service.js';

/** The job worker: same modules as the API, no HTTP. Stops gracefully on SIGTERM/SIGINT. */
async function main() {
  const app = await createContext('worker');
  await migrate(app.get(DataSource));
  const jobs = app.get(JobsService);
  await jobs.start();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    rootLogger().info({ signal }, 'worker stopping: finishing or releasing jobs in hand');
    await jobs.stop();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
