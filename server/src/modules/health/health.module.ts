import { Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HealthController, MetricsController } from './health.controller.js';
import { ReadinessRegistry } from './readiness.js';

/** Liveness, readiness (a registry other modules add their checks to) and Prometheus metrics. */
@Module({ controllers: [HealthController, MetricsController], providers: [ReadinessRegistry], exports: [ReadinessRegistry] })
export class HealthModule {
  constructor(readiness: ReadinessRegistry, @InjectDataSource() db: DataSource) {
    readiness.register('database', async () => void (await db.query('SELECT 1')));
  }
}
