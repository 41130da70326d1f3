import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ReadingNote } from './bookdrift.entities.js';

/** Pupils' reading notes on copies (reading_note). */
@Injectable()
export class NotesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onCopy(copyId: string): Promise<ReadingNote[]> {
    return this.db.getRepository(ReadingNote).find({ where: { copyId }, order: { createdAt: 'ASC' } });
  }

  countApproved(copyId: string): Promise<number> {
    return this.db.getRepository(ReadingNote).countBy({ copyId, status: 'approved' });
  }

  countByStudent(copyId: string, studentId: string): Promise<number> {
    return this.db.getRepository(ReadingNote).countBy({ copyId, studentId });
  }

  create(fields: Pick<ReadingNote, 'copyId' | 'studentId' | 'schoolId' | 'body' | 'rating'>): Promise<ReadingNote> {
    const repo = this.db.getRepository(ReadingNote);
    return repo.save(repo.create(fields));
  }

  /** Notes waiting for review, oldest first: of one school, or of all (`schoolId` null). */
  pending(schoolId: string | null, limit: number): Promise<ReadingNote[]> {
    return this.db.getRepository(ReadingNote).find({
      where: schoolId === null ? { status: 'pending' } : { status: 'pending', schoolId },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  lock(m: EntityManager, id: string): Promise<ReadingNote | null> {
    return m.getRepository(ReadingNote).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(m: EntityManager, note: ReadingNote): Promise<void> {
    await m.getRepository(ReadingNote).save(note);
  }

  onCopies(copyIds: string[]): Promise<{ copy_id: string; school_id: string; status: string; created_at: Date }[]> {
    if (!copyIds.length) return Promise.resolve([]);
    return this.db.query(`SELECT copy_id, school_id, status, created_at FROM reading_note WHERE copy_id = ANY($1::uuid[])`, [
      copyIds,
    ]);
  }
}
