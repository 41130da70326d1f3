import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import { Conflicts } from '../../common/openapi.js';
import { ADMIN_ROLES, STAFF_ROLES, type Principal } from '../../common/roles.js';
import { GROUP_MEMBERSHIP_ROLES, SCHOOL_CREATOR_ROLES } from './organizations.access.js';
import { AddMemberDto, CreateGroupDto, CreateSchoolDto, GroupView, SchoolView, UpdateSchoolDto } from './organizations.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Get('schools')
  @ApiOperation({ summary: 'List the schools the caller may see' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: [SchoolView] })
  listSchools(@CurrentUser() p: Principal) {
    return this.orgs.listSchools(p);
  }

  @Post('schools')
  @ApiOperation({ summary: 'Create a school' })
  @Access(SCHOOL_CREATOR_ROLES)
  @ApiOkResponse({ type: SchoolView })
  @Conflicts('Another school has that code')
  createSchool(@CurrentUser() p: Principal, @Body() dto: CreateSchoolDto) {
    return this.orgs.createSchool(p, dto);
  }

  @Patch('schools/:id')
  @ApiOperation({ summary: "Update a school's name, locality, stage or district" })
  @Access(ADMIN_ROLES)
  @ApiOkResponse({ type: SchoolView })
  updateSchool(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSchoolDto) {
    return this.orgs.updateSchool(p, id, dto);
  }

  @Get('groups')
  @ApiOperation({ summary: 'List the education groups the caller may see' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: [GroupView] })
  listGroups(@CurrentUser() p: Principal) {
    return this.orgs.listGroups(p);
  }

  @Get('groups/:id')
  @ApiOperation({ summary: 'Get an education group and its member schools' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: GroupView })
  getGroup(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.orgs.getGroup(p, id);
  }

  @Post('groups')
  @ApiOperation({ summary: 'Create an education group' })
  @Access(['platform_admin'])
  @ApiOkResponse({ type: GroupView })
  createGroup(@Body() dto: CreateGroupDto) {
    return this.orgs.createGroup(dto);
  }

  @Post('groups/:id/schools')
  @ApiOperation({ summary: 'Add a school to an education group' })
  @Access(GROUP_MEMBERSHIP_ROLES)
  @ApiOkResponse({ type: GroupView })
  @Conflicts('The school is already a member of the group')
  addMember(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddMemberDto) {
    return this.orgs.addMember(p, id, dto);
  }

  @Delete('groups/:id/schools/:schoolId')
  @ApiOperation({ summary: 'Remove a school from an education group' })
  @Access(GROUP_MEMBERSHIP_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  async removeMember(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('schoolId', ParseUUIDPipe) schoolId: string,
  ) {
    await this.orgs.removeMember(p, id, schoolId);
  }
}
