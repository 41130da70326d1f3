import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Admins' user lists page through a school by username: one index serves filter and order. */
export class UserListIndex1760000000001 implements MigrationInterface {
  name = 'UserListIndex1760000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_user_school_username" ON app_user (school_id, username)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "IDX_user_school_username"`);
  }
}
