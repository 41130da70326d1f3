import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { migrate } from './bootstrap.js';
import { PinoNestLogger, rootLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config/config.js';
import { JobsService } from './modules/jobs/jobs.service.js';

/** The job worker: same modules as the API, no HTTP. Stops gracefully on SIGTERM/SIGINT. */
async function main() {
  process.env.MUMIAN_PROCESS = 'worker';
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: new PinoNestLogger(rootLogger(config.LOG_LEVEL)),
  });
  await migrate(app.get(DataSource));
  const jobs = app.get(JobsService);
  jobs.start();
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
