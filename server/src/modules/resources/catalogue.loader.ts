import { z } from 'zod';

/**
 * The textbook catalogue file (data/chapters.json and the admin import): editions → volumes (册)
 * → units (单元/章) → sections (节/课). Extra fields (pieces, starred, notes…) are allowed and ignored.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
const order = z.number().int().min(0).max(10000);
const page = z.number().int().min(0).max(100000).nullish();

const section = z.object({
  order,
  name: text(200),
  number: z.union([z.string().max(20), z.number()]).nullish(),
  kind: optText(40),
  page,
  start_page: page,
});
const unit = z.object({
  order,
  name: text(200),
  number: z.union([z.string().max(20), z.number()]).nullish(),
  kind: optText(40),
  type: optText(40),
  start_page: page,
  sections: z.array(section).max(300).optional(),
});
const volume = z.object({
  grade: z.number().int().min(1).max(12),
  term: text(10),
  name: text(40),
  revision: optText(500),
  confidence: optText(20),
  source_ids: z.array(z.string().max(20)).max(20).optional(),
  isbn: optText(20),
  units: z.array(unit).min(1).max(200),
});
const edition = z.object({
  subject: text(20),
  edition: text(40),
  publisher: optText(60),
  stage: text(10),
  revision: optText(500),
  volumes: z.array(volume).min(1).max(100),
});
export const catalogueSchema = z.object({ editions: z.array(edition).min(1).max(200) });
export type CatalogueFile = z.infer<typeof catalogueSchema>;

export interface CatalogueImportResult {
  textbooks: number;
  chaptersCreated: number;
  chaptersUpdated: number;
}

interface Runner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Finds duplicate orders, which would make two chapters share one key. */
export function catalogueProblems(file: CatalogueFile): string[] {
  const problems: string[] = [];
  file.editions.forEach((e, ei) =>
    e.volumes.forEach((v, vi) => {
      const seen = new Set<number>();
      v.units.forEach((u, ui) => {
        if (seen.has(u.order)) problems.push(`editions.${ei}.volumes.${vi}.units.${ui}.order`);
        seen.add(u.order);
        const inner = new Set<number>();
        (u.sections ?? []).forEach((s, si) => {
          if (inner.has(s.order)) problems.push(`editions.${ei}.volumes.${vi}.units.${ui}.sections.${si}.order`);
          inner.add(s.order);
        });
      });
    }),
  );
  return problems;
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
