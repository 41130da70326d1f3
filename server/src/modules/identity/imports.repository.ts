import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { UserImport } from './identity.entities.js';

/** All I/O of CSV import jobs (their rows in `user_import`; the files live in the object store). */
@Injectable()
export class UserImportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private imports(m: EntityManager = this.db.manager) {
    return m.getRepository(UserImport);
  }

  /** A queued import whose source file goes to `sourceKey(id)`. */
  async create(m: EntityManager, schoolId: string, createdBy: string, sourceKey: (id: string) => string): Promise<UserImport> {
    const saved = await this.imports(m).save({ schoolId, createdBy, sourceKey: 'pending' });
    saved.sourceKey = sourceKey(saved.id);
    await this.imports(m).update({ id: saved.id }, { sourceKey: saved.sourceKey });
    return saved;
  }

  byId(id: string): Promise<UserImport | null> {
    return this.imports().findOneBy({ id });
  }

  /** The school's latest 20 imports, newest first. */
  latestOfSchool(schoolId: string): Promise<UserImport[]> {
    return this.imports().find({ where: { schoolId }, order: { createdAt: 'DESC' }, take: 20 });
  }

  async update(
    id: string,
    changes: Partial<
      Pick<UserImport, 'status' | 'total' | 'processed' | 'createdCount' | 'errors' | 'failureKey' | 'finishedAt'>
    >,
    m?: EntityManager,
  ): Promise<void> {
    await this.imports(m).update({ id }, changes);
  }
}
