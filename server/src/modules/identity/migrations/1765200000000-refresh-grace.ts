import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The refresh secret a session had just before its last rotation, and when that rotation happened:
 * a second tab that refreshed with the same cookie at the same moment is answered instead of
 * signing the user out (see `AuthService.refresh`).
 */
export class RefreshGrace1765200000000 implements MigrationInterface {
  name = 'RefreshGrace1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE auth_session ADD COLUMN previous_refresh_hash varchar(128) NULL, ADD COLUMN rotated_at timestamptz NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE auth_session DROP COLUMN previous_refresh_hash, DROP COLUMN rotated_at`);
  }
}
