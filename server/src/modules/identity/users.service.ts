import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import { toPage } from '../../common/pagination.js';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { AuthService } from './auth.service.js';
import { SCHOOL_BOUND_ROLES, assertCanManage, canLinkParent, canSeeUser, userListScope } from './identity.access.js';
import type { ChildView, CreateUserDto, MeView, UpdateUserDto, UserPage, UserQuery, UserView } from './identity.dto.js';
import type { User } from './identity.entities.js';
import { hashPassword, isStrongEnough, verifyPassword } from './passwords.js';
import { toUserView } from './users.present.js';
import { UsersRepository } from './users.repository.js';

/** Accounts: the caller's own, the accounts an admin manages, guardianship links. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly orgs: OrganizationsService,
    private readonly auth: AuthService,
  ) {}

  async me(p: Principal): Promise<MeView> {
    const u = await this.users.byId(p.userId);
    if (!u) throw AppError.notFound('user.notFound');
    const school = u.schoolId ? await this.orgs.getSchool(u.schoolId) : null;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      schoolId: u.schoolId,
      schoolName: school?.name ?? null,
      groupIds: p.groupIds,
      titles: u.titles,
      grade: u.grade,
      mustChangePassword: u.mustChangePassword,
      restricted: p.restricted,
    };
  }

  private validateShape(dto: Pick<CreateUserDto, 'role' | 'schoolId' | 'groupId' | 'grade'>): void {
    if (SCHOOL_BOUND_ROLES.includes(dto.role) && !dto.schoolId) throw AppError.field('schoolId', 'user.schoolRequired');
    if (dto.role === 'group_admin' && !dto.groupId) throw AppError.field('groupId', 'user.groupRequired');
    if (dto.grade !== undefined && dto.role !== 'student') throw AppError.field('grade', 'user.gradeForStudents');
  }

  async create(p: Principal, dto: CreateUserDto): Promise<UserView> {
    this.validateShape(dto);
    if (!isStrongEnough(dto.password)) throw AppError.field('password', 'user.weakPassword');
    const schoolId = dto.role === 'group_admin' || dto.role === 'platform_admin' ? null : (dto.schoolId ?? null);
    const groupId = dto.role === 'group_admin' ? (dto.groupId ?? null) : null;
    assertCanManage(p, dto.role, schoolId, groupId);
    if (schoolId) await this.orgs.getSchool(schoolId);
    const username = dto.username.toLowerCase();
    if (await this.users.usernameTaken(username)) throw AppError.field('username', 'user.usernameTaken', { username });
    if (dto.phone && (await this.users.phoneTaken(dto.phone))) throw AppError.field('phone', 'user.phoneTaken');
    const user = await this.users.insert({
      username,
      displayName: dto.displayName.trim(),
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      schoolId,
      groupId,
      phone: dto.phone ?? null,
      titles: dto.role === 'teacher' ? (dto.titles ?? []) : [],
      grade: dto.grade ?? null,
      birthDate: dto.role === 'student' ? (dto.birthDate ?? null) : null,
      mustChangePassword: true,
    });
    return toUserView(user);
  }

  /** An account the caller may see (identity.access.ts), else not found. */
  async get(p: Principal, id: string): Promise<User> {
    const u = await this.users.byId(id);
    if (!u || !canSeeUser(p, u)) throw AppError.notFound('user.notFound');
    return u;
  }

  async list(p: Principal, q: UserQuery): Promise<UserPage> {
    const limit = q.limit ?? 50;
    const rows = await this.users.page(userListScope(p, q.schoolId), { role: q.role, q: q.q, cursor: q.cursor }, limit);
    const page = toPage(rows, limit, (u) => [u.username]);
    return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
  }

  async update(p: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    const u = await this.get(p, id);
    assertCanManage(p, u.role, u.schoolId, u.groupId);
    if (dto.grade !== undefined && u.role !== 'student') throw AppError.field('grade', 'user.gradeForStudents');
    if (dto.phone && dto.phone !== u.phone && (await this.users.phoneTaken(dto.phone)))
      throw AppError.field('phone', 'user.phoneTaken');
    if (dto.displayName !== undefined) u.displayName = dto.displayName.trim();
    if (dto.phone !== undefined) u.phone = dto.phone;
    if (dto.titles !== undefined && u.role === 'teacher') u.titles = dto.titles;
    if (dto.grade !== undefined) u.grade = dto.grade;
    if (dto.status !== undefined) u.status = dto.status;
    const saved = await this.users.save(u);
    if (dto.status === 'disabled') await this.auth.revokeAll(u.id);
    return toUserView(saved);
  }

  async resetPassword(p: Principal, id: string, newPassword: string): Promise<void> {
    const u = await this.get(p, id);
    assertCanManage(p, u.role, u.schoolId, u.groupId);
    if (!isStrongEnough(newPassword)) throw AppError.field('newPassword', 'user.weakPassword');
    await this.users.setPassword(id, await hashPassword(newPassword), true);
    await this.auth.revokeAll(id);
  }

  async changeOwnPassword(p: Principal, current: string, next: string): Promise<void> {
    const u = await this.users.withPasswordById(p.userId);
    if (!u) throw AppError.notFound('user.notFound');
    if (!(await verifyPassword(u.passwordHash, current))) throw AppError.field('currentPassword', 'user.wrongPassword');
    if (!isStrongEnough(next)) throw AppError.field('newPassword', 'user.weakPassword');
    await this.users.setPassword(u.id, await hashPassword(next), false);
    // other devices sign in again; this session stays
    await this.auth.revokeOthers(u.id, p.sessionId);
  }

  async linkGuardian(p: Principal, studentId: string, parentId: string, relation = 'guardian'): Promise<void> {
    const student = await this.get(p, studentId);
    const parent = await this.users.byId(parentId);
    if (!parent || parent.role !== 'parent' || student.role !== 'student') throw AppError.badRequest('user.notParentOrStudent');
    if (!canLinkParent(p, parent)) throw AppError.forbidden();
    await this.users.linkGuardian(parentId, studentId, relation);
    this.auth.forgetCached();
  }

  async children(p: Principal): Promise<ChildView[]> {
    const kids = await this.users.byIds(await this.users.childIdsOf(p.userId));
    if (!kids.length) return [];
    const schools = await this.orgs.schoolsByIds(kids.map((k) => k.schoolId).filter((s): s is string => !!s));
    return kids.map((k) => ({
      id: k.id,
      displayName: k.displayName,
      grade: k.grade,
      schoolName: schools.find((s) => s.id === k.schoolId)?.name ?? null,
    }));
  }

  /** Parent → child check other modules use (a parent sees what their child watched). */
  isGuardianOf(parentId: string, studentId: string): Promise<boolean> {
    return this.users.isGuardianOf(parentId, studentId);
  }

  /** Display names by user id, for other modules (unknown ids are left out). */
  async displayNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const users = wanted.length ? await this.users.byIds(wanted) : [];
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
