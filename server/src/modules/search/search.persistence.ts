import type { MigrationInterface, MixedList, QueryRunner } from 'typeorm';

/**
 * The search module's tables. No TypeORM entities: both tables are written with plain SQL
 * (tsvector literals, jsonb containment), and leaving them unmapped keeps `migration:generate`
 * from trying to "fix" the GIN indexes.
 *
 * - search_document: the Postgres engine's index, one row per (index, document): the filterable
 *   values (`fields`, each as an array) and sortable values (`sort_keys`) as jsonb, the tokenized
 *   text as a weighted tsvector.
 * - search_outbox: documents whose index entry must be refreshed, written in the same transaction
 *   as the change; drained by the `search.drain` job.
 */
export class SearchDocuments1760600000000 implements MigrationInterface {
  name = 'SearchDocuments1760600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_document (
        index_name varchar(40) NOT NULL,
        doc_id varchar(200) NOT NULL,
        fields jsonb NOT NULL DEFAULT '{}'::jsonb,
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (index_name, doc_id)
      )`);
    await q.query(`CREATE INDEX search_document_vector_idx ON search_document USING GIN (search_vector)`);
    await q.query(`CREATE INDEX search_document_fields_idx ON search_document USING GIN (fields jsonb_path_ops)`);
    await q.query(`
      CREATE TABLE search_outbox (
        id bigserial PRIMARY KEY,
        index_name varchar(40) NOT NULL,
        doc_id varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX search_outbox_index_idx ON search_outbox (index_name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_outbox`);
    await q.query(`DROP TABLE search_document`);
  }
}

/**
 * Filter values are stored as arrays (`{"grade":[8]}`) so one containment test serves scalars and
 * array fields alike; sort values move to their own column. Converts rows already indexed.
 */
export class SearchSortKeys1760600000001 implements MigrationInterface {
  name = 'SearchSortKeys1760600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_document ADD COLUMN sort_keys jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`
      UPDATE search_document d SET sort_keys = d.fields, fields = COALESCE((
        SELECT jsonb_object_agg(e.key, CASE WHEN jsonb_typeof(e.value) = 'array' THEN e.value ELSE jsonb_build_array(e.value) END)
        FROM jsonb_each(d.fields) e), '{}'::jsonb)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_document DROP COLUMN sort_keys`);
  }
}

/** Entities and migrations this module owns; collected by database/registry.ts. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const searchEntities: Function[] = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const searchMigrations: MixedList<Function> = [SearchDocuments1760600000000, SearchSortKeys1760600000001];
