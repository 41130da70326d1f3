import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { BlobsService } from './blobs.service.js';
import { MAINTENANCE_QUEUE, VERIFY_QUEUE } from './storage.jobs.js';
import { StorageService } from './storage.service.js';
import { UploadsRepository } from './uploads.repository.js';

/**
 * The periodic sweep: aborts uploads abandoned by their browser, expires ready ones nobody
 * claimed, retries verifications whose job gave up, and collects blobs nobody references.
 */
@Injectable()
export class MaintenanceService implements OnModuleInit {
  private readonly logger = new Logger('Uploads');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uploads: UploadsRepository,
    private readonly blobs: BlobsService,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.every(MAINTENANCE_QUEUE, this.intervalMs(), () => this.sweep());
  }

  /** A quarter of the abandon time, between a minute and an hour. */
  private intervalMs(): number {
    return Math.max(60_000, Math.min(3600_000, (this.config.UPLOAD_ABANDON_HOURS * 3600_000) / 4));
  }

  /** Aborts abandoned uploads, expires ready ones nobody claimed, collects unreferenced blobs. */
  async sweep(): Promise<{ aborted: number; expired: number; collected: number }> {
    const seconds = this.config.UPLOAD_ABANDON_HOURS * 3600;
    let aborted = 0;
    for (const u of await this.uploads.abandoned(seconds)) {
      await this.storage.discardMultipart(u.key, u.s3_upload_id);
      await this.db.transaction(async (m) => {
        if (!(await this.uploads.abortUploading(m, u.id, 'upload.abandoned'))) return;
        aborted++;
        await this.uploads.deleteParts(m, u.id);
      });
    }
    const expired = await this.db.transaction(async (m) => {
      const rows = await this.uploads.expireUnclaimed(m, seconds, 'upload.abandoned');
      for (const r of rows) if (r.blobId) await this.blobs.release(r.blobId, m);
      return rows.length;
    });
    // verification whose job ran out of attempts (store down for a while): try again
    for (const u of await this.uploads.stuckVerifying())
      await this.jobs.enqueue(VERIFY_QUEUE, { uploadId: u.id }, { singletonKey: `verify:${u.id}` });
    const collected = await this.blobs.collectUnreferenced();
    if (aborted || expired || collected)
      this.logger.log(`sweep: ${aborted} abandoned uploads aborted, ${expired} unclaimed expired, ${collected} blobs collected`);
    return { aborted, expired, collected };
  }

  /** Queues the sweep's next slot (idempotent: one job per slot). */
  async schedule(manager?: EntityManager): Promise<void> {
    await this.jobs.schedule(MAINTENANCE_QUEUE, Date.now(), manager);
  }
}
