import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../../common/access.js';
import type { Principal } from '../../common/roles.js';
import { AddMemberDto, CreateGroupDto, CreateSchoolDto, GroupView, SchoolView, UpdateSchoolDto } from './organizations.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Get('schools')
  @Access(['platform_admin', 'group_admin', 'school_admin', 'teacher'])
  @ApiOkResponse({ type: [SchoolView] })
  listSchools(@CurrentUser() p: Principal) {
    return this.orgs.listSchools(p);
  }

  @Post('schools')
  @Access(['platform_admin', 'group_admin'])
  @ApiOkResponse({ type: SchoolView })
  createSchool(@CurrentUser() p: Principal, @Body() dto: CreateSchoolDto) {
    return this.orgs.createSchool(p, dto);
  }

  @Patch('schools/:id')
  @Access(['platform_admin', 'group_admin', 'school_admin'])
  @ApiOkResponse({ type: SchoolView })
  updateSchool(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSchoolDto) {
    return this.orgs.updateSchool(p, id, dto);
  }

  @Get('groups')
  @Access(['platform_admin', 'group_admin', 'school_admin', 'teacher'])
  @ApiOkResponse({ type: [GroupView] })
  listGroups(@CurrentUser() p: Principal) {
    return this.orgs.listGroups(p);
  }

  @Get('groups/:id')
  @Access(['platform_admin', 'group_admin', 'school_admin', 'teacher'])
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
  @Access(['platform_admin', 'group_admin'])
  @ApiOkResponse({ type: GroupView })
  addMember(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddMemberDto) {
    return this.orgs.addMember(p, id, dto);
  }

  @Delete('groups/:id/schools/:schoolId')
  @Access(['platform_admin', 'group_admin'])
  @HttpCode(204)
  async removeMember(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('schoolId', ParseUUIDPipe) schoolId: string,
  ) {
    await this.orgs.removeMember(p, id, schoolId);
  }
}
