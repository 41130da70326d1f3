import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ReadingList, ReadingListEntry, ReadingListFollow } from './bookdrift.entities.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Reading lists, their entries and the schools that follow them. */
@Injectable()
export class ListsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(
    m: EntityManager,
    fields: Pick<ReadingList, 'schoolId' | 'ownerId' | 'name' | 'gradeBand' | 'visibility' | 'copiedFrom'>,
    entries: Omit<ReadingListEntry, 'listId'>[],
  ): Promise<string> {
    const repo = m.getRepository(ReadingList);
    const l = await repo.save(repo.create(fields));
    await m.getRepository(ReadingListEntry).insert(entries.map((e) => ({ ...e, listId: l.id })));
    return l.id;
  }

  find(id: string): Promise<ReadingList | null> {
    return this.db.getRepository(ReadingList).findOneBy({ id });
  }

  /**
   * Newest first: public lists, group lists of the caller's group schools and every list of the
   * caller's school (`scope` null: all lists).
   */
  browse(scope: { schoolId: string | null; groupSchoolIds: string[] } | null, limit: number): Promise<ReadingList[]> {
    const qb = this.db.getRepository(ReadingList).createQueryBuilder('l');
    if (scope)
      qb.where(
        `(l.visibility = 'public' OR (l.visibility = 'group' AND l.school_id = ANY(:groupSchools)) OR l.school_id = :school)`,
        {
          groupSchools: scope.groupSchoolIds.length ? scope.groupSchoolIds : [NO_ID],
          school: scope.schoolId ?? NO_ID,
        },
      );
    return qb.orderBy('l.created_at', 'DESC').take(limit).getMany();
  }

  entries(listId: string): Promise<ReadingListEntry[]> {
    return this.db.getRepository(ReadingListEntry).find({ where: { listId }, order: { position: 'ASC' } });
  }

  async entryCounts(listIds: string[]): Promise<Map<string, number>> {
    const rows: { list_id: string; n: string }[] = await this.db.query(
      `SELECT list_id, count(*) n FROM reading_list_entry WHERE list_id = ANY($1::uuid[]) GROUP BY list_id`,
      [listIds],
    );
    return new Map(rows.map((r) => [r.list_id, Number(r.n)]));
  }

  /** Which of the lists the school follows. */
  async followedBy(listIds: string[], schoolId: string): Promise<Set<string>> {
    const rows = await this.db.getRepository(ReadingListFollow).findBy({ listId: In(listIds), schoolId });
    return new Set(rows.map((f) => f.listId));
  }

  async follow(listId: string, schoolId: string): Promise<void> {
    await this.db.query(`INSERT INTO reading_list_follow (list_id, school_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      listId,
      schoolId,
    ]);
  }

  async unfollow(listId: string, schoolId: string): Promise<void> {
    await this.db.getRepository(ReadingListFollow).delete({ listId, schoolId });
  }
}
