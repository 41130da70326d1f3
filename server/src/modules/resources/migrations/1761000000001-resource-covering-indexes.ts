import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browsing a chapter filters by visibility, kind and school and sorts by date: with those
 * columns in the index (INCLUDE), the page's ids come from an index-only scan and only the
 * 30 rows shown are read from the table. The volume index also carries the chapter ids so the
 * tree's per-chapter counts need no table reads.
 */
export class ResourceCoveringIndexes1761000000001 implements MigrationInterface {
  name = 'ResourceCoveringIndexes1761000000001';

  async up(q: QueryRunner): Promise<void> {
    const cover = 'kind, school_id, author_id, visibility, review_state, audience';
    await q.query(`DROP INDEX IF EXISTS resource_chapter_idx`);
    await q.query(`DROP INDEX IF EXISTS resource_unit_idx`);
    await q.query(`DROP INDEX IF EXISTS resource_textbook_idx`);
    await q.query(
      `CREATE INDEX resource_chapter_idx ON resource (chapter_id, created_at DESC, id DESC) INCLUDE (${cover}) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX resource_unit_idx ON resource (unit_id, created_at DESC, id DESC) INCLUDE (${cover}) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX resource_textbook_idx ON resource (textbook_id, created_at DESC, id DESC) INCLUDE (${cover}, chapter_id, unit_id) WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name, col] of [
      ['resource_chapter_idx', 'chapter_id'],
      ['resource_unit_idx', 'unit_id'],
      ['resource_textbook_idx', 'textbook_id'],
    ]) {
      await q.query(`DROP INDEX IF EXISTS ${name}`);
      await q.query(`CREATE INDEX ${name} ON resource (${col}, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    }
  }
}
