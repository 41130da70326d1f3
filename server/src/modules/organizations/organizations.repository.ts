import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EducationGroup, GroupMembership, School } from './organization.entities.js';

/** All I/O of education groups, schools and memberships. Writes take the caller's transaction when given one. */
@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private schools(m: EntityManager = this.db.manager) {
    return m.getRepository(School);
  }
  private groups(m: EntityManager = this.db.manager) {
    return m.getRepository(EducationGroup);
  }
  private members(m: EntityManager = this.db.manager) {
    return m.getRepository(GroupMembership);
  }

  schoolById(id: string): Promise<School | null> {
    return this.schools().findOneBy({ id });
  }

  schoolsByIds(ids: string[]): Promise<School[]> {
    return ids.length ? this.schools().findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** Every school (no ids given) or those ids, by name. */
  schoolsByName(ids?: string[]): Promise<School[]> {
    return this.schools().find({ where: ids ? { id: In(ids) } : {}, order: { name: 'ASC' } });
  }

  schoolCodeTaken(code: string): Promise<boolean> {
    return this.schools().existsBy({ code });
  }

  insertSchool(m: EntityManager, school: Partial<School>): Promise<School> {
    return this.schools(m).save(this.schools(m).create(school));
  }

  saveSchool(school: School): Promise<School> {
    return this.schools().save(school);
  }

  groupById(id: string): Promise<EducationGroup | null> {
    return this.groups().findOneBy({ id });
  }

  /** Every group (no ids given) or those ids, by name. */
  groupsByName(ids?: string[]): Promise<EducationGroup[]> {
    return this.groups().find({ where: ids ? { id: In(ids) } : {}, order: { name: 'ASC' } });
  }

  insertGroup(m: EntityManager, group: Partial<EducationGroup>): Promise<EducationGroup> {
    return this.groups(m).save(this.groups(m).create(group));
  }

  membershipsOfGroups(groupIds: string[]): Promise<GroupMembership[]> {
    return this.members().findBy({ groupId: In(groupIds) });
  }

  membershipsOfSchool(schoolId: string): Promise<GroupMembership[]> {
    return this.members().findBy({ schoolId });
  }

  isMember(groupId: string, schoolId: string): Promise<boolean> {
    return this.members().existsBy({ groupId, schoolId });
  }

  async addMember(groupId: string, schoolId: string, role: GroupMembership['role'], m?: EntityManager): Promise<void> {
    await this.members(m).insert({ groupId, schoolId, role });
  }

  async removeMember(groupId: string, schoolId: string): Promise<void> {
    await this.members().delete({ groupId, schoolId });
  }
}
