import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { catalogueProblems, catalogueSchema } from './catalogue.loader.js';
import { CatalogueRepository } from './catalogue.repository.js';
import type { CatalogueImportView, ChapterTreeView, TextbookView } from './resources.dto.js';
import type { Chapter, Textbook } from './resources.entities.js';
import { SUBJECT_NAMES, type Subject } from './vocabulary.js';

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
  constructor(private readonly catalogue: CatalogueRepository) {}

  async listTextbooks(filter: { subject?: Subject; stage?: string } = {}): Promise<TextbookView[]> {
    const where: { subject?: Subject; stage?: string } = {};
    if (filter.subject) where.subject = filter.subject;
    if (filter.stage) where.stage = filter.stage;
    const rows = await this.catalogue.textbooks(where);
    return rows.map(toTextbookView);
  }

  async getTextbook(id: string): Promise<Textbook> {
    const t = await this.catalogue.textbook(id);
    if (!t) throw AppError.notFound('catalogue.textbookNotFound');
    return t;
  }

  /** The chapter tree of one volume with the number of resources the caller can see under each node. */
  async tree(p: Principal, textbookId: string): Promise<ChapterTreeView> {
    const textbook = await this.getTextbook(textbookId);
    const chapters = await this.catalogue.chaptersOf(textbookId);
    const counts = await this.catalogue.visibleResourceCounts(p, textbookId);
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
    return this.catalogue.import(parsed.data);
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
    const rows = await this.catalogue.chapterAncestry(wanted);
    for (const r of rows) {
      const label = r.number && !r.title.startsWith(r.number) ? `${r.number} ${r.title}` : r.title;
      const view = out.get(r.leaf);
      if (view) view.path.push(label);
      else
        out.set(r.leaf, {
          id: r.leaf,
          textbookId: r.textbook_id,
          // the volume and edition are Chinese catalogue names, so is the subject here
          textbook: `${r.edition} ${SUBJECT_NAMES[r.subject]?.zh ?? r.subject} ${r.volume}`,
          path: [label],
        });
    }
    return out;
  }
}
