import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../../common/pagination.js';
import type { Principal } from '../../common/roles.js';
import type { Filter } from '../search/search.engine.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { ResourceViews } from './resource-views.js';
import { ResourceAccess, searchFilterFor } from './resources.access.js';
import type { ResourceDetailView, ResourcePage, ResourceQuery, ResourceSummaryView } from './resources.dto.js';
import { ResourceRepository } from './resources.repository.js';
import { ResourceSearchIndex } from './resources.search.js';

/**
 * Browsing the library: pages by catalogue place and facets, keyword search through the engine,
 * one resource's detail. Other modules that link to resources read them here (`visibleSummaries`).
 */
@Injectable()
export class ResourcesService {
  constructor(
    private readonly access: ResourceAccess,
    private readonly resources: ResourceRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly index: ResourceSearchIndex,
    private readonly views: ResourceViews,
  ) {}

  async list(p: Principal, q: ResourceQuery): Promise<ResourcePage> {
    if (q.q?.trim()) return this.keywordSearch(p, q);
    const chapter = q.chapterId ? await this.catalogue.chapter(q.chapterId) : undefined;
    if (chapter === null) return { items: [], nextCursor: null };
    const page = await this.resources.browse(
      p,
      {
        mine: q.scope === 'mine',
        favouritesOf: q.scope === 'favourites' ? p.userId : undefined,
        chapter,
        textbookId: q.textbookId,
        kinds: q.kind,
        schoolId: q.schoolId,
        subject: q.subject,
        grade: q.grade,
        after: decodeCursor(q.cursor, ['timestamp', 'uuid']),
      },
      q.limit ?? 30,
    );
    return this.views.page(p, page);
  }

  /** Keyword search through the engine, scoped like every other query, then loaded from SQL. */
  private async keywordSearch(p: Principal, q: ResourceQuery): Promise<ResourcePage> {
    const limit = q.limit ?? 30;
    const cursor = decodeCursor(q.cursor, ['text', 'offset']);
    const offset = cursor ? Number(cursor[1]) : 0;
    const and: Filter[] = [q.scope === 'mine' ? { field: 'authorId', eq: p.userId } : searchFilterFor(p)];
    if (q.chapterId) {
      const chapter = await this.catalogue.chapter(q.chapterId);
      and.push({ field: chapter?.level === 1 ? 'unitId' : 'chapterId', eq: q.chapterId });
    } else if (q.textbookId) and.push({ field: 'textbookId', eq: q.textbookId });
    if (q.kind?.length) and.push({ field: 'kind', in: q.kind });
    if (q.schoolId) and.push({ field: 'schoolId', eq: q.schoolId });
    if (q.subject) and.push({ field: 'subject', eq: q.subject });
    if (q.grade) and.push({ field: 'grades', eq: q.grade });
    const found = await this.index.find({ q: q.q!.trim(), filter: { and }, limit, offset });
    if (!found.ids.length) return { items: [], nextCursor: null, total: found.total };
    // the index may lag a moment behind: the SQL rule has the last word
    const rows = await this.resources.visibleByIds(p, found.ids, q.scope === 'favourites' ? p.userId : undefined);
    const items = await this.views.summaries(p, rows);
    const next = offset + found.ids.length;
    return { items, nextCursor: next < found.total ? encodeCursor(['search', next]) : null, total: found.total };
  }

  /**
   * Summaries of the given resources that the caller may see, in the order of `ids` (others left
   * out without a trace): for other modules that link to resources, e.g. a lecture's courseware.
   */
  async visibleSummaries(p: Principal, ids: string[]): Promise<ResourceSummaryView[]> {
    if (!ids.length) return [];
    return this.views.summaries(p, await this.resources.visibleByIds(p, ids));
  }

  /** One resource's detail; a view by anyone but its author is counted. */
  async get(p: Principal, id: string): Promise<ResourceDetailView> {
    const r = await this.access.requireVisible(p, id);
    if (r.authorId !== p.userId) await this.resources.countView(id);
    return this.views.detail(p, id);
  }
}
