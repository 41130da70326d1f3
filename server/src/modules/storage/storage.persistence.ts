import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Blob, Upload, UploadPart } from './storage.entities.js';

export class StorageUploads1760500000000 implements MigrationInterface {
  name = 'StorageUploads1760500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE blob (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sha256 char(64) NOT NULL,
        key varchar(300) NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        mime varchar(100) NOT NULL,
        kind varchar(20) NOT NULL,
        ext varchar(10) NOT NULL,
        ref_count int NOT NULL DEFAULT 0 CHECK (ref_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_blob_sha256" ON blob (sha256)`);
    await q.query(`CREATE INDEX blob_unreferenced_idx ON blob (created_at) WHERE ref_count = 0`);
    await q.query(`
      CREATE TABLE upload (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        purpose varchar(10) NOT NULL CHECK (purpose IN ('resource','lecture','caption')),
        file_name varchar(255) NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        content_type varchar(100) NOT NULL,
        part_size int NOT NULL CHECK (part_size > 0),
        part_count int NOT NULL CHECK (part_count BETWEEN 1 AND 10000),
        key varchar(300) NOT NULL,
        s3_upload_id varchar(1024) NOT NULL,
        state varchar(12) NOT NULL DEFAULT 'uploading'
          CHECK (state IN ('uploading','verifying','ready','rejected','aborted','consumed')),
        reason_key varchar(100) NULL,
        reason_params jsonb NOT NULL DEFAULT '{}',
        sha256 char(64) NULL,
        blob_id uuid NULL REFERENCES blob(id) ON DELETE SET NULL,
        kind varchar(20) NULL,
        mime varchar(100) NULL,
        ext varchar(10) NULL,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz NULL,
        consumed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX upload_owner_idx ON upload (owner_id, created_at)`);
    await q.query(
      `CREATE INDEX upload_open_idx ON upload (state, last_activity_at) WHERE state IN ('uploading','verifying','ready')`,
    );
    await q.query(`
      CREATE TABLE upload_part (
        upload_id uuid NOT NULL REFERENCES upload(id) ON DELETE CASCADE,
        part_number int NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
        etag varchar(200) NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (upload_id, part_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE upload_part`);
    await q.query(`DROP TABLE upload`);
    await q.query(`DROP TABLE blob`);
  }
}

/** Entities and migrations this module owns; collected by database/registry.ts. */
export const storageEntities = [Blob, Upload, UploadPart];
export const storageMigrations = [StorageUploads1760500000000];
