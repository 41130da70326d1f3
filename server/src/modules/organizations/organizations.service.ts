import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import type {
  AddMemberDto,
  CreateGroupDto,
  CreateSchoolDto,
  GroupView,
  SchoolView,
  UpdateSchoolDto,
} from './organizations.dto.js';
import { EducationGroup, GroupMembership, School } from './organization.entities.js';

registerMessages({
  'org.schoolNotFound': { zh: '学校不存在', en: 'School not found' },
  'org.groupNotFound': { zh: '教育集团不存在', en: 'Education group not found' },
  'org.schoolCodeTaken': { zh: '学校代码 {code} 已被使用', en: 'School code {code} is already taken' },
  'org.alreadyMember': { zh: '该学校已是集团成员', en: 'The school is already a member of the group' },
  'org.cannotRemoveCore': { zh: '不能移除集团的核心校', en: 'The core school cannot be removed from its group' },
});

/** Education groups and schools, and the scope questions every other module asks. */
@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private readonly membershipListeners: (() => void)[] = [];

  /** Called after a school joins or leaves a group, so caches of who reaches which school can drop stale entries. */
  onMembershipChange(listener: () => void): void {
    this.membershipListeners.push(listener);
  }

  private membershipChanged(): void {
    for (const listener of this.membershipListeners) listener();
  }

  private get schools() {
    return this.db.getRepository(School);
  }
  private get groups() {
    return this.db.getRepository(EducationGroup);
  }
  private get members() {
    return this.db.getRepository(GroupMembership);
  }

  async groupIdsOfSchool(schoolId: string): Promise<string[]> {
    const rows = await this.members.findBy({ schoolId });
    return rows.map((r) => r.groupId);
  }

  async schoolIdsOfGroups(groupIds: string[]): Promise<string[]> {
    if (!groupIds.length) return [];
    const rows = await this.members.findBy({ groupId: In(groupIds) });
    return [...new Set(rows.map((r) => r.schoolId))];
  }

  /** May this caller administer that school? */
  canAdministerSchool(p: Principal, schoolId: string): boolean {
    if (p.role === 'platform_admin') return true;
    if (p.role === 'group_admin') return p.groupSchoolIds.includes(schoolId);
    if (p.role === 'school_admin') return p.schoolId === schoolId;
    return false;
  }

  assertAdministersSchool(p: Principal, schoolId: string): void {
    if (!this.canAdministerSchool(p, schoolId)) throw AppError.forbidden();
  }

  async getSchool(id: string): Promise<School> {
    const school = await this.schools.findOneBy({ id });
    if (!school) throw AppError.notFound('org.schoolNotFound');
    return school;
  }

  async schoolsByIds(ids: string[]): Promise<School[]> {
    return ids.length ? this.schools.findBy({ id: In(ids) }) : [];
  }

  /** Schools the caller can see: everyone in their groups; platform admins see all. */
  async listSchools(p: Principal): Promise<SchoolView[]> {
    const rows =
      p.role === 'platform_admin'
        ? await this.schools.find({ order: { name: 'ASC' } })
        : await this.schools.find({ where: { id: In(p.groupSchoolIds) }, order: { name: 'ASC' } });
    return rows.map(toSchoolView);
  }

  async createSchool(p: Principal, dto: CreateSchoolDto): Promise<SchoolView> {
    if (await this.schools.existsBy({ code: dto.code }))
      throw new AppError(409, 'org.schoolCodeTaken', { code: dto.code }, [
        { field: 'code', key: 'org.schoolCodeTaken', params: { code: dto.code } },
      ]);
    const view = await this.db.transaction(async (m) => {
      const school = await m.getRepository(School).save(m.getRepository(School).create({ ...dto, district: dto.district ?? '' }));
      // a group admin's new school joins their group at once
      if (p.role === 'group_admin' && p.groupIds[0])
        await m.getRepository(GroupMembership).insert({ groupId: p.groupIds[0], schoolId: school.id, role: 'member' });
      return toSchoolView(school);
    });
    this.membershipChanged();
    return view;
  }

  async updateSchool(p: Principal, id: string, dto: UpdateSchoolDto): Promise<SchoolView> {
    const school = await this.getSchool(id);
    this.assertAdministersSchool(p, id);
    Object.assign(school, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    return toSchoolView(await this.schools.save(school));
  }

  async listGroups(p: Principal): Promise<GroupView[]> {
    const groups =
      p.role === 'platform_admin'
        ? await this.groups.find({ order: { name: 'ASC' } })
        : await this.groups.find({ where: { id: In(p.groupIds) }, order: { name: 'ASC' } });
    return this.withSchools(groups);
  }

  async getGroup(p: Principal, id: string): Promise<GroupView> {
    if (p.role !== 'platform_admin' && !p.groupIds.includes(id)) throw AppError.notFound('org.groupNotFound');
    const group = await this.groups.findOneBy({ id });
    if (!group) throw AppError.notFound('org.groupNotFound');
    return (await this.withSchools([group]))[0];
  }

  async createGroup(dto: CreateGroupDto): Promise<GroupView> {
    await this.getSchool(dto.coreSchoolId);
    const group = await this.db.transaction(async (m) => {
      const g = await m
        .getRepository(EducationGroup)
        .save(
          m
            .getRepository(EducationGroup)
            .create({ name: dto.name, kind: dto.kind, region: dto.region ?? '', coreSchoolId: dto.coreSchoolId }),
        );
      await m.getRepository(GroupMembership).insert({ groupId: g.id, schoolId: dto.coreSchoolId, role: 'core' });
      return g;
    });
    this.membershipChanged();
    return (await this.withSchools([group]))[0];
  }

  async addMember(p: Principal, groupId: string, dto: AddMemberDto): Promise<GroupView> {
    if (p.role === 'group_admin' && !p.groupIds.includes(groupId)) throw AppError.forbidden();
    await this.getSchool(dto.schoolId);
    const group = await this.groups.findOneBy({ id: groupId });
    if (!group) throw AppError.notFound('org.groupNotFound');
    if (await this.members.existsBy({ groupId, schoolId: dto.schoolId })) throw AppError.conflict('org.alreadyMember');
    await this.members.insert({ groupId, schoolId: dto.schoolId, role: 'member' });
    this.membershipChanged();
    return (await this.withSchools([group]))[0];
  }

  async removeMember(p: Principal, groupId: string, schoolId: string): Promise<void> {
    if (p.role === 'group_admin' && !p.groupIds.includes(groupId)) throw AppError.forbidden();
    const group = await this.groups.findOneBy({ id: groupId });
    if (!group) throw AppError.notFound('org.groupNotFound');
    if (group.coreSchoolId === schoolId) throw AppError.badRequest('org.cannotRemoveCore');
    await this.members.delete({ groupId, schoolId });
    this.membershipChanged();
  }

  private async withSchools(groups: EducationGroup[]): Promise<GroupView[]> {
    if (!groups.length) return [];
    const memberships = await this.members.findBy({ groupId: In(groups.map((g) => g.id)) });
    const schools = await this.schoolsByIds([...new Set(memberships.map((m) => m.schoolId))]);
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
