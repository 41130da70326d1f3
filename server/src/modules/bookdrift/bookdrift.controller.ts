import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentUser, Public, RequestLang } from '../../common/access.js';
import type { Lang } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { BOOKDRIFT_ROLES as R } from './bookdrift.access.js';
import {
  BatchDto,
  CampaignView,
  CopyPage,
  CopyQuery,
  CopyView,
  CreateCampaignDto,
  CreateListDto,
  CreateNoteDto,
  DashboardView,
  DriftCopyView,
  ImportReportView,
  LabelsDto,
  MembershipChangeDto,
  NoteView,
  PublicDriftCopyView,
  ReadingListDetailView,
  ReadingListView,
  ReportCopyDto,
  ReviewNoteDto,
  ScanDto,
  ScanResultView,
  ScheduleDto,
  SchoolQuery,
  ShareDto,
  ShipmentDetailView,
  ShipmentView,
  WhereView,
} from './bookdrift.dto.js';
import { presentCopyPage, presentDashboard, presentWhere } from './bookdrift.present.js';
import { CampaignsService } from './campaigns.service.js';
import { MAX_CATALOGUE_BYTES } from './catalogue-import.js';
import { CatalogueImportService } from './catalogue-import.service.js';
import { CatalogueService } from './catalogue.service.js';
import { CopiesService } from './copies.service.js';
import { DashboardService } from './dashboard.service.js';
import { ListsService } from './lists.service.js';
import { NotesService } from './notes.service.js';
import { RoundPlannerService } from './round-planner.service.js';
import { ShipmentViewsService } from './shipment-views.service.js';
import { ShipmentsService } from './shipments.service.js';

@ApiTags('bookdrift')
@Controller('bookdrift')
export class BookdriftController {
  constructor(
    private readonly importer: CatalogueImportService,
    private readonly catalogue: CatalogueService,
    private readonly copiesService: CopiesService,
    private readonly notes: NotesService,
    private readonly lists: ListsService,
    private readonly campaigns: CampaignsService,
    private readonly rounds: RoundPlannerService,
    private readonly dashboards: DashboardService,
    private readonly shipmentViews: ShipmentViewsService,
    private readonly shipmentsService: ShipmentsService,
  ) {}

  // ---- catalogue
  @Post('catalogue/import')
  @Access(R.librarians)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { schoolId: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: ImportReportView })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_CATALOGUE_BYTES + 1, files: 1 } }))
  importCatalogue(@CurrentUser() p: Principal, @Body() body: SchoolQuery, @UploadedFile() file: { buffer: Buffer } | undefined) {
    return this.importer.importCatalogue(p, body.schoolId, file?.buffer);
  }

  @Get('copies')
  @Access(R.staff)
  @ApiOkResponse({ type: CopyPage })
  copies(@CurrentUser() p: Principal, @Query() q: CopyQuery) {
    return this.catalogue.listCopies(p, q);
  }

  @Post('copies/share')
  @Access(R.librarians)
  @ApiOkResponse({ type: [CopyView] })
  share(@CurrentUser() p: Principal, @Body() dto: ShareDto) {
    return this.copiesService.setShared(p, dto.copyIds, dto.shared);
  }

  @Post('copies/labels')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A4 label sheet (PDF)', schema: { type: 'string', format: 'binary' } })
  async labels(@CurrentUser() p: Principal, @Body() dto: LabelsDto, @Res() res: Response) {
    const pdf = await this.copiesService.labels(p, dto.copyIds);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', 'attachment; filename="drift-labels.pdf"');
    res.send(pdf);
  }

  @Post('copies/:id/report')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: CopyView })
  report(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReportCopyDto) {
    return this.copiesService.reportCopy(p, id, dto);
  }

  // ---- copy page and notes
  @Get('drift/:code')
  @Access('signed-in')
  @ApiOkResponse({ type: DriftCopyView })
  async copyPage(@CurrentUser() p: Principal, @Param('code') code: string, @RequestLang() lang: Lang) {
    return presentCopyPage(await this.notes.copyPage(p, code), lang);
  }

  @Get('public/drift/:code')
  @Public()
  @ApiOkResponse({ type: PublicDriftCopyView, description: 'what anyone who scans a label may see (no names, no note text)' })
  publicCopyPage(@Param('code') code: string) {
    return this.notes.publicCopyPage(code);
  }

  @Post('drift/:code/notes')
  @Access(R.noteWriters)
  @ApiOkResponse({ type: NoteView })
  writeNote(@CurrentUser() p: Principal, @Param('code') code: string, @Body() dto: CreateNoteDto) {
    return this.notes.writeNote(p, code, dto.body, dto.rating);
  }

  @Get('notes/pending')
  @Access(R.noteReviewers)
  @ApiOkResponse({ type: [NoteView] })
  pendingNotes(@CurrentUser() p: Principal) {
    return this.notes.pending(p);
  }

  @Post('notes/:id/review')
  @Access(R.noteReviewers)
  @HttpCode(200)
  @ApiOkResponse({ type: NoteView })
  review(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewNoteDto) {
    return this.notes.review(p, id, dto.approve);
  }

  @Post('where')
  @Access(R.staff)
  @HttpCode(200)
  @ApiOkResponse({ type: WhereView })
  async where(@CurrentUser() p: Principal, @Body() dto: ScanDto, @RequestLang() lang: Lang) {
    return presentWhere(await this.shipmentsService.where(p, dto.code), lang);
  }

  // ---- reading lists
  @Get('lists')
  @Access('signed-in')
  @ApiOkResponse({ type: [ReadingListView] })
  readingLists(@CurrentUser() p: Principal) {
    return this.lists.list(p);
  }

  @Post('lists')
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListDetailView })
  createList(@CurrentUser() p: Principal, @Body() dto: CreateListDto) {
    return this.lists.create(p, dto);
  }

  @Get('lists/:id')
  @Access('signed-in')
  @ApiOkResponse({ type: ReadingListDetailView })
  readingList(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.get(p, id);
  }

  @Post('lists/:id/follow')
  @Access(R.listKeepers)
  @HttpCode(200)
  @ApiOkResponse({ type: ReadingListView })
  follow(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.follow(p, id, true);
  }

  @Delete('lists/:id/follow')
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListView })
  unfollow(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.follow(p, id, false);
  }

  @Post('lists/:id/copy')
  @Access(R.listKeepers)
  @ApiOkResponse({ type: ReadingListDetailView })
  copyList(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.copy(p, id);
  }

  // ---- campaigns
  @Get('campaigns')
  @Access(R.staff)
  @ApiOkResponse({ type: [CampaignView] })
  listCampaigns(@CurrentUser() p: Principal) {
    return this.campaigns.list(p);
  }

  @Post('campaigns')
  @Access(R.groupAdmins)
  @ApiOkResponse({ type: CampaignView })
  createCampaign(@CurrentUser() p: Principal, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(p, dto);
  }

  @Get('campaigns/:id')
  @Access(R.staff)
  @ApiOkResponse({ type: CampaignView })
  campaign(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.get(p, id);
  }

  @Put('campaigns/:id/schedule')
  @Access(R.groupAdmins)
  @ApiOkResponse({ type: CampaignView })
  adjust(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ScheduleDto) {
    return this.campaigns.adjustSchedule(p, id, dto.legs);
  }

  @Post('campaigns/:id/join')
  @Access(R.groupAdmins)
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignView })
  join(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MembershipChangeDto) {
    return this.campaigns.changeMembership(p, id, dto.schoolId, dto.fromRound, true);
  }

  @Post('campaigns/:id/leave')
  @Access(R.groupAdmins)
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignView })
  leave(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MembershipChangeDto) {
    return this.campaigns.changeMembership(p, id, dto.schoolId, dto.fromRound, false);
  }

  @Put('campaigns/:id/batches/:schoolId')
  @Access(R.librarians)
  @ApiOkResponse({ type: CampaignView })
  setBatch(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('schoolId', ParseUUIDPipe) schoolId: string,
    @Body() dto: BatchDto,
  ) {
    return this.campaigns.setBatch(p, id, schoolId, dto.copyIds);
  }

  @Post('campaigns/:id/rounds/:round/plan')
  @Access(R.groupAdmins)
  @ApiOkResponse({ type: [ShipmentView] })
  planRound(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('round', ParseIntPipe) round: number) {
    return this.rounds.planRound(p, id, round);
  }

  @Get('campaigns/:id/dashboard')
  @Access(R.staff)
  @ApiOkResponse({ type: DashboardView })
  async dashboard(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return presentDashboard(await this.dashboards.dashboard(p, id), lang);
  }

  // ---- shipments
  @Get('shipments')
  @Access(R.librarians)
  @ApiOkResponse({ type: [ShipmentView] })
  shipments(@CurrentUser() p: Principal, @Query() q: SchoolQuery) {
    return this.shipmentViews.ofSchool(p, q.schoolId);
  }

  @Get('shipments/:id')
  @Access(R.librarians)
  @ApiOkResponse({ type: ShipmentDetailView })
  shipment(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipmentViews.detail(p, id);
  }

  @Post('shipments/:id/pack')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  pack(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipmentsService.pack(p, id);
  }

  @Post('shipments/:id/send')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  send(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipmentsService.send(p, id);
  }

  @Post('shipments/:id/scan')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ScanResultView })
  scan(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ScanDto) {
    return this.shipmentsService.scan(p, id, dto.code);
  }

  @Post('shipments/:id/complete')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  complete(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipmentsService.completeReceipt(p, id);
  }

  @Post('shipments/:id/cancel')
  @Access(R.librarians)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  cancel(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipmentsService.cancel(p, id);
  }
}
