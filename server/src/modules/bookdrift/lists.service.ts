import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { ReadingList } from './bookdrift.entities.js';
import type { CreateListDto, ReadingListDetailView, ReadingListView } from './lists.dto.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { normaliseIsbn } from './isbn.js';
import { ListsRepository } from './lists.repository.js';

/** Reading lists: a school's own, those of its group and public ones; followed or copied by other schools. */
@Injectable()
export class ListsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lists: ListsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly orgs: OrganizationsService,
    private readonly access: BookdriftAccess,
  ) {}

  async create(p: Principal, dto: CreateListDto, copiedFrom: string | null = null): Promise<ReadingListDetailView> {
    if (!p.schoolId) throw AppError.badRequest('bookdrift.listNoSchool');
    const entries = dto.entries.map((e, i) => {
      const isbn = normaliseIsbn(e.isbn);
      if (!isbn) throw AppError.field(`entries.${i}.isbn`, 'bookdrift.listIsbn', { n: i + 1, value: e.isbn.slice(0, 30) });
      return { position: i + 1, isbn, title: e.title.trim(), author: e.author?.trim() ?? '', note: e.note?.trim() ?? '' };
    });
    const schoolId = p.schoolId;
    const id = await this.db.transaction((m) =>
      this.lists.create(
        m,
        {
          schoolId,
          ownerId: p.userId,
          name: dto.name.trim(),
          gradeBand: dto.gradeBand?.trim() ?? '',
          visibility: dto.visibility,
          copiedFrom,
        },
        entries,
      ),
    );
    return this.get(p, id);
  }

  async list(p: Principal): Promise<ReadingListView[]> {
    return this.views(p, await this.lists.browse(this.access.listScope(p), 200));
  }

  private async views(p: Principal, lists: ReadingList[]): Promise<ReadingListView[]> {
    if (!lists.length) return [];
    const ids = lists.map((l) => l.id);
    const schools = new Map(
      (await this.orgs.schoolsByIds([...new Set(lists.map((l) => l.schoolId))])).map((s) => [s.id, s.name]),
    );
    const counts = await this.lists.entryCounts(ids);
    const follows = p.schoolId ? await this.lists.followedBy(ids, p.schoolId) : new Set<string>();
    return lists.map((l) => ({
      id: l.id,
      name: l.name,
      gradeBand: l.gradeBand,
      visibility: l.visibility,
      schoolId: l.schoolId,
      schoolName: schools.get(l.schoolId) ?? '',
      entryCount: counts.get(l.id) ?? 0,
      followedByMySchool: follows.has(l.id),
      mine: l.schoolId === p.schoolId,
      copiedFrom: l.copiedFrom,
      createdAt: l.createdAt.toISOString(),
    }));
  }

  private async load(p: Principal, id: string): Promise<ReadingList> {
    const l = await this.lists.find(id);
    if (!l || !this.access.canSeeList(p, l)) throw AppError.notFound('bookdrift.listNotFound');
    return l;
  }

  /** The list, with what the viewer's school holds and what could come by drift from the group. */
  async get(p: Principal, id: string): Promise<ReadingListDetailView> {
    const l = await this.load(p, id);
    const [view] = await this.views(p, [l]);
    const entries = await this.lists.entries(id);
    const isbns = entries.map((e) => e.isbn);
    let held = new Map<string, number>();
    let drift = new Map<string, number>();
    if (p.schoolId && isbns.length) {
      held = await this.catalogue.holdings([p.schoolId], isbns, false);
      const others = p.groupSchoolIds.filter((s) => s !== p.schoolId);
      if (others.length) drift = await this.catalogue.holdings(others, isbns, true);
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
    if (follow) await this.lists.follow(id, p.schoolId);
    else await this.lists.unfollow(id, p.schoolId);
    return (await this.views(p, [l]))[0];
  }

  /** A copy the caller's school owns and can edit; visible to the school only at first. */
  async copy(p: Principal, id: string): Promise<ReadingListDetailView> {
    const l = await this.load(p, id);
    const entries = await this.lists.entries(id);
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
