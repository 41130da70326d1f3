import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { decodeCursor } from '../../common/pagination.js';
import type { Role } from '../../common/roles.js';
import type { UserListScope } from './identity.access.js';
import { Guardianship, User } from './identity.entities.js';

const NO_SCHOOL = '00000000-0000-0000-0000-000000000000';

export interface UserFilter {
  role?: Role;
  /** name or username contains, or the exact phone */
  q?: string;
  cursor?: string;
}

/** All I/O of accounts and guardianship links. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private users(m: EntityManager = this.db.manager) {
    return m.getRepository(User);
  }

  byId(id: string, m?: EntityManager): Promise<User | null> {
    return this.users(m).findOneBy({ id });
  }

  byIds(ids: string[]): Promise<User[]> {
    return ids.length ? this.users().findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** With the password hash (never selected otherwise). */
  withPasswordById(id: string): Promise<User | null> {
    return this.users().createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  /** By username or phone number (already lower-cased), with the password hash. */
  withPasswordByLogin(login: string): Promise<User | null> {
    return this.users()
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :l OR u.phone = :l', { l: login })
      .getOne();
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.users().existsBy({ username });
  }

  phoneTaken(phone: string): Promise<boolean> {
    return this.users().existsBy({ phone });
  }

  /** Which of these usernames exist already. */
  async takenUsernames(usernames: string[]): Promise<Set<string>> {
    if (!usernames.length) return new Set();
    const rows = await this.users().find({ select: { username: true }, where: { username: In(usernames) } });
    return new Set(rows.map((u) => u.username));
  }

  /** Which of these phone numbers belong to an account already. */
  async takenPhones(phones: string[]): Promise<Set<string>> {
    if (!phones.length) return new Set();
    const rows = await this.users().find({ select: { phone: true }, where: { phone: In(phones) } });
    return new Set(rows.map((u) => u.phone).filter((p): p is string => !!p));
  }

  insert(user: Partial<User>): Promise<User> {
    return this.users().save(this.users().create(user));
  }

  /** Inserts many accounts in the caller's transaction, 500 a statement. */
  async insertMany(m: EntityManager, users: Partial<User>[]): Promise<void> {
    for (let i = 0; i < users.length; i += 500) await this.users(m).insert(users.slice(i, i + 500));
  }

  save(user: User): Promise<User> {
    return this.users().save(user);
  }

  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await this.users().update({ id }, { passwordHash, mustChangePassword });
  }

  /** One keyset page (`limit + 1` rows, by username) of the accounts in `scope` that match `filter`. */
  page(scope: UserListScope, filter: UserFilter, limit: number): Promise<User[]> {
    const qb = this.users().createQueryBuilder('u');
    if (scope.all) {
      if (scope.schoolId) qb.andWhere('u.school_id = :sid', { sid: scope.schoolId });
    } else {
      const inScope = 'u.school_id IN (:...ids)';
      const params = { ids: scope.schoolIds.length ? scope.schoolIds : [NO_SCHOOL] };
      // parents need not belong to a school: an admin finds one to link by exact username or phone
      if (filter.role === 'parent' && filter.q)
        qb.andWhere(`(${inScope} OR (u.school_id IS NULL AND u.role = 'parent' AND (u.username = :exact OR u.phone = :exact)))`, {
          ...params,
          exact: filter.q.trim().toLowerCase(),
        });
      else qb.andWhere(inScope, params);
    }
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.q)
      qb.andWhere('(u.display_name ILIKE :q OR u.username ILIKE :q OR u.phone = :qPhone)', {
        q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`,
        qPhone: filter.q.trim(),
      });
    const cursor = decodeCursor(filter.cursor, ['text']);
    if (cursor) qb.andWhere('u.username > :after', { after: cursor[0] });
    return qb
      .orderBy('u.username', 'ASC')
      .limit(limit + 1)
      .getMany();
  }

  async linkGuardian(parentId: string, studentId: string, relation: string): Promise<void> {
    await this.db.getRepository(Guardianship).upsert({ parentId, studentId, relation }, ['parentId', 'studentId']);
  }

  async childIdsOf(parentId: string): Promise<string[]> {
    return (await this.db.getRepository(Guardianship).findBy({ parentId })).map((l) => l.studentId);
  }

  isGuardianOf(parentId: string, studentId: string): Promise<boolean> {
    return this.db.getRepository(Guardianship).existsBy({ parentId, studentId });
  }
}
