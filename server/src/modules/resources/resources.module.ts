import { Module } from '@nestjs/common';
import { BlobsService } from '../storage/index.js';
import { RESOURCE_BLOBS } from './blobs.js';
import { CatalogueService } from './catalogue.service.js';
import { PreviewService } from './preview.service.js';
import { CatalogueController, ResourcesController } from './resources.controller.js';
import { ResourcesService } from './resources.service.js';

@Module({
  controllers: [CatalogueController, ResourcesController],
  providers: [CatalogueService, ResourcesService, PreviewService, { provide: RESOURCE_BLOBS, useExisting: BlobsService }],
  exports: [CatalogueService, ResourcesService],
})
export class ResourcesModule {}
