import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BookCopy, BookTitle, type CopyState } from './bookdrift.entities.js';

/** A row of an imported catalogue, as the title table wants it. */
export interface TitleRow {
  isbn: string;
  title: string;
  author: string;
  publisher: string;
  year: number | null;
  gradeBand: string;
  categories: string[];
  tags: string[];
}

export interface CopyFilter {
  schoolId: string;
  state?: CopyState;
  shared?: boolean;
  isbn?: string;
  /** title or author contains it, or the drift code is it */
  text?: string;
}

export type CopyWithTitle = BookCopy & { t: BookTitle };

/** A school library's titles and copies (book_title, book_copy). */
@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ---- import

  /** Ids of the school's titles with these ISBNs. */
  async titleIdsByIsbn(m: EntityManager, schoolId: string, isbns: string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let i = 0; i < isbns.length; i += 20000) {
      const found: { id: string; isbn: string }[] = await m.query(
        `SELECT id, isbn FROM book_title WHERE school_id = $1 AND isbn = ANY($2::text[])`,
        [schoolId, isbns.slice(i, i + 20000)],
      );
      for (const f of found) ids.set(f.isbn, f.id);
    }
    return ids;
  }

  /** Inserts titles in set-based chunks; returns their ids by ISBN. */
  async insertTitles(m: EntityManager, schoolId: string, rows: TitleRow[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      const inserted: { id: string; isbn: string }[] = await m.query(
        `INSERT INTO book_title (school_id, isbn, title, author, publisher, year, grade_band, categories, tags)
         SELECT $1, u.isbn, u.title, u.author, u.publisher, u.year, u.grade,
                COALESCE(string_to_array(NULLIF(u.cats, ''), chr(31)), '{}'), COALESCE(string_to_array(NULLIF(u.tags, ''), chr(31)), '{}')
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
           AS u(isbn, title, author, publisher, year, grade, cats, tags)
         RETURNING id, isbn`,
        [
          schoolId,
          chunk.map((r) => r.isbn),
          chunk.map((r) => r.title),
          chunk.map((r) => r.author),
          chunk.map((r) => r.publisher),
          chunk.map((r) => r.year),
          chunk.map((r) => r.gradeBand),
          chunk.map((r) => r.categories.join('\u001f')),
          chunk.map((r) => r.tags.join('\u001f')),
        ],
      );
      for (const r of inserted) ids.set(r.isbn, r.id);
    }
    return ids;
  }

  /** One copy per entry, on the school's own shelf. */
  async insertCopies(m: EntityManager, schoolId: string, titleIds: string[], shelves: string[]): Promise<void> {
    await m.query(
      `INSERT INTO book_copy (title_id, school_id, shelf, location_school_id)
       SELECT u.t, $1, u.s, $1 FROM unnest($2::uuid[], $3::text[]) AS u(t, s)`,
      [schoolId, titleIds, shelves],
    );
  }

  // ---- reading

  /** A keyset page of copies by title, then id (one more than `limit`, for toPage). */
  page(f: CopyFilter, after: unknown[] | null, limit: number): Promise<CopyWithTitle[]> {
    const qb = this.db
      .getRepository(BookCopy)
      .createQueryBuilder('c')
      .innerJoinAndMapOne('c.t', BookTitle, 't', 't.id = c.title_id')
      .where('c.school_id = :school', { school: f.schoolId });
    if (f.state) qb.andWhere('c.state = :state', { state: f.state });
    if (f.shared !== undefined) qb.andWhere('c.shared = :shared', { shared: f.shared });
    if (f.isbn) qb.andWhere('t.isbn = :isbn', { isbn: f.isbn });
    else if (f.text)
      qb.andWhere(`(t.title ILIKE :like OR t.author ILIKE :like OR c.drift_code = :code)`, {
        like: `%${f.text.replace(/[\\%_]/g, (x) => '\\' + x)}%`,
        code: f.text.replace(/[\s-]/g, '').toUpperCase(),
      });
    if (after) qb.andWhere('(t.title, c.id) > (:at, :aid)', { at: after[0], aid: after[1] });
    return qb
      .orderBy('t.title', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit + 1)
      .getMany() as Promise<CopyWithTitle[]>;
  }

  /** The copies with these ids, locked for an update. */
  lockCopies(m: EntityManager, ids: string[]): Promise<BookCopy[]> {
    if (!ids.length) return Promise.resolve([]);
    return m
      .getRepository(BookCopy)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
  }

  lockCopy(m: EntityManager, id: string): Promise<BookCopy | null> {
    return m.getRepository(BookCopy).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byDriftCode(code: string, m: EntityManager = this.db.manager, lock = false): Promise<BookCopy | null> {
    return m
      .getRepository(BookCopy)
      .findOne({ where: { driftCode: code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async title(id: string, m: EntityManager = this.db.manager): Promise<BookTitle> {
    return (await m.getRepository(BookTitle).findOneBy({ id }))!;
  }

  async titlesByIds(ids: string[], m: EntityManager = this.db.manager): Promise<Map<string, BookTitle>> {
    const rows = ids.length ? await m.getRepository(BookTitle).findBy({ id: In([...new Set(ids)]) }) : [];
    return new Map(rows.map((t) => [t.id, t]));
  }

  /** Title and drift code of each copy, by copy id. */
  async titlesAndCodes(copyIds: string[]): Promise<Map<string, { title: string; code: string }>> {
    const rows: { id: string; title: string; drift_code: string }[] = copyIds.length
      ? await this.db.query(
          `SELECT c.id, t.title, c.drift_code FROM book_copy c JOIN book_title t ON t.id = c.title_id WHERE c.id = ANY($1::uuid[])`,
          [[...new Set(copyIds)]],
        )
      : [];
    return new Map(rows.map((r) => [r.id, { title: r.title, code: r.drift_code }]));
  }

  /** Copies per ISBN that a school holds (on the shelf or drifting), or, with `sharedOnly`, that it lends. */
  async holdings(schoolIds: string[], isbns: string[], sharedOnly: boolean): Promise<Map<string, number>> {
    const rows: { isbn: string; n: string }[] = await this.db.query(
      `SELECT t.isbn, count(*) n FROM book_title t JOIN book_copy c ON c.title_id = t.id
       WHERE t.school_id = ANY($1::uuid[]) AND t.isbn = ANY($2::text[]) AND c.state IN ('on_shelf','drifting')
         ${sharedOnly ? 'AND c.shared' : ''}
       GROUP BY t.isbn`,
      [schoolIds, isbns],
    );
    return new Map(rows.map((r) => [r.isbn, Number(r.n)]));
  }

  // ---- changes

  async driftCodeTaken(m: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM book_copy WHERE drift_code = $1`, [code]);
    return rows.length > 0;
  }

  async setShared(m: EntityManager, id: string, shared: boolean, driftCode: string | null): Promise<void> {
    await m.query(`UPDATE book_copy SET shared = $2, drift_code = $3, version = version + 1 WHERE id = $1`, [
      id,
      shared,
      driftCode,
    ]);
  }

  async save(m: EntityManager, copy: BookCopy): Promise<void> {
    await m.getRepository(BookCopy).save(copy);
  }
}
