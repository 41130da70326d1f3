import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { catalogueProblems, catalogueSchema, importCatalogue } from './catalogue.loader.js';
import type { CatalogueImportView, ChapterTreeView, TextbookView } from './resources.dto.js';
import { Chapter, Textbook } from './resources.entities.js';
import { visibleTo } from './visibility.js';

registerMessages({
  'catalogue.textbookNotFound': { zh: '教材不存在', en: 'Textbook not found' },
  'catalogue.invalid': {
    zh: '教材目录格式不正确（{field}）',
    en: 'The textbook catalogue has the wrong shape ({field})',
  },
});

export function toTextbookView(t: Textbook): TextbookView {
  return {
    id: t.id,
    subject: t.subject,
    edition: t.edition,
    publisher: t.publisher,
    stage: t.stage,
    grade: t.grade,
    term: t.term,
    volume: t.volume,
    revision: t.revision,
    confidence: t.confidence,
  };
}

/** The textbook/chapter tree resources hang on (册 → 单元/章 → 节/课). */
@Injectable()
export class CatalogueService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listTextbooks(filter: { subject?: string; stage?: string } = {}): Promise<TextbookView[]> {
    const where: Record<string, string> = {};
    if (filter.subject) where.subject = filter.subject;
    if (filter.stage) where.stage = filter.stage;
    const rows = await this.db.getRepository(Textbook).find({ where, order: { position: 'ASC' } });
    return rows.map(toTextbookView);
  }

  async getTextbook(id: string): Promise<Textbook> {
    const t = await this.db.getRepository(Textbook).findOneBy({ id });
    if (!t) throw AppError.notFound('catalogue.textbookNotFound');
    return t;
  }

  /** The chapter tree of one volume with the number of resources the caller can see under each node. */
  async tree(p: Principal, textbookId: string): Promise<ChapterTreeView> {
    const textbook = await this.getTextbook(textbookId);
    const chapters = await this.db
      .getRepository(Chapter)
      .find({ where: { textbookId }, order: { level: 'ASC', position: 'ASC' } });
    const params: unknown[] = [textbookId];
    const counts = (await this.db.query(
      `SELECT r.chapter_id, r.unit_id, count(*)::int AS n FROM resource r
       WHERE r.textbook_id = $1 AND ${visibleTo(p, 'r', params)}
       GROUP BY r.chapter_id, r.unit_id`,
      params,
    )) as { chapter_id: string | null; unit_id: string | null; n: number }[];
    const own = new Map<string, number>();
    let total = 0;
    for (const c of counts) {
      total += c.n;
      if (c.chapter_id) own.set(c.chapter_id, (own.get(c.chapter_id) ?? 0) + c.n);
      // a unit counts its lessons' resources too
      if (c.unit_id && c.unit_id !== c.chapter_id) own.set(c.unit_id, (own.get(c.unit_id) ?? 0) + c.n);
    }
    // reading order: each unit followed by its lessons
    const units = chapters.filter((c) => c.level === 1);
    const byParent = new Map<string, Chapter[]>();
    for (const c of chapters) if (c.parentId) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
    const ordered = units.flatMap((u) => [u, ...(byParent.get(u.id) ?? [])]);
    return {
      textbook: toTextbookView(textbook),
      resourceCount: total,
      chapters: ordered.map((c) => ({
        id: c.id,
        parentId: c.parentId,
        level: c.level,
        position: c.position,
        number: c.number,
        title: c.title,
        kind: c.kind,
        page: c.page,
        resourceCount: own.get(c.id) ?? 0,
      })),
    };
  }

  /** Admins extend the catalogue with a file of the shipped shape; validated whole before anything is written. */
  async import(body: unknown): Promise<CatalogueImportView> {
    const parsed = catalogueSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'editions';
      throw new AppError(400, 'catalogue.invalid', { field }, [{ field, key: 'field.invalid' }]);
    }
    const problems = catalogueProblems(parsed.data);
    if (problems.length)
      throw new AppError(400, 'catalogue.invalid', { field: problems[0] }, [{ field: problems[0], key: 'field.invalid' }]);
    return this.db.transaction((m) => importCatalogue(m, parsed.data));
  }

  /**
   * Title paths of chapters (unit › lesson) with their textbook, in one query for any number of ids;
   * ids that are not chapters are left out (so `has(id)` tells whether a chapter exists).
   */
  async chapterPaths(
    ids: (string | null)[],
  ): Promise<Map<string, { id: string; textbookId: string; textbook: string; path: string[] }>> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const wanted = [...new Set(ids.filter((x): x is string => !!x && uuid.test(x)))];
    const out = new Map<string, { id: string; textbookId: string; textbook: string; path: string[] }>();
    if (!wanted.length) return out;
    const rows = (await this.db.query(
      `WITH RECURSIVE up AS (
         SELECT c.id AS leaf, c.id, c.parent_id, c.level, c.number, c.title, c.textbook_id, 0 AS depth
           FROM chapter c WHERE c.id = ANY($1::uuid[])
         UNION ALL
         SELECT up.leaf, c.id, c.parent_id, c.level, c.number, c.title, c.textbook_id, up.depth + 1
           FROM chapter c JOIN up ON c.id = up.parent_id WHERE up.depth < 5
       )
       SELECT up.leaf, up.number, up.title, up.textbook_id, t.edition, t.subject, t.volume
         FROM up JOIN textbook t ON t.id = up.textbook_id
        ORDER BY up.leaf, up.depth DESC`,
      [wanted],
    )) as {
      leaf: string;
      number: string | null;
      title: string;
      textbook_id: string;
      edition: string;
      subject: string;
      volume: string;
    }[];
    for (const r of rows) {
      const label = r.number && !r.title.startsWith(r.number) ? `${r.number} ${r.title}` : r.title;
      const view = out.get(r.leaf);
      if (view) view.path.push(label);
      else
        out.set(r.leaf, {
          id: r.leaf,
          textbookId: r.textbook_id,
          textbook: `${r.edition} ${r.subject} ${r.volume}`,
          path: [label],
        });
    }
    return out;
  }
}
