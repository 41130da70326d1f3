import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { ReadinessRegistry } from '../health/readiness.js';
import { BlobsRepository } from './blobs.repository.js';
import { BlobsService } from './blobs.service.js';
import { MaintenanceService } from './maintenance.service.js';
import './storage.messages.js';
import { StorageService } from './storage.service.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsRepository } from './uploads.repository.js';
import { UploadsService } from './uploads.service.js';
import { VerificationService } from './verification.service.js';

/**
 * The object store (StorageService), resumable browser uploads (UploadsService) verified by a job
 * (VerificationService), and content-addressed blobs (BlobsService: the one way other modules
 * claim an upload and release its bytes), kept tidy by a periodic sweep (MaintenanceService).
 */
@Module({
  imports: [HealthModule],
  controllers: [UploadsController],
  providers: [
    StorageService,
    UploadsRepository,
    BlobsRepository,
    UploadsService,
    BlobsService,
    VerificationService,
    MaintenanceService,
  ],
  exports: [StorageService, BlobsService],
})
export class StorageModule {
  constructor(readiness: ReadinessRegistry, storage: StorageService) {
    readiness.register('objectStore', () => storage.ping());
  }
}
