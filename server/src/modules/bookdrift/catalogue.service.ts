import { Injectable } from '@nestjs/common';
import { decodeCursor, toPage } from '../../common/pagination.js';
import type { Principal } from '../../common/roles.js';
import { BookdriftAccess } from './bookdrift.access.js';
import type { BookCopy, BookTitle } from './bookdrift.entities.js';
import type { CopyPage, CopyQuery, CopyView } from './catalogue.dto.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { normaliseIsbn } from './isbn.js';

export function toCopyView(c: BookCopy, t: BookTitle): CopyView {
  return {
    id: c.id,
    titleId: t.id,
    isbn: t.isbn,
    title: t.title,
    author: t.author,
    publisher: t.publisher,
    year: t.year,
    gradeBand: t.gradeBand,
    categories: t.categories,
    tags: t.tags,
    schoolId: c.schoolId,
    shelf: c.shelf,
    state: c.state,
    shared: c.shared,
    driftCode: c.driftCode,
    locationSchoolId: c.locationSchoolId,
  };
}

/** Browsing a school library's catalogue. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly access: BookdriftAccess,
  ) {}

  /** A page of the school's copies by title: filtered by state, sharing, ISBN or a word of title, author or drift code. */
  async listCopies(p: Principal, q: CopyQuery): Promise<CopyPage> {
    this.access.assertSeesCatalogue(p, q.schoolId);
    const limit = q.limit ?? 50;
    const isbn = q.q ? normaliseIsbn(q.q) : null;
    const rows = await this.catalogue.page(
      {
        schoolId: q.schoolId,
        state: q.state,
        shared: q.shared ? q.shared === 'true' : undefined,
        ...(isbn ? { isbn } : q.q ? { text: q.q } : {}),
      },
      decodeCursor(q.cursor, ['text', 'uuid']),
      limit,
    );
    const page = toPage(rows, limit, (c) => [c.t.title, c.id]);
    return { items: page.items.map((c) => toCopyView(c, c.t)), nextCursor: page.nextCursor };
  }
}
