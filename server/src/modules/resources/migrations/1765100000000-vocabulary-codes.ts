import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subjects and terms become the vocabulary's codes (vocabulary.ts) in `resource` and `textbook`:
 * 数学 → math, 上 → first, 全一册 → whole; a subject no name or alias matches becomes `other`.
 * Textbook natural keys start with the subject, so they are recomputed (a re-import of the
 * catalogue file, read into codes, finds the same rows). Every resource is queued for reindexing,
 * since its search document carries the subject. The names are frozen here, as they were when
 * this migration was written: later vocabulary changes need their own migration.
 */
const SUBJECT_NAMES: [string, string][] = [
  ['语文', 'chinese'],
  ['数学', 'math'],
  ['英语', 'english'],
  ['物理', 'physics'],
  ['化学', 'chemistry'],
  ['生物', 'biology'],
  ['历史', 'history'],
  ['地理', 'geography'],
  ['道德与法治', 'politics'],
  ['科学', 'science'],
  ['音乐', 'music'],
  ['美术', 'art'],
  ['体育与健康', 'pe'],
  ['信息科技', 'it'],
  ['其他', 'other'],
];
const SUBJECT_ALIASES: [string, string][] = [
  ['道法', 'politics'],
  ['思想品德', 'politics'],
  ['思想政治', 'politics'],
  ['政治', 'politics'],
  ['体育', 'pe'],
  ['信息技术', 'it'],
];
const CODES = [...new Set(SUBJECT_NAMES.map(([, code]) => code))];

/** `<column> = the code of its trimmed value`, known codes kept, anything else `other`. */
function subjectToCode(column: string): { sql: string; params: unknown[] } {
  const pairs = [...SUBJECT_NAMES, ...SUBJECT_ALIASES];
  return {
    sql: `CASE WHEN btrim(${column}) = ANY($1::text[]) THEN btrim(${column})
               ELSE COALESCE((SELECT m.code FROM unnest($2::text[], $3::text[]) AS m(name, code) WHERE m.name = btrim(${column})), 'other')
          END`,
    params: [CODES, pairs.map(([name]) => name), pairs.map(([, code]) => code)],
  };
}

const NATURAL_KEY = `subject || substr(natural_key, strpos(natural_key, '|'))`;

export class VocabularyCodes1765100000000 implements MigrationInterface {
  name = 'VocabularyCodes1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const resource = subjectToCode('subject');
    await q.query(`UPDATE resource SET subject = ${resource.sql} WHERE subject <> ALL($1::text[])`, resource.params);
    const textbook = subjectToCode('subject');
    await q.query(`UPDATE textbook SET subject = ${textbook.sql} WHERE subject <> ALL($1::text[])`, textbook.params);
    await q.query(`
      UPDATE textbook SET term = CASE
          WHEN btrim(term) IN ('first', 'second', 'whole') THEN btrim(term)
          WHEN btrim(term) LIKE '上%' THEN 'first'
          WHEN btrim(term) LIKE '下%' THEN 'second'
          WHEN btrim(term) IN ('全一册', '全册') THEN 'whole'
          ELSE term END`);
    await q.query(`UPDATE textbook SET natural_key = ${NATURAL_KEY} WHERE natural_key <> ${NATURAL_KEY}`);
    await q.query(`INSERT INTO search_outbox (index_name, doc_id) SELECT 'resources', id::text FROM resource ORDER BY id`);
  }

  async down(q: QueryRunner): Promise<void> {
    const names = [SUBJECT_NAMES.map(([, code]) => code), SUBJECT_NAMES.map(([name]) => name)];
    const toName = (column: string) =>
      `COALESCE((SELECT m.name FROM unnest($1::text[], $2::text[]) AS m(code, name) WHERE m.code = ${column}), ${column})`;
    await q.query(`UPDATE resource SET subject = ${toName('subject')}`, names);
    await q.query(`UPDATE textbook SET subject = ${toName('subject')}`, names);
    await q.query(
      `UPDATE textbook SET term = CASE term WHEN 'first' THEN '上' WHEN 'second' THEN '下' WHEN 'whole' THEN '全一册' ELSE term END`,
    );
    await q.query(`UPDATE textbook SET natural_key = ${NATURAL_KEY}`);
    await q.query(`INSERT INTO search_outbox (index_name, doc_id) SELECT 'resources', id::text FROM resource ORDER BY id`);
  }
}
