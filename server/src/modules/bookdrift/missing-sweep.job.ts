import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobsService } from '../jobs/jobs.service.js';
import { MISSING_SWEEP_QUEUE } from './bookdrift.jobs.js';
import { JourneysRepository } from './journeys.repository.js';

const EVERY_MS = 3600_000;

/** The hourly job: copies missing at receipt turn lost once their campaign's deadline has passed. */
@Injectable()
export class MissingSweepJob implements OnModuleInit {
  private readonly logger = new Logger('Bookdrift');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly journeys: JourneysRepository,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.every(MISSING_SWEEP_QUEUE, EVERY_MS, () => this.run());
  }

  /** Idempotent: a copy already lost is not touched again. */
  async run(): Promise<number> {
    const lost = await this.db.transaction(async (m) => {
      const ids = await this.journeys.losePastDeadline(m);
      await this.journeys.recordAll(m, ids, { kind: 'lost', note: 'bookdrift.event.lostPastDeadline' });
      return ids.length;
    });
    if (lost) this.logger.log(`missing-copy sweep: ${lost} copies past their campaign's deadline marked lost`);
    return lost;
  }
}
