import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import { decodeCursor, toPage } from '../../common/pagination.js';
import type { Principal, Role } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { AuthService, GUARDIAN_AGE, ageOn } from './auth.service.js';
import type { ChildView, CreateUserDto, MeView, UpdateUserDto, UserPage, UserQuery, UserView } from './identity.dto.js';
import { Guardianship, User } from './identity.entities.js';
import { hashPassword, isStrongEnough, verifyPassword } from './passwords.js';

registerMessages({
  'user.notFound': { zh: '用户不存在', en: 'User not found' },
  'user.usernameTaken': { zh: '用户名 {username} 已被使用', en: 'Username {username} is already taken' },
  'user.phoneTaken': { zh: '手机号已被其他账号使用', en: 'That phone number belongs to another account' },
  'user.weakPassword': {
    zh: '密码需为 8–72 位，且同时包含字母和数字',
    en: 'Passwords need 8–72 characters with letters and digits',
  },
  'user.wrongPassword': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'user.schoolRequired': { zh: '该角色必须属于一所学校', en: 'This role must belong to a school' },
  'user.groupRequired': { zh: '集团管理员必须指定所属集团', en: 'A group admin must belong to a group' },
  'user.roleNotAllowed': { zh: '您不能创建该角色的账号', en: 'You cannot create accounts with this role' },
  'user.gradeForStudents': { zh: '只有学生账号可以设置年级', en: 'Only students have a grade' },
  'user.notParentOrStudent': { zh: '只能把家长账号绑定到学生账号', en: 'Only a parent can be linked to a student' },
});

/** Which roles each admin may create or manage. */
const MANAGEABLE: Record<Role, Role[]> = {
  platform_admin: ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'],
  group_admin: ['school_admin', 'teacher', 'student', 'parent'],
  school_admin: ['teacher', 'student', 'parent'],
  teacher: [],
  student: [],
  parent: [],
};

export function maskPhone(phone: string | null): string | null {
  return phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null;
}

export function needsGuardian(u: Pick<User, 'role' | 'birthDate'>): boolean {
  return u.role === 'student' && !!u.birthDate && ageOn(u.birthDate) < GUARDIAN_AGE;
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    schoolId: u.schoolId,
    groupId: u.groupId,
    phone: maskPhone(u.phone),
    titles: u.titles,
    grade: u.grade,
    status: u.status,
    needsGuardian: needsGuardian(u),
    createdAt: u.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orgs: OrganizationsService,
    private readonly auth: AuthService,
  ) {}

  private get users() {
    return this.db.getRepository(User);
  }

  async me(p: Principal): Promise<MeView> {
    const u = await this.users.findOneBy({ id: p.userId });
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

  /** Checks that `p` may create or manage an account of `role` in `schoolId`/`groupId`. */
  assertCanManage(p: Principal, role: Role, schoolId: string | null, groupId: string | null): void {
    if (!MANAGEABLE[p.role].includes(role)) throw AppError.forbidden('user.roleNotAllowed');
    if (p.role === 'platform_admin') return;
    if (role === 'group_admin') {
      if (!groupId || !p.groupIds.includes(groupId)) throw AppError.forbidden();
      return;
    }
    if (role === 'parent' && !schoolId) {
      if (p.role === 'school_admin' || p.role === 'group_admin') return; // parents may exist without a school
    }
    if (!schoolId || !this.orgs.canAdministerSchool(p, schoolId)) throw AppError.forbidden();
  }

  validateShape(dto: Pick<CreateUserDto, 'role' | 'schoolId' | 'groupId' | 'grade'>): void {
    if (['school_admin', 'teacher', 'student'].includes(dto.role) && !dto.schoolId)
      throw AppError.field('schoolId', 'user.schoolRequired');
    if (dto.role === 'group_admin' && !dto.groupId) throw AppError.field('groupId', 'user.groupRequired');
    if (dto.grade !== undefined && dto.role !== 'student') throw AppError.field('grade', 'user.gradeForStudents');
  }

  async create(p: Principal, dto: CreateUserDto): Promise<UserView> {
    this.validateShape(dto);
    if (!isStrongEnough(dto.password)) throw AppError.field('password', 'user.weakPassword');
    const schoolId = dto.role === 'group_admin' || dto.role === 'platform_admin' ? null : (dto.schoolId ?? null);
    const groupId = dto.role === 'group_admin' ? (dto.groupId ?? null) : null;
    this.assertCanManage(p, dto.role, schoolId, groupId);
    if (schoolId) await this.orgs.getSchool(schoolId);
    const username = dto.username.toLowerCase();
    if (await this.users.existsBy({ username })) throw AppError.field('username', 'user.usernameTaken', { username });
    if (dto.phone && (await this.users.existsBy({ phone: dto.phone }))) throw AppError.field('phone', 'user.phoneTaken');
    const user = await this.users.save(
      this.users.create({
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
      }),
    );
    return toUserView(user);
  }

  async get(p: Principal, id: string): Promise<User> {
    const u = await this.users.findOneBy({ id });
    if (!u) throw AppError.notFound('user.notFound');
    if (p.role === 'platform_admin') return u;
    if (
      u.role === 'group_admin'
        ? p.role === 'group_admin' && p.groupIds.includes(u.groupId ?? '')
        : u.schoolId && this.orgs.canAdministerSchool(p, u.schoolId)
    )
      return u;
    throw AppError.notFound('user.notFound');
  }

  async list(p: Principal, q: UserQuery): Promise<UserPage> {
    const limit = q.limit ?? 50;
    const qb = this.users.createQueryBuilder('u');
    if (p.role === 'platform_admin') {
      if (q.schoolId) qb.andWhere('u.school_id = :sid', { sid: q.schoolId });
    } else {
      const allowed = p.role === 'school_admin' ? (p.schoolId ? [p.schoolId] : []) : p.groupSchoolIds;
      const ids = q.schoolId ? allowed.filter((s) => s === q.schoolId) : allowed;
      if (q.schoolId && !ids.length) throw AppError.forbidden();
      const scope = 'u.school_id IN (:...ids)';
      const params = { ids: ids.length ? ids : ['00000000-0000-0000-0000-000000000000'] };
      // parents need not belong to a school: an admin finds one to link by exact username or phone
      if (q.role === 'parent' && q.q)
        qb.andWhere(`(${scope} OR (u.school_id IS NULL AND u.role = 'parent' AND (u.username = :exact OR u.phone = :exact)))`, {
          ...params,
          exact: q.q.trim().toLowerCase(),
        });
      else qb.andWhere(scope, params);
    }
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.q)
      qb.andWhere('(u.display_name ILIKE :q OR u.username ILIKE :q OR u.phone = :qPhone)', {
        q: `%${q.q.replace(/[%_\\]/g, '\\$&')}%`,
        qPhone: q.q.trim(),
      });
    const cursor = decodeCursor(q.cursor, 1);
    if (cursor) qb.andWhere('u.username > :after', { after: cursor[0] });
    const rows = await qb
      .orderBy('u.username', 'ASC')
      .limit(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (u) => [u.username]);
    return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
  }

  async update(p: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    const u = await this.get(p, id);
    this.assertCanManage(p, u.role, u.schoolId, u.groupId);
    if (dto.grade !== undefined && u.role !== 'student') throw AppError.field('grade', 'user.gradeForStudents');
    if (dto.phone && dto.phone !== u.phone && (await this.users.existsBy({ phone: dto.phone })))
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
    this.assertCanManage(p, u.role, u.schoolId, u.groupId);
    if (!isStrongEnough(newPassword)) throw AppError.field('newPassword', 'user.weakPassword');
    await this.users.update({ id }, { passwordHash: await hashPassword(newPassword), mustChangePassword: true });
    await this.auth.revokeAll(id);
  }

  async changeOwnPassword(p: Principal, current: string, next: string): Promise<void> {
    const u = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: p.userId }).getOne();
    if (!u) throw AppError.notFound('user.notFound');
    if (!(await verifyPassword(u.passwordHash, current))) throw AppError.field('currentPassword', 'user.wrongPassword');
    if (!isStrongEnough(next)) throw AppError.field('newPassword', 'user.weakPassword');
    await this.users.update({ id: u.id }, { passwordHash: await hashPassword(next), mustChangePassword: false });
    // other devices sign in again; this session stays
    await this.db.query(`UPDATE auth_session SET revoked_at=now() WHERE user_id=$1 AND id<>$2 AND revoked_at IS NULL`, [
      u.id,
      p.sessionId,
    ]);
    this.auth.forgetCached();
  }

  async linkGuardian(p: Principal, studentId: string, parentId: string, relation = 'guardian'): Promise<void> {
    const student = await this.get(p, studentId);
    const parent = await this.users.findOneBy({ id: parentId });
    if (!parent || parent.role !== 'parent' || student.role !== 'student') throw AppError.badRequest('user.notParentOrStudent');
    if (parent.schoolId && !this.orgs.canAdministerSchool(p, parent.schoolId)) throw AppError.forbidden();
    await this.db.getRepository(Guardianship).upsert({ parentId, studentId, relation }, ['parentId', 'studentId']);
    this.auth.forgetCached();
  }

  async children(p: Principal): Promise<ChildView[]> {
    const links = await this.db.getRepository(Guardianship).findBy({ parentId: p.userId });
    if (!links.length) return [];
    const kids = await this.users.findBy({ id: In(links.map((l) => l.studentId)) });
    const schools = await this.orgs.schoolsByIds(kids.map((k) => k.schoolId).filter((s): s is string => !!s));
    return kids.map((k) => ({
      id: k.id,
      displayName: k.displayName,
      grade: k.grade,
      schoolName: schools.find((s) => s.id === k.schoolId)?.name ?? null,
    }));
  }

  /** Parent → child check other modules use (a parent sees what their child watched). */
  async isGuardianOf(parentId: string, studentId: string): Promise<boolean> {
    return this.db.getRepository(Guardianship).existsBy({ parentId, studentId });
  }
}
