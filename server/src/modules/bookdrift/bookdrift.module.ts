import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { BookdriftAccess } from './bookdrift.access.js';
import './bookdrift.messages.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { CatalogueController } from './catalogue.controller.js';
import { CatalogueImportService } from './catalogue-import.service.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { CatalogueService } from './catalogue.service.js';
import { CopiesService } from './copies.service.js';
import { CopyPagesController } from './copy-pages.controller.js';
import { DashboardService } from './dashboard.service.js';
import { JourneysRepository } from './journeys.repository.js';
import { ListsController } from './lists.controller.js';
import { ListsRepository } from './lists.repository.js';
import { ListsService } from './lists.service.js';
import { MissingSweepJob } from './missing-sweep.job.js';
import { NotesRepository } from './notes.repository.js';
import { NotesService } from './notes.service.js';
import { RoundPlannerService } from './round-planner.service.js';
import { ShipmentViewsService } from './shipment-views.service.js';
import { ShipmentsController } from './shipments.controller.js';
import { ShipmentsRepository } from './shipments.repository.js';
import { ShipmentsService } from './shipments.service.js';

/** Library catalogue, drift codes and labels, reading lists, drift campaigns, shipments and reading notes. */
@Module({
  imports: [OrganizationsModule, IdentityModule, JobsModule],
  // in this order: the OpenAPI document lists their paths in it
  controllers: [CatalogueController, CopyPagesController, ListsController, CampaignsController, ShipmentsController],
  providers: [
    BookdriftAccess,
    // repositories: all of the module's SQL
    CatalogueRepository,
    JourneysRepository,
    CampaignsRepository,
    ShipmentsRepository,
    NotesRepository,
    ListsRepository,
    // services, one concern each
    CatalogueImportService,
    CatalogueService,
    CopiesService,
    CampaignsService,
    RoundPlannerService,
    ShipmentViewsService,
    ShipmentsService,
    NotesService,
    DashboardService,
    ListsService,
    MissingSweepJob,
  ],
  exports: [CatalogueService, CampaignsService],
})
export class BookdriftModule {}
