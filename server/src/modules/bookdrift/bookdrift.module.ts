import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { BookdriftController } from './bookdrift.controller.js';
import { CampaignsService } from './campaigns.service.js';
import { CatalogueService } from './catalogue.service.js';
import { ListsService } from './lists.service.js';
import { NotesService } from './notes.service.js';

/** Library catalogue, drift codes and labels, reading lists, drift campaigns, shipments and reading notes. */
@Module({
  imports: [OrganizationsModule, IdentityModule],
  controllers: [BookdriftController],
  providers: [CatalogueService, CampaignsService, NotesService, ListsService],
  exports: [CatalogueService, CampaignsService],
})
export class BookdriftModule {}
