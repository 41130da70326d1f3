import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { ReadinessRegistry } from '../health/readiness.js';
import './storage.messages.js';
import { StorageService } from './storage.service.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsService } from './uploads.service.js';

/** The object store (StorageService) and resumable uploads with content-addressed blobs (UploadsService). */
@Module({
  imports: [HealthModule],
  controllers: [UploadsController],
  providers: [StorageService, UploadsService],
  exports: [StorageService, UploadsService],
})
export class StorageModule {
  constructor(readiness: ReadinessRegistry, storage: StorageService) {
    readiness.register('objectStore', () => storage.ping());
  }
}
