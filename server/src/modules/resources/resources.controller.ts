import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import { STAFF_ROLES, type Principal } from '../../common/roles.js';
import { CatalogueService } from './catalogue.service.js';
import {
  CatalogueImportDto,
  CatalogueImportView,
  ChapterTreeView,
  CreateResourceDto,
  DownloadDto,
  DownloadView,
  FavouriteDto,
  FavouriteView,
  NewVersionDto,
  PreviewView,
  RatingDto,
  RatingSummaryView,
  RatingView,
  ResourceDetailView,
  ResourcePage,
  ResourceQuery,
  ReviewDto,
  ReviewQueueQuery,
  TextbookQuery,
  TextbookView,
  UpdateResourceDto,
} from './resources.dto.js';
import { AuthoringService } from './authoring.service.js';
import { DownloadsService } from './downloads.service.js';
import { EngagementService } from './engagement.service.js';
import { CATALOGUE_EDITOR_ROLES, REVIEWER_ROLES } from './resources.access.js';
import { ResourcesService } from './resources.service.js';
import { ReviewService } from './review.service.js';

@ApiTags('resources')
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('textbooks')
  @ApiOperation({ summary: "List the catalogue's textbooks, by subject and stage" })
  @Access('signed-in')
  @ApiOkResponse({ type: [TextbookView] })
  list(@Query() q: TextbookQuery) {
    return this.catalogue.listTextbooks(q);
  }

  @Get('textbooks/:id/chapters')
  @ApiOperation({ summary: "Get a textbook's chapter tree" })
  @Access('signed-in')
  @ApiOkResponse({ type: ChapterTreeView })
  tree(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.catalogue.tree(p, id);
  }

  @Post('textbooks/import')
  @ApiOperation({ summary: 'Import textbook editions with their volumes, units and sections' })
  @Access(CATALOGUE_EDITOR_ROLES)
  @ApiOkResponse({ type: CatalogueImportView })
  import(@Body() dto: CatalogueImportDto) {
    return this.catalogue.import(dto);
  }
}

@ApiTags('resources')
@Controller('resources')
export class ResourcesController {
  constructor(
    private readonly resources: ResourcesService,
    private readonly authoring: AuthoringService,
    private readonly downloads: DownloadsService,
    private readonly engagement: EngagementService,
    private readonly reviews: ReviewService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search and browse the resources the caller may see, a page at a time' })
  @Access('signed-in')
  @ApiQuery({ name: 'kind', required: false, isArray: true, type: String })
  @ApiOkResponse({ type: ResourcePage })
  list(@CurrentUser() p: Principal, @Query() q: ResourceQuery) {
    return this.resources.list(p, q);
  }

  @Get('review-queue')
  @ApiOperation({ summary: "List the resources waiting for the caller's review" })
  @Access(REVIEWER_ROLES)
  @ApiOkResponse({ type: ResourcePage })
  reviewQueue(@CurrentUser() p: Principal, @Query() q: ReviewQueueQuery) {
    return this.reviews.reviewQueue(p, q);
  }

  @Post()
  @ApiOperation({ summary: 'Create a teaching resource from finished uploads' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: ResourceDetailView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateResourceDto) {
    return this.authoring.create(p, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a resource with its files and versions' })
  @Access('signed-in')
  @ApiOkResponse({ type: ResourceDetailView })
  get(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.resources.get(p, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Update a resource's details, chapter or visibility" })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: ResourceDetailView })
  update(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateResourceDto) {
    return this.authoring.update(p, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a resource' })
  @HttpCode(204)
  @Access(STAFF_ROLES)
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.authoring.remove(p, id);
  }

  @Post(':id/files')
  @ApiOperation({ summary: 'Add a file to a resource from a finished upload' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: ResourceDetailView })
  addFile(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: NewVersionDto) {
    return this.authoring.addFile(p, id, dto);
  }

  @Post(':id/files/:fileId/versions')
  @ApiOperation({ summary: "Add a new version of one of a resource's files from a finished upload" })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: ResourceDetailView })
  addVersion(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Body() dto: NewVersionDto,
  ) {
    return this.authoring.addVersion(p, id, fileId, dto);
  }

  @Get(':id/versions/:versionId/preview')
  @ApiOperation({ summary: 'Get the preview of one version of a file (pages, poster or player URL)' })
  @Access('signed-in')
  @ApiOkResponse({ type: PreviewView })
  preview(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('versionId', ParseUUIDPipe) versionId: string,
  ) {
    return this.downloads.preview(p, id, versionId);
  }

  @Post(':id/download')
  @ApiOperation({ summary: 'Get a short-lived download URL for a file version (counts a download)' })
  @HttpCode(200)
  @Access('signed-in')
  @ApiOkResponse({ type: DownloadView })
  download(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DownloadDto) {
    return this.downloads.download(p, id, dto);
  }

  @Put(':id/favourite')
  @ApiOperation({ summary: "Add a resource to the caller's favourites, or remove it" })
  @Access('signed-in')
  @ApiOkResponse({ type: FavouriteView })
  favourite(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FavouriteDto) {
    return this.engagement.favourite(p, id, dto.favourite);
  }

  @Put(':id/rating')
  @ApiOperation({ summary: 'Rate a resource; returns its new average and count' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: RatingSummaryView })
  rate(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RatingDto) {
    return this.engagement.rate(p, id, dto);
  }

  @Get(':id/ratings')
  @ApiOperation({ summary: "List a resource's ratings" })
  @Access('signed-in')
  @ApiOkResponse({ type: [RatingView] })
  ratings(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.engagement.ratings(p, id);
  }

  @Post(':id/review')
  @ApiOperation({ summary: 'Approve or reject a resource waiting for review' })
  @HttpCode(200)
  @Access(REVIEWER_ROLES)
  @ApiOkResponse({ type: ResourceDetailView })
  review(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewDto) {
    return this.reviews.review(p, id, dto);
  }
}
