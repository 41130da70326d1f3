import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import {
  canAdministerSchool,
  canAttachSchool,
  canManageGroupMembers,
  canSeeGroup,
  groupOfNewSchool,
  seesAllOrganizations,
} from './organizations.access.js';
import type {
  AddMemberDto,
  CreateGroupDto,
  CreateSchoolDto,
  GroupView,
  SchoolView,
  UpdateSchoolDto,
} from './organizations.dto.js';
import type { EducationGroup, School } from './organization.entities.js';
import { OrganizationsRepository } from './organizations.repository.js';

/** Education groups and schools, and the scope questions every other module asks. */
@Injectable()
export class OrganizationsService {
  constructor(private readonly repo: OrganizationsRepository) {}

  private readonly membershipListeners: (() => void)[] = [];

  /** Called after a school joins or leaves a group, so caches of who reaches which school can drop stale entries. */
  onMembershipChange(listener: () => void): void {
    this.membershipListeners.push(listener);
  }

  private membershipChanged(): void {
    for (const listener of this.membershipListeners) listener();
  }

  /** May this caller administer that school? (organizations.access.ts) */
  async groupIdsOfSchool(schoolId: string): Promise<string[]> {
    return (await this.repo.membershipsOfSchool(schoolId)).map((r) => r.groupId);
  }

  async schoolIdsOfGroups(groupIds: string[]): Promise<string[]> {
    if (!groupIds.length) return [];
    return [...new Set((await this.repo.membershipsOfGroups(groupIds)).map((r) => r.schoolId))];
  }

  canAdministerSchool(p: Principal, schoolId: string): boolean {
    return canAdministerSchool(p, schoolId);
  }

  assertAdministersSchool(p: Principal, schoolId: string): void {
    if (!canAdministerSchool(p, schoolId)) throw AppError.forbidden();
  }

  async getSchool(id: string): Promise<School> {
    const school = await this.repo.schoolById(id);
    if (!school) throw AppError.notFound('org.schoolNotFound');
    return school;
  }

  schoolsByIds(ids: string[]): Promise<School[]> {
    return this.repo.schoolsByIds(ids);
  }

  /** Schools the caller can see: everyone in their groups; platform admins see all. */
  async listSchools(p: Principal): Promise<SchoolView[]> {
    const rows = await this.repo.schoolsByName(seesAllOrganizations(p) ? undefined : p.groupSchoolIds);
    return rows.map(toSchoolView);
  }

  async createSchool(p: Principal, dto: CreateSchoolDto): Promise<SchoolView> {
    if (await this.repo.schoolCodeTaken(dto.code))
      throw new AppError(409, 'org.schoolCodeTaken', { code: dto.code }, [
        { field: 'code', key: 'org.schoolCodeTaken', params: { code: dto.code } },
      ]);
    const view = await this.repo.transaction(async (m) => {
      const school = await this.repo.insertSchool(m, { ...dto, district: dto.district ?? '' });
      // a group admin's new school joins their group at once
      const groupId = groupOfNewSchool(p);
      if (groupId) await this.repo.addMember(groupId, school.id, 'member', m);
      return toSchoolView(school);
    });
    this.membershipChanged();
    return view;
  }

  async updateSchool(p: Principal, id: string, dto: UpdateSchoolDto): Promise<SchoolView> {
    const school = await this.getSchool(id);
    this.assertAdministersSchool(p, id);
    Object.assign(school, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    return toSchoolView(await this.repo.saveSchool(school));
  }

  async listGroups(p: Principal): Promise<GroupView[]> {
    return this.withSchools(await this.repo.groupsByName(seesAllOrganizations(p) ? undefined : p.groupIds));
  }

  async getGroup(p: Principal, id: string): Promise<GroupView> {
    if (!canSeeGroup(p, id)) throw AppError.notFound('org.groupNotFound');
    return (await this.withSchools([await this.existingGroup(id)]))[0];
  }

  async createGroup(dto: CreateGroupDto): Promise<GroupView> {
    await this.getSchool(dto.coreSchoolId);
    const group = await this.repo.transaction(async (m) => {
      const g = await this.repo.insertGroup(m, {
        name: dto.name,
        kind: dto.kind,
        region: dto.region ?? '',
        coreSchoolId: dto.coreSchoolId,
      });
      await this.repo.addMember(g.id, dto.coreSchoolId, 'core', m);
      return g;
    });
    this.membershipChanged();
    return (await this.withSchools([group]))[0];
  }

  async addMember(p: Principal, groupId: string, dto: AddMemberDto): Promise<GroupView> {
    if (!canManageGroupMembers(p, groupId)) throw AppError.forbidden();
    if (!canAttachSchool(p)) throw AppError.forbidden('org.attachNeedsPlatformAdmin');
    await this.getSchool(dto.schoolId);
    const group = await this.existingGroup(groupId);
    if (await this.repo.isMember(groupId, dto.schoolId)) throw AppError.conflict('org.alreadyMember');
    await this.repo.addMember(groupId, dto.schoolId, 'member');
    this.membershipChanged();
    return (await this.withSchools([group]))[0];
  }

  async removeMember(p: Principal, groupId: string, schoolId: string): Promise<void> {
    if (!canManageGroupMembers(p, groupId)) throw AppError.forbidden();
    const group = await this.existingGroup(groupId);
    if (group.coreSchoolId === schoolId) throw AppError.badRequest('org.cannotRemoveCore');
    await this.repo.removeMember(groupId, schoolId);
    this.membershipChanged();
  }

  private async existingGroup(id: string): Promise<EducationGroup> {
    const group = await this.repo.groupById(id);
    if (!group) throw AppError.notFound('org.groupNotFound');
    return group;
  }

  private async withSchools(groups: EducationGroup[]): Promise<GroupView[]> {
    if (!groups.length) return [];
    const memberships = await this.repo.membershipsOfGroups(groups.map((g) => g.id));
    const schools = await this.repo.schoolsByIds([...new Set(memberships.map((m) => m.schoolId))]);
    const byId = new Map(schools.map((s) => [s.id, s]));
    return groups.map((g) => ({
      id: g.id,
      name: g.name,
      kind: g.kind,
      region: g.region,
      coreSchoolId: g.coreSchoolId,
      schools: memberships
        .filter((m) => m.groupId === g.id && byId.has(m.schoolId))
        .map((m) => ({ ...toSchoolView(byId.get(m.schoolId)!), role: m.role }))
        .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'zh-CN') : a.role === 'core' ? -1 : 1)),
    }));
  }
}

export function toSchoolView(s: School): SchoolView {
  return { id: s.id, name: s.name, code: s.code, locality: s.locality, stage: s.stage, district: s.district };
}
