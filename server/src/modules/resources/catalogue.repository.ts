import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../common/roles.js';
import type { Runner } from '../../common/sql.js';
import type { CatalogueFile } from './catalogue.loader.js';
import { Chapter, Textbook } from './resources.entities.js';
import { visibleTo } from './resources.access.js';
import type { Subject } from './vocabulary.js';

export interface CatalogueImportResult {
  textbooks: number;
  chaptersCreated: number;
  chaptersUpdated: number;
}

/** How many resources the caller may see per (chapter, unit) pair of one textbook. */
export interface ChapterCountRow {
  chapter_id: string | null;
  unit_id: string | null;
  n: number;
}

/** The textbook catalogue: `textbook` volumes and their `chapter` trees. */
@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  textbooks(where: { subject?: Subject; stage?: string; volume?: string }): Promise<Textbook[]> {
    return this.db.getRepository(Textbook).find({ where, order: { position: 'ASC' } });
  }

  textbook(id: string): Promise<Textbook | null> {
    return this.db.getRepository(Textbook).findOneBy({ id });
  }

  chapter(id: string): Promise<Chapter | null> {
    return this.db.getRepository(Chapter).findOneBy({ id });
  }

  chapterByKey(textbookId: string, key: string): Promise<Chapter | null> {
    return this.db.getRepository(Chapter).findOneBy({ textbookId, key });
  }

  chapters(ids: string[]): Promise<Chapter[]> {
    return this.db.getRepository(Chapter).findBy({ id: In(ids) });
  }

  /** Each chapter with its ancestors (up to 5 levels), root first per leaf, with its textbook. */
  chapterAncestry(ids: string[]): Promise<ChapterAncestor[]> {
    return this.db.query(
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
      [ids],
    );
  }

  /** A volume's chapters, units first, each level in reading order. */
  chaptersOf(textbookId: string): Promise<Chapter[]> {
    return this.db.getRepository(Chapter).find({ where: { textbookId }, order: { level: 'ASC', position: 'ASC' } });
  }

  visibleResourceCounts(p: Principal, textbookId: string): Promise<ChapterCountRow[]> {
    const params: unknown[] = [textbookId];
    return this.db.query(
      `SELECT r.chapter_id, r.unit_id, count(*)::int AS n FROM resource r
       WHERE r.textbook_id = $1 AND ${visibleTo(p, 'r', params)}
       GROUP BY r.chapter_id, r.unit_id`,
      params,
    );
  }

  /** The whole file in one transaction. */
  import(file: CatalogueFile): Promise<CatalogueImportResult> {
    return this.db.transaction((m) => importCatalogue(m, file));
  }
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));

/**
 * Upserts the catalogue by natural keys: running it twice changes nothing, and re-importing a
 * corrected file renames chapters in place (resources keep pointing at them). Nothing is deleted.
 */
export async function importCatalogue(db: Runner, file: CatalogueFile): Promise<CatalogueImportResult> {
  let textbooks = 0;
  let chaptersCreated = 0;
  let chaptersUpdated = 0;
  for (const e of file.editions) {
    for (const v of e.volumes) {
      const revision = v.revision ?? e.revision ?? '';
      const naturalKey = [e.subject, e.edition, e.stage, v.name, revision].join('|');
      const rows = (await db.query(
        `INSERT INTO textbook (natural_key, subject, edition, publisher, stage, grade, term, volume, revision, confidence, source_ids, isbn, position)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,
                 COALESCE((SELECT position FROM textbook WHERE natural_key = $1), (SELECT COALESCE(max(position), 0) + 1 FROM textbook)))
         ON CONFLICT (natural_key) DO UPDATE SET publisher = EXCLUDED.publisher, grade = EXCLUDED.grade, term = EXCLUDED.term,
           confidence = EXCLUDED.confidence, source_ids = EXCLUDED.source_ids, isbn = EXCLUDED.isbn
         RETURNING id`,
        [
          naturalKey,
          e.subject,
          e.edition,
          e.publisher ?? '',
          e.stage,
          v.grade,
          v.term,
          v.name,
          revision,
          v.confidence ?? '',
          v.source_ids ?? [],
          v.isbn ?? null,
        ],
      )) as { id: string }[];
      textbooks++;
      const textbookId = rows[0].id;
      const units = v.units;
      const unitRows = (await db.query(
        `INSERT INTO chapter (textbook_id, parent_id, key, level, position, number, title, kind, page)
         SELECT $1, NULL, u.key, 1, u.position, u.number, u.title, u.kind, u.page
         FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[]) AS u(key, position, number, title, kind, page)
         ON CONFLICT (textbook_id, key) DO UPDATE SET position = EXCLUDED.position, number = EXCLUDED.number,
           title = EXCLUDED.title, kind = EXCLUDED.kind, page = EXCLUDED.page
         RETURNING id, key, (xmax = 0) AS inserted`,
        [
          textbookId,
          units.map((u) => String(u.order)),
          units.map((u) => u.order),
          units.map((u) => str(u.number)),
          units.map((u) => u.name),
          units.map((u) => u.kind ?? u.type ?? null),
          units.map((u) => u.start_page ?? null),
        ],
      )) as { id: string; key: string; inserted: boolean }[];
      const unitId = new Map(unitRows.map((r) => [r.key, r.id]));
      for (const r of unitRows) {
        if (r.inserted) chaptersCreated++;
        else chaptersUpdated++;
      }
      const sections = units.flatMap((u) =>
        (u.sections ?? []).map((s) => ({ parent: unitId.get(String(u.order))!, key: `${u.order}.${s.order}`, s })),
      );
      if (!sections.length) continue;
      const sectionRows = (await db.query(
        `INSERT INTO chapter (textbook_id, parent_id, key, level, position, number, title, kind, page)
         SELECT $1, s.parent, s.key, 2, s.position, s.number, s.title, s.kind, s.page
         FROM unnest($2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[])
           AS s(parent, key, position, number, title, kind, page)
         ON CONFLICT (textbook_id, key) DO UPDATE SET parent_id = EXCLUDED.parent_id, position = EXCLUDED.position,
           number = EXCLUDED.number, title = EXCLUDED.title, kind = EXCLUDED.kind, page = EXCLUDED.page
         RETURNING (xmax = 0) AS inserted`,
        [
          textbookId,
          sections.map((x) => x.parent),
          sections.map((x) => x.key),
          sections.map((x) => x.s.order),
          sections.map((x) => str(x.s.number)),
          sections.map((x) => x.s.name),
          sections.map((x) => x.s.kind ?? null),
          sections.map((x) => x.s.page ?? x.s.start_page ?? null),
        ],
      )) as { inserted: boolean }[];
      for (const r of sectionRows) {
        if (r.inserted) chaptersCreated++;
        else chaptersUpdated++;
      }
    }
  }
  return { textbooks, chaptersCreated, chaptersUpdated };
}

export interface ChapterAncestor {
  leaf: string;
  number: string | null;
  title: string;
  textbook_id: string;
  edition: string;
  subject: Subject;
  volume: string;
}
