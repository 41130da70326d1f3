import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { toPage, type Page } from '../../common/pagination.js';
import type { Principal } from '../../common/roles.js';
import { returning } from '../../common/sql.js';
import type { ResourceSummaryView } from './resources.dto.js';
import { Resource, type ReviewState, type Visibility } from './resources.entities.js';
import { visibleTo, type ReviewScope } from './resources.access.js';
import type { Subject } from './vocabulary.js';

/** One resource as lists show it, with its author's and school's names and its first file. */
export interface SummaryRow {
  id: string;
  title: string;
  kind: ResourceSummaryView['kind'];
  subject: Subject;
  grades: number[];
  textbook_id: string | null;
  chapter_id: string | null;
  chapter_title: string | null;
  tags: string[];
  author_id: string;
  author_name: string;
  school_id: string | null;
  school_name: string | null;
  visibility: Visibility;
  audience: ResourceSummaryView['audience'];
  review_state: ReviewState;
  review_reason: string | null;
  view_count: number;
  download_count: number;
  favourite_count: number;
  rating_count: number;
  rating_sum: number;
  file_kind: string | null;
  thumbnail_key: string | null;
  created_at: Date;
  updated_at: Date;
  ts: string;
}

const SUMMARY_SELECT = `
  r.id, r.title, r.kind, r.subject, r.grades, r.textbook_id, r.chapter_id, c.title AS chapter_title, r.tags,
  r.author_id, u.display_name AS author_name, r.school_id, s.name AS school_name, r.visibility, r.audience,
  r.review_state, r.review_reason, r.view_count, r.download_count, r.favourite_count, r.rating_count, r.rating_sum,
  fv.file_kind, fv.thumbnail_key, r.created_at, r.updated_at, r.created_at::text AS ts`;
const SUMMARY_JOINS = `
  JOIN app_user u ON u.id = r.author_id
  LEFT JOIN school s ON s.id = r.school_id
  LEFT JOIN chapter c ON c.id = r.chapter_id
  LEFT JOIN LATERAL (
    SELECT v.file_kind, v.thumbnail_key FROM resource_file f JOIN resource_version v ON v.id = f.latest_version_id
    WHERE f.resource_id = r.id ORDER BY f.position LIMIT 1) fv ON true`;

/** What a browse page is narrowed to; the caller's visibility (or `authorId` for "mine") always applies. */
export interface BrowseFilter {
  /** only the caller's own resources (their deleted ones aside), instead of every one they may see */
  mine: boolean;
  /** only the ones this user marked as favourites */
  favouritesOf?: string;
  /** a level-1 chapter lists its lessons' resources too (by unit_id) */
  chapter?: { id: string; level: number };
  textbookId?: string;
  kinds?: string[];
  schoolId?: string;
  subject?: Subject;
  grade?: number;
  /** keyset: (created_at, id) of the previous page's last row */
  after?: (string | number)[] | null;
}

export interface SearchDocumentRow {
  id: string;
  title: string;
  tags: string[];
  description: string;
  kind: string;
  subject: Subject;
  grades: number[];
  textbook_id: string | null;
  chapter_id: string | null;
  unit_id: string | null;
  school_id: string | null;
  author_id: string;
  visibility: string;
  audience: string;
  review_state: string;
  created_at: Date;
  chapter_title: string | null;
  author_name: string;
  school_name: string | null;
}

/** Builds `$n` placeholders over one parameter list. */
function params(initial: unknown[] = []) {
  const list = [...initial];
  const arg = (v: unknown) => {
    list.push(v);
    return `$${list.length}`;
  };
  return { list, arg };
}

/** The `resource` table: rows, summaries for lists, the review queue, what the search index reads. */
@Injectable()
export class ResourceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string, m: EntityManager = this.db.manager): Promise<Resource | null> {
    return m.getRepository(Resource).findOneBy({ id });
  }

  getById(id: string): Promise<Resource> {
    return this.db.getRepository(Resource).findOneByOrFail({ id });
  }

  /** Newest first; first the page's ids (an index-only scan over the covering browse indexes), then its rows. */
  async browse(p: Principal, f: BrowseFilter, limit: number): Promise<Page<SummaryRow>> {
    const { list, arg } = params();
    const where: string[] = [];
    if (f.mine) where.push(`r.author_id = ${arg(p.userId)}::uuid AND r.deleted_at IS NULL`);
    else where.push(visibleTo(p, 'r', list));
    if (f.favouritesOf)
      where.push(
        `EXISTS (SELECT 1 FROM resource_favourite fa WHERE fa.resource_id = r.id AND fa.user_id = ${arg(f.favouritesOf)})`,
      );
    if (f.chapter) where.push(f.chapter.level === 1 ? `r.unit_id = ${arg(f.chapter.id)}` : `r.chapter_id = ${arg(f.chapter.id)}`);
    else if (f.textbookId) where.push(`r.textbook_id = ${arg(f.textbookId)}`);
    if (f.kinds?.length) where.push(`r.kind = ANY(${arg(f.kinds)}::text[])`);
    if (f.schoolId) where.push(`r.school_id = ${arg(f.schoolId)}`);
    if (f.subject) where.push(`r.subject = ${arg(f.subject)}`);
    if (f.grade) where.push(`${arg(f.grade)}::smallint = ANY(r.grades)`);
    if (f.after) where.push(`(r.created_at, r.id) < (${arg(f.after[0])}::timestamptz, ${arg(f.after[1])}::uuid)`);
    const rows = (await this.db.query(
      `WITH page AS MATERIALIZED (
         SELECT r.id, r.created_at FROM resource r WHERE ${where.join(' AND ')}
         ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit + 1})
       SELECT ${SUMMARY_SELECT} FROM page JOIN resource r ON r.id = page.id ${SUMMARY_JOINS}
       ORDER BY r.created_at DESC, r.id DESC`,
      list,
    )) as SummaryRow[];
    return toPage(rows, limit, (r) => [r.ts, r.id]);
  }

  /** Summaries of those of `ids` the caller may see (optionally only their favourites), in the order of `ids`. */
  async visibleByIds(p: Principal, ids: string[], favouritesOf?: string): Promise<SummaryRow[]> {
    const { list, arg } = params([ids]);
    const visible = visibleTo(p, 'r', list);
    const extra = favouritesOf
      ? ` AND EXISTS (SELECT 1 FROM resource_favourite fa WHERE fa.resource_id = r.id AND fa.user_id = ${arg(favouritesOf)})`
      : '';
    const rows = (await this.db.query(
      `SELECT ${SUMMARY_SELECT} FROM resource r ${SUMMARY_JOINS} WHERE r.id = ANY($1::uuid[]) AND ${visible}${extra}`,
      list,
    )) as SummaryRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is SummaryRow => !!r);
  }

  async summary(id: string): Promise<SummaryRow> {
    const [row] = (await this.db.query(`SELECT ${SUMMARY_SELECT} FROM resource r ${SUMMARY_JOINS} WHERE r.id = $1`, [
      id,
    ])) as SummaryRow[];
    return row;
  }

  /** Oldest first: resources in `state` within the reviewer's scope, their own aside. */
  async reviewQueue(
    state: ReviewState,
    scope: ReviewScope,
    reviewerId: string,
    after: (string | number)[] | null,
    limit: number,
  ): Promise<Page<SummaryRow>> {
    const { list, arg } = params([state]);
    const where = [`r.review_state = $1`, `r.deleted_at IS NULL`];
    if (!scope.all) where.push(`r.school_id = ANY(${arg(scope.schoolIds)}::uuid[])`);
    where.push(`r.author_id <> ${arg(reviewerId)}::uuid`);
    if (after) where.push(`(r.created_at, r.id) > (${arg(after[0])}::timestamptz, ${arg(after[1])}::uuid)`);
    const rows = (await this.db.query(
      `SELECT ${SUMMARY_SELECT} FROM resource r ${SUMMARY_JOINS} WHERE ${where.join(' AND ')}
       ORDER BY r.created_at, r.id LIMIT ${limit + 1}`,
      list,
    )) as SummaryRow[];
    return toPage(rows, limit, (r) => [r.ts, r.id]);
  }

  async countView(id: string): Promise<void> {
    await this.db.query(`UPDATE resource SET view_count = view_count + 1 WHERE id = $1`, [id]);
  }

  insert(m: EntityManager, data: Partial<Resource>): Promise<Resource> {
    const repo = m.getRepository(Resource);
    return repo.save(repo.create(data));
  }

  async update(m: EntityManager, id: string, patch: Partial<Resource>): Promise<void> {
    await m.getRepository(Resource).update({ id }, patch);
  }

  /** Marks it deleted; false when it already was. */
  async softDelete(m: EntityManager, id: string): Promise<boolean> {
    const rows = await returning(m, `UPDATE resource SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id`, [
      id,
    ]);
    return rows.length > 0;
  }

  /** Holds the row until the transaction ends (adding files one at a time). */
  async lock(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT id FROM resource WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The rows the search index is built from (deleted resources left out). */
  searchDocuments(ids: string[]): Promise<SearchDocumentRow[]> {
    return this.db.query(
      `SELECT r.id, r.title, r.tags, r.description, r.kind, r.subject, r.grades, r.textbook_id, r.chapter_id, r.unit_id,
              r.school_id, r.author_id, r.visibility, r.audience, r.review_state, r.created_at,
              c.title AS chapter_title, u.display_name AS author_name, s.name AS school_name
       FROM resource r JOIN app_user u ON u.id = r.author_id LEFT JOIN school s ON s.id = r.school_id
       LEFT JOIN chapter c ON c.id = r.chapter_id
       WHERE r.id = ANY($1::uuid[]) AND r.deleted_at IS NULL`,
      [ids],
    );
  }

  /** Ids of live resources after `after`, in id order. */
  async idsAfter(after: string, limit: number): Promise<string[]> {
    const rows = (await this.db.query(`SELECT id FROM resource WHERE deleted_at IS NULL AND id > $1 ORDER BY id LIMIT ${limit}`, [
      after,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
