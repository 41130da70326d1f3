import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import { ADMIN_ROLES, STAFF_ROLES, type Principal } from '../../common/roles.js';
import { GROUP_MEMBERSHIP_ROLES, SCHOOL_CREATOR_ROLES } from './organizations.access.js';
import { AddMemberDto, CreateGroupDto, CreateSchoolDto, GroupView, SchoolView, UpdateSchoolDto } from './organizations.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Get('schools')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: [SchoolView] })
  listSchools(@CurrentUser() p: Principal) {
    return this.orgs.listSchools(p);
  }

  @Post('schools')
  @Access(SCHOOL_CREATOR_ROLES)
  @ApiOkResponse({ type: SchoolView })
  createSchool(@CurrentUser() p: Principal, @Body() dto: CreateSchoolDto) {
    return this.orgs.createSchool(p, dto);
  }

  @Patch('schools/:id')
  @Access(ADMIN_ROLES)
  @ApiOkResponse({ type: SchoolView })
  updateSchool(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSchoolDto) {
    return this.orgs.updateSchool(p, id, dto);
  }

  @Get('groups')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: [GroupView] })
  listGroups(@CurrentUser() p: Principal) {
    return this.orgs.listGroups(p);
  }

  @Get('groups/:id')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: GroupView })
  getGroup(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.orgs.getGroup(p, id);
  }

  @Post('groups')
  @Access(['platform_admin'])
  @ApiOkResponse({ type: GroupView })
  createGroup(@Body() dto: CreateGroupDto) {
    return this.orgs.createGroup(dto);
  }

  @Post('groups/:id/schools')
  @Access(GROUP_MEMBERSHIP_ROLES)
  @ApiOkResponse({ type: GroupView })
  addMember(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddMemberDto) {
    return this.orgs.addMember(p, id, dto);
  }

  @Delete('groups/:id/schools/:schoolId')
  @Access(GROUP_MEMBERSHIP_ROLES)
  @HttpCode(204)
  async removeMember(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('schoolId', ParseUUIDPipe) schoolId: string,
  ) {
    await this.orgs.removeMember(p, id, schoolId);
  }
}
