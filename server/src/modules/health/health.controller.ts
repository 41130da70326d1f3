import { Controller, Get, Header, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access.js';
import { StorageService } from '../storage/storage.service.js';
import { metricsRegistry } from './metrics.js';

/** Extra readiness checks other modules add (the search engine, for one). */
export const readinessChecks: Record<string, () => Promise<void>> = {};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: StorageService,
  ) {}

  @Get()
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HttpCode(200)
  async ready() {
    const checks: Record<string, () => Promise<void>> = {
      database: async () => void (await this.db.query('SELECT 1')),
      objectStore: () => this.storage.ping(),
      ...readinessChecks,
    };
    const results: Record<string, string> = {};
    let ok = true;
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([check(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timeout')), 3000)))]);
          results[name] = 'ok';
        } catch (err) {
          ok = false;
          results[name] = `failed: ${(err as Error).message}`;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    if (!ok) throw new ServiceUnavailableException({ status: 'unavailable', checks: results });
    return { status: 'ok', checks: results };
  }
}

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics() {
    return metricsRegistry.metrics();
  }
}
