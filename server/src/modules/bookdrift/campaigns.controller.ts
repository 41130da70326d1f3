import { Body, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Access, CurrentUser, RequestLang } from '../../common/access.js';
import type { Lang } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { BOOKDRIFT_ROLES as R } from './bookdrift.access.js';
import { BatchDto, CampaignView, CreateCampaignDto, DashboardView, MembershipChangeDto, ScheduleDto } from './campaigns.dto.js';
import { ShipmentView } from './shipments.dto.js';
import { BookdriftController } from './bookdrift.openapi.js';
import { presentDashboard } from './bookdrift.present.js';
import { CampaignsService } from './campaigns.service.js';
import { RoundPlannerService } from './round-planner.service.js';
import { DashboardService } from './dashboard.service.js';

/** Drift campaigns: plan, schedule, membership, batches, rounds and the dashboard. */
@BookdriftController()
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly rounds: RoundPlannerService,
    private readonly dashboards: DashboardService,
  ) {}

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
}
