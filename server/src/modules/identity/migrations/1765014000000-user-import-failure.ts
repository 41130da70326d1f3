import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why an import failed as a whole (its job gave up after the last attempt), as a message key. */
export class UserImportFailure1765014000000 implements MigrationInterface {
  name = 'UserImportFailure1765014000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_import ADD COLUMN failure_key varchar(100) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_import DROP COLUMN failure_key`);
  }
}
