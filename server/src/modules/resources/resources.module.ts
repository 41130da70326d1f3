import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { SearchModule } from '../search/search.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { UploadsService } from '../storage/uploads.service.js';
import { RESOURCE_BLOBS } from './blobs.js';
import { CatalogueService } from './catalogue.service.js';
import { PreviewService } from './preview.service.js';
import { CatalogueController, ResourcesController } from './resources.controller.js';
import { ResourcesService } from './resources.service.js';

@Module({
  imports: [StorageModule, MediaModule, OrganizationsModule, SearchModule],
  controllers: [CatalogueController, ResourcesController],
  providers: [CatalogueService, ResourcesService, PreviewService, { provide: RESOURCE_BLOBS, useExisting: UploadsService }],
  exports: [CatalogueService, ResourcesService],
})
export class ResourcesModule {}
