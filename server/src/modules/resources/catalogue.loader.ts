import { z } from 'zod';
import { subjectFrom, termFrom, type Subject, type Term } from './vocabulary.js';

/**
 * The textbook catalogue file (data/chapters.json and the admin import): editions → volumes (册)
 * → units (单元/章) → sections (节/课). Extra fields (pieces, starred, notes…) are allowed and ignored.
 * Subjects and terms may be written as codes or in Chinese (数学, 上): they are read into the
 * vocabulary's codes here, so the stored rows and their natural keys hold codes.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
const order = z.number().int().min(0).max(10000);
/** A vocabulary word read into its code; an unknown word is an issue at its path. */
const word = <T extends string>(max: number, from: (text: string) => T | null) =>
  text(max).transform((value, ctx): T => {
    const code = from(value);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: `unknown: ${value}` });
      return z.NEVER;
    }
    return code;
  });
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
  term: word<Term>(10, termFrom),
  name: text(40),
  revision: optText(500),
  confidence: optText(20),
  source_ids: z.array(z.string().max(20)).max(20).optional(),
  isbn: optText(20),
  units: z.array(unit).min(1).max(200),
});
const edition = z.object({
  subject: word<Subject>(20, subjectFrom),
  edition: text(40),
  publisher: optText(60),
  stage: text(10),
  revision: optText(500),
  volumes: z.array(volume).min(1).max(100),
});
export const catalogueSchema = z.object({ editions: z.array(edition).min(1).max(200) });
export type CatalogueFile = z.infer<typeof catalogueSchema>;

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

/** The 1761000000000 migration imports the upsert from here (migrations are never edited). */
export { importCatalogue, type CatalogueImportResult } from './catalogue.repository.js';
