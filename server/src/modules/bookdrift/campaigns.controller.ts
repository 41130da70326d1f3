import { Body, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, CurrentUser, RequestLang } from '../../common/access.js';
import { Conflicts } from '../../common/openapi.js';
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
  @ApiOperation({ summary: "List the drift campaigns of the caller's groups" })
  @Access(R.staff)
  @ApiOkResponse({ type: [CampaignView] })
  listCampaigns(@CurrentUser() p: Principal) {
    return this.campaigns.list(p);
  }

  @Post('campaigns')
  @ApiOperation({ summary: "Plan a drift campaign among a group's schools" })
  @Access(R.groupAdmins)
  @ApiOkResponse({ type: CampaignView })
  createCampaign(@CurrentUser() p: Principal, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(p, dto);
  }

  @Get('campaigns/:id')
  @ApiOperation({ summary: 'Get a drift campaign: its schools, rounds and schedule' })
  @Access(R.staff)
  @ApiOkResponse({ type: CampaignView })
  campaign(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.get(p, id);
  }

  @Put('campaigns/:id/schedule')
  @ApiOperation({ summary: "Change the schedule of the campaign's rounds not shipped yet" })
  @Access(R.groupAdmins)
  @ApiOkResponse({ type: CampaignView })
  @Conflicts('A round that has already shipped cannot change')
  adjust(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ScheduleDto) {
    return this.campaigns.adjustSchedule(p, id, dto.legs);
  }

  @Post('campaigns/:id/join')
  @ApiOperation({ summary: 'Add a school to a campaign from a given round' })
  @Access(R.groupAdmins)
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignView })
  @Conflicts('That round has already shipped, or the school is already in the campaign')
  join(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MembershipChangeDto) {
    return this.campaigns.changeMembership(p, id, dto.schoolId, dto.fromRound, true);
  }

  @Post('campaigns/:id/leave')
  @ApiOperation({ summary: 'Take a school out of a campaign from a given round' })
  @Access(R.groupAdmins)
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignView })
  @Conflicts('That round has already shipped')
  leave(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MembershipChangeDto) {
    return this.campaigns.changeMembership(p, id, dto.schoolId, dto.fromRound, false);
  }

  @Put('campaigns/:id/batches/:schoolId')
  @ApiOperation({ summary: 'Set the copies a school puts into the campaign' })
  @Access(R.librarians)
  @ApiOkResponse({ type: CampaignView })
  @Conflicts("The school's batch is already on its way")
  setBatch(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('schoolId', ParseUUIDPipe) schoolId: string,
    @Body() dto: BatchDto,
  ) {
    return this.campaigns.setBatch(p, id, schoolId, dto.copyIds);
  }

  @Post('campaigns/:id/rounds/:round/plan')
  @ApiOperation({ summary: "Plan a round's shipments from the schedule and the batches" })
  @Access(R.groupAdmins)
  @ApiOkResponse({ type: [ShipmentView] })
  @Conflicts('The round is already planned, or the previous round is still open')
  planRound(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('round', ParseIntPipe) round: number) {
    return this.rounds.planRound(p, id, round);
  }

  @Get('campaigns/:id/dashboard')
  @ApiOperation({ summary: "Get a campaign's dashboard: rounds, shipments and missing copies" })
  @Access(R.staff)
  @ApiOkResponse({ type: DashboardView })
  async dashboard(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return presentDashboard(await this.dashboards.dashboard(p, id), lang);
  }
}
