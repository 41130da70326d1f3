import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { ReadingList, ReadingListEntry, ReadingListFollow } from './bookdrift.entities.js';
import type { CreateListDto, ReadingListDetailView, ReadingListView } from './bookdrift.dto.js';
import { normaliseIsbn } from './isbn.js';

registerMessages({
  'bookdrift.listNotFound': { zh: '书单不存在', en: 'Reading list not found' },
  'bookdrift.listIsbn': { zh: '第 {n} 本书的 ISBN“{value}”无效', en: 'Book {n}: ISBN "{value}" is invalid' },
  'bookdrift.listOwnSchool': { zh: '这是本校的书单，无需关注或复制', en: 'This list is your own school’s' },
  'bookdrift.listNoSchool': { zh: '需要属于某所学校才能使用书单', en: 'You need to belong to a school to use reading lists' },
});

@Injectable()
export class ListsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orgs: OrganizationsService,
  ) {}

  private canSee(p: Principal, l: ReadingList): boolean {
    if (p.role === 'platform_admin' || l.visibility === 'public') return true;
    if (l.visibility === 'group') return p.groupSchoolIds.includes(l.schoolId);
    return p.schoolId === l.schoolId || (p.role === 'group_admin' && p.groupSchoolIds.includes(l.schoolId));
  }

  async create(p: Principal, dto: CreateListDto, copiedFrom: string | null = null): Promise<ReadingListDetailView> {
    if (!p.schoolId) throw AppError.badRequest('bookdrift.listNoSchool');
    const entries = dto.entries.map((e, i) => {
      const isbn = normaliseIsbn(e.isbn);
      if (!isbn) throw AppError.field(`entries.${i}.isbn`, 'bookdrift.listIsbn', { n: i + 1, value: e.isbn.slice(0, 30) });
      return { position: i + 1, isbn, title: e.title.trim(), author: e.author?.trim() ?? '', note: e.note?.trim() ?? '' };
    });
    const id = await this.db.transaction(async (m) => {
      const l = await m.getRepository(ReadingList).save(
        m.getRepository(ReadingList).create({
          schoolId: p.schoolId!,
          ownerId: p.userId,
          name: dto.name.trim(),
          gradeBand: dto.gradeBand?.trim() ?? '',
          visibility: dto.visibility,
          copiedFrom,
        }),
      );
      await m.getRepository(ReadingListEntry).insert(entries.map((e) => ({ ...e, listId: l.id })));
      return l.id;
    });
    return this.get(p, id);
  }

  async list(p: Principal): Promise<ReadingListView[]> {
    const qb = this.db.getRepository(ReadingList).createQueryBuilder('l');
    if (p.role !== 'platform_admin')
      qb.where(
        `(l.visibility = 'public' OR (l.visibility = 'group' AND l.school_id = ANY(:groupSchools)) OR l.school_id = :school)`,
        {
          groupSchools: p.groupSchoolIds.length ? p.groupSchoolIds : ['00000000-0000-0000-0000-000000000000'],
          school: p.schoolId ?? '00000000-0000-0000-0000-000000000000',
        },
      );
    const lists = await qb.orderBy('l.created_at', 'DESC').take(200).getMany();
    return this.views(p, lists);
  }

  private async views(p: Principal, lists: ReadingList[]): Promise<ReadingListView[]> {
    if (!lists.length) return [];
    const ids = lists.map((l) => l.id);
    const schools = new Map(
      (await this.orgs.schoolsByIds([...new Set(lists.map((l) => l.schoolId))])).map((s) => [s.id, s.name]),
    );
    const counts: { list_id: string; n: string }[] = await this.db.query(
      `SELECT list_id, count(*) n FROM reading_list_entry WHERE list_id = ANY($1::uuid[]) GROUP BY list_id`,
      [ids],
    );
    const follows = p.schoolId
      ? new Set(
          (await this.db.getRepository(ReadingListFollow).findBy({ listId: In(ids), schoolId: p.schoolId })).map((f) => f.listId),
        )
      : new Set<string>();
    return lists.map((l) => ({
      id: l.id,
      name: l.name,
      gradeBand: l.gradeBand,
      visibility: l.visibility,
      schoolId: l.schoolId,
      schoolName: schools.get(l.schoolId) ?? '',
      entryCount: Number(counts.find((c) => c.list_id === l.id)?.n ?? 0),
      followedByMySchool: follows.has(l.id),
      mine: l.schoolId === p.schoolId,
      copiedFrom: l.copiedFrom,
      createdAt: l.createdAt.toISOString(),
    }));
  }

  private async load(p: Principal, id: string): Promise<ReadingList> {
    const l = await this.db.getRepository(ReadingList).findOneBy({ id });
    if (!l || !this.canSee(p, l)) throw AppError.notFound('bookdrift.listNotFound');
    return l;
  }

  /** The list, with what the viewer's school holds and what could come by drift from the group. */
  async get(p: Principal, id: string): Promise<ReadingListDetailView> {
    const l = await this.load(p, id);
    const [view] = await this.views(p, [l]);
    const entries = await this.db.getRepository(ReadingListEntry).find({ where: { listId: id }, order: { position: 'ASC' } });
    const isbns = entries.map((e) => e.isbn);
    const held = new Map<string, number>();
    const drift = new Map<string, number>();
    if (p.schoolId && isbns.length) {
      const own: { isbn: string; n: string }[] = await this.db.query(
        `SELECT t.isbn, count(*) n FROM book_title t JOIN book_copy c ON c.title_id = t.id
         WHERE t.school_id = $1 AND t.isbn = ANY($2::text[]) AND c.state IN ('on_shelf','drifting') GROUP BY t.isbn`,
        [p.schoolId, isbns],
      );
      for (const r of own) held.set(r.isbn, Number(r.n));
      const others = p.groupSchoolIds.filter((s) => s !== p.schoolId);
      if (others.length) {
        const shared: { isbn: string; n: string }[] = await this.db.query(
          `SELECT t.isbn, count(*) n FROM book_title t JOIN book_copy c ON c.title_id = t.id
           WHERE t.school_id = ANY($1::uuid[]) AND t.isbn = ANY($2::text[]) AND c.shared AND c.state IN ('on_shelf','drifting')
           GROUP BY t.isbn`,
          [others, isbns],
        );
        for (const r of shared) drift.set(r.isbn, Number(r.n));
      }
    }
    return {
      ...view,
      entries: entries.map((e) => ({
        position: e.position,
        isbn: e.isbn,
        title: e.title,
        author: e.author,
        note: e.note,
        held: held.get(e.isbn) ?? 0,
        byDrift: drift.get(e.isbn) ?? 0,
      })),
    };
  }

  async follow(p: Principal, id: string, follow: boolean): Promise<ReadingListView> {
    const l = await this.load(p, id);
    if (!p.schoolId) throw AppError.badRequest('bookdrift.listNoSchool');
    if (l.schoolId === p.schoolId) throw AppError.badRequest('bookdrift.listOwnSchool');
    if (follow)
      await this.db.query(`INSERT INTO reading_list_follow (list_id, school_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        id,
        p.schoolId,
      ]);
    else await this.db.getRepository(ReadingListFollow).delete({ listId: id, schoolId: p.schoolId });
    return (await this.views(p, [l]))[0];
  }

  /** A copy the caller's school owns and can edit; visible to the school only at first. */
  async copy(p: Principal, id: string): Promise<ReadingListDetailView> {
    const l = await this.load(p, id);
    const entries = await this.db.getRepository(ReadingListEntry).find({ where: { listId: id }, order: { position: 'ASC' } });
    return this.create(
      p,
      {
        name: l.name,
        gradeBand: l.gradeBand,
        visibility: 'school',
        entries: entries.map((e) => ({ isbn: e.isbn, title: e.title, author: e.author, note: e.note })),
      },
      l.id,
    );
  }
}
