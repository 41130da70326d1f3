import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { SearchModule } from '../search/search.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { AuthoringService } from './authoring.service.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { CatalogueService } from './catalogue.service.js';
import { DownloadsService } from './downloads.service.js';
import { EngagementRepository } from './engagement.repository.js';
import { EngagementService } from './engagement.service.js';
import { FileRepository } from './files.repository.js';
import { PreviewService } from './preview.service.js';
import { ResourceViews } from './resource-views.js';
import { ResourceAccess } from './resources.access.js';
import { CatalogueController, ResourcesController } from './resources.controller.js';
import './resources.messages.js';
import { ResourceRepository } from './resources.repository.js';
import { ResourceSearchIndex } from './resources.search.js';
import { ResourcesService } from './resources.service.js';
import { ReviewService } from './review.service.js';

@Module({
  imports: [MediaModule, OrganizationsModule, SearchModule, StorageModule],
  controllers: [CatalogueController, ResourcesController],
  providers: [
    CatalogueRepository,
    ResourceRepository,
    FileRepository,
    EngagementRepository,
    ResourceAccess,
    ResourceViews,
    ResourceSearchIndex,
    CatalogueService,
    ResourcesService,
    AuthoringService,
    DownloadsService,
    EngagementService,
    ReviewService,
    PreviewService,
  ],
  exports: [CatalogueService, ResourcesService],
})
export class ResourcesModule {}
