import { Global, Module } from '@nestjs/common';
import './storage.messages.js';
import { StorageService } from './storage.service.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsService } from './uploads.service.js';

/** The object store (StorageService) and resumable uploads with content-addressed blobs (UploadsService). */
@Global()
@Module({
  controllers: [UploadsController],
  providers: [StorageService, UploadsService],
  exports: [StorageService, UploadsService],
})
export class StorageModule {}
