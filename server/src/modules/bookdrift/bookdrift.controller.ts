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
import { Access, CurrentUser, Public } from '../../common/access.js';
import { ADMIN_ROLES, STAFF_ROLES, type Principal } from '../../common/roles.js';
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
import { CampaignsService } from './campaigns.service.js';
import { CatalogueService, MAX_CATALOGUE_BYTES } from './catalogue.service.js';
import { ListsService } from './lists.service.js';
import { NotesService } from './notes.service.js';

const LIBRARIANS = ADMIN_ROLES; // school admins run the library; group/platform admins may act for them
const GROUP_ADMINS: Principal['role'][] = ['platform_admin', 'group_admin'];

@ApiTags('bookdrift')
@Controller('bookdrift')
export class BookdriftController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly campaigns: CampaignsService,
    private readonly notes: NotesService,
    private readonly lists: ListsService,
  ) {}

  // ---- catalogue
  @Post('catalogue/import')
  @Access(LIBRARIANS)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { schoolId: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: ImportReportView })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_CATALOGUE_BYTES + 1, files: 1 } }))
  importCatalogue(@CurrentUser() p: Principal, @Body() body: SchoolQuery, @UploadedFile() file: { buffer: Buffer } | undefined) {
    return this.catalogue.importCatalogue(p, body.schoolId, file?.buffer);
  }

  @Get('copies')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: CopyPage })
  copies(@CurrentUser() p: Principal, @Query() q: CopyQuery) {
    return this.catalogue.listCopies(p, q);
  }

  @Post('copies/share')
  @Access(LIBRARIANS)
  @ApiOkResponse({ type: [CopyView] })
  share(@CurrentUser() p: Principal, @Body() dto: ShareDto) {
    return this.catalogue.setShared(p, dto.copyIds, dto.shared);
  }

  @Post('copies/labels')
  @Access(LIBRARIANS)
  @HttpCode(200)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A4 label sheet (PDF)', schema: { type: 'string', format: 'binary' } })
  async labels(@CurrentUser() p: Principal, @Body() dto: LabelsDto, @Res() res: Response) {
    const pdf = await this.catalogue.labels(p, dto.copyIds);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', 'attachment; filename="drift-labels.pdf"');
    res.send(pdf);
  }

  @Post('copies/:id/report')
  @Access(LIBRARIANS)
  @HttpCode(200)
  @ApiOkResponse({ type: CopyView })
  report(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReportCopyDto) {
    return this.catalogue.reportCopy(p, id, dto);
  }

  // ---- copy page and notes
  @Get('drift/:code')
  @Access('signed-in')
  @ApiOkResponse({ type: DriftCopyView })
  copyPage(@CurrentUser() p: Principal, @Param('code') code: string) {
    return this.notes.copyPage(p, code);
  }

  @Get('public/drift/:code')
  @Public()
  @ApiOkResponse({ type: PublicDriftCopyView, description: 'what anyone who scans a label may see (no names, no note text)' })
  publicCopyPage(@Param('code') code: string) {
    return this.notes.publicCopyPage(code);
  }

  @Post('drift/:code/notes')
  @Access(['student'])
  @ApiOkResponse({ type: NoteView })
  writeNote(@CurrentUser() p: Principal, @Param('code') code: string, @Body() dto: CreateNoteDto) {
    return this.notes.writeNote(p, code, dto.body, dto.rating);
  }

  @Get('notes/pending')
  @Access(['platform_admin', 'school_admin', 'teacher'])
  @ApiOkResponse({ type: [NoteView] })
  pendingNotes(@CurrentUser() p: Principal) {
    return this.notes.pending(p);
  }

  @Post('notes/:id/review')
  @Access(['platform_admin', 'school_admin', 'teacher'])
  @HttpCode(200)
  @ApiOkResponse({ type: NoteView })
  review(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewNoteDto) {
    return this.notes.review(p, id, dto.approve);
  }

  @Post('where')
  @Access(STAFF_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: WhereView })
  where(@CurrentUser() p: Principal, @Body() dto: ScanDto) {
    return this.campaigns.where(p, dto.code);
  }

  // ---- reading lists
  @Get('lists')
  @Access('signed-in')
  @ApiOkResponse({ type: [ReadingListView] })
  readingLists(@CurrentUser() p: Principal) {
    return this.lists.list(p);
  }

  @Post('lists')
  @Access(['school_admin', 'teacher'])
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
  @Access(['school_admin', 'teacher'])
  @HttpCode(200)
  @ApiOkResponse({ type: ReadingListView })
  follow(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.follow(p, id, true);
  }

  @Delete('lists/:id/follow')
  @Access(['school_admin', 'teacher'])
  @ApiOkResponse({ type: ReadingListView })
  unfollow(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.follow(p, id, false);
  }

  @Post('lists/:id/copy')
  @Access(['school_admin', 'teacher'])
  @ApiOkResponse({ type: ReadingListDetailView })
  copyList(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lists.copy(p, id);
  }

  // ---- campaigns
  @Get('campaigns')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: [CampaignView] })
  listCampaigns(@CurrentUser() p: Principal) {
    return this.campaigns.list(p);
  }

  @Post('campaigns')
  @Access(GROUP_ADMINS)
  @ApiOkResponse({ type: CampaignView })
  createCampaign(@CurrentUser() p: Principal, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(p, dto);
  }

  @Get('campaigns/:id')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: CampaignView })
  campaign(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.get(p, id);
  }

  @Put('campaigns/:id/schedule')
  @Access(GROUP_ADMINS)
  @ApiOkResponse({ type: CampaignView })
  adjust(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ScheduleDto) {
    return this.campaigns.adjustSchedule(p, id, dto.legs);
  }

  @Post('campaigns/:id/join')
  @Access(GROUP_ADMINS)
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignView })
  join(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MembershipChangeDto) {
    return this.campaigns.changeMembership(p, id, dto.schoolId, dto.fromRound, true);
  }

  @Post('campaigns/:id/leave')
  @Access(GROUP_ADMINS)
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignView })
  leave(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MembershipChangeDto) {
    return this.campaigns.changeMembership(p, id, dto.schoolId, dto.fromRound, false);
  }

  @Put('campaigns/:id/batches/:schoolId')
  @Access(LIBRARIANS)
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
  @Access(GROUP_ADMINS)
  @ApiOkResponse({ type: [ShipmentView] })
  planRound(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('round', ParseIntPipe) round: number) {
    return this.campaigns.planRound(p, id, round);
  }

  @Get('campaigns/:id/dashboard')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: DashboardView })
  dashboard(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.notes.dashboard(p, id);
  }

  // ---- shipments
  @Get('shipments')
  @Access(LIBRARIANS)
  @ApiOkResponse({ type: [ShipmentView] })
  shipments(@CurrentUser() p: Principal, @Query() q: SchoolQuery) {
    return this.campaigns.listShipments(p, q.schoolId);
  }

  @Get('shipments/:id')
  @Access(LIBRARIANS)
  @ApiOkResponse({ type: ShipmentDetailView })
  shipment(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.shipmentDetail(p, id);
  }

  @Post('shipments/:id/pack')
  @Access(LIBRARIANS)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  pack(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.pack(p, id);
  }

  @Post('shipments/:id/send')
  @Access(LIBRARIANS)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  send(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.send(p, id);
  }

  @Post('shipments/:id/scan')
  @Access(LIBRARIANS)
  @HttpCode(200)
  @ApiOkResponse({ type: ScanResultView })
  scan(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ScanDto) {
    return this.campaigns.scan(p, id, dto.code);
  }

  @Post('shipments/:id/complete')
  @Access(LIBRARIANS)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  complete(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.completeReceipt(p, id);
  }

  @Post('shipments/:id/cancel')
  @Access(LIBRARIANS)
  @HttpCode(200)
  @ApiOkResponse({ type: ShipmentDetailView })
  cancel(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.cancel(p, id);
  }
}
