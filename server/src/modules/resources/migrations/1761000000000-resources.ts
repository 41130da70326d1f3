import type { MigrationInterface, QueryRunner } from 'typeorm';
import chapters from '../data/chapters.json' with { type: 'json' };
import { catalogueSchema, importCatalogue } from '../catalogue.loader.js';

export class Resources1761000000000 implements MigrationInterface {
  name = 'Resources1761000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE textbook (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        natural_key text NOT NULL UNIQUE,
        subject varchar(20) NOT NULL,
        edition varchar(40) NOT NULL,
        publisher varchar(60) NOT NULL DEFAULT '',
        stage varchar(10) NOT NULL,
        grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 12),
        term varchar(10) NOT NULL,
        volume varchar(40) NOT NULL,
        revision text NOT NULL DEFAULT '',
        confidence varchar(20) NOT NULL DEFAULT '',
        source_ids text[] NOT NULL DEFAULT '{}',
        isbn varchar(20) NULL,
        position int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX textbook_subject_idx ON textbook (subject, edition, grade)`);
    await q.query(`
      CREATE TABLE chapter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        textbook_id uuid NOT NULL REFERENCES textbook(id) ON DELETE CASCADE,
        parent_id uuid NULL REFERENCES chapter(id) ON DELETE CASCADE,
        key varchar(20) NOT NULL,
        level smallint NOT NULL CHECK (level IN (1, 2)),
        position int NOT NULL,
        number varchar(20) NULL,
        title varchar(200) NOT NULL,
        kind varchar(40) NULL,
        page int NULL,
        UNIQUE (textbook_id, key)
      )`);
    await q.query(`CREATE INDEX chapter_parent_idx ON chapter (parent_id)`);
    await q.query(`
      CREATE TABLE resource (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        kind varchar(20) NOT NULL CHECK (kind IN ('lesson_plan','courseware','exercise','exam_paper','teaching_design','micro_lesson','image','audio','other')),
        subject varchar(20) NOT NULL,
        grades smallint[] NOT NULL DEFAULT '{}',
        textbook_id uuid NULL REFERENCES textbook(id),
        chapter_id uuid NULL REFERENCES chapter(id),
        unit_id uuid NULL REFERENCES chapter(id),
        tags text[] NOT NULL DEFAULT '{}',
        license varchar(20) NOT NULL,
        author_id uuid NOT NULL REFERENCES app_user(id),
        school_id uuid NULL REFERENCES school(id),
        visibility varchar(10) NOT NULL CHECK (visibility IN ('private','school','group','public')),
        audience varchar(20) NOT NULL CHECK (audience IN ('teachers_only','everyone')),
        review_state varchar(10) NOT NULL CHECK (review_state IN ('none','pending','approved','rejected')),
        review_reason varchar(500) NULL,
        reviewed_by uuid NULL REFERENCES app_user(id),
        reviewed_at timestamptz NULL,
        view_count int NOT NULL DEFAULT 0,
        download_count int NOT NULL DEFAULT 0,
        favourite_count int NOT NULL DEFAULT 0,
        rating_count int NOT NULL DEFAULT 0,
        rating_sum int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz NULL
      )`);
    // browse paths: a lesson, a unit (with its lessons), a whole volume; newest first with keyset pagination
    await q.query(
      `CREATE INDEX resource_chapter_idx ON resource (chapter_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
    );
    await q.query(`CREATE INDEX resource_unit_idx ON resource (unit_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE INDEX resource_textbook_idx ON resource (textbook_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
    );
    await q.query(`CREATE INDEX resource_author_idx ON resource (author_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX resource_school_idx ON resource (school_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE INDEX resource_review_idx ON resource (school_id, created_at) WHERE review_state = 'pending' AND deleted_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE resource_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
        position int NOT NULL,
        latest_version_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX resource_file_resource_idx ON resource_file (resource_id, position)`);
    await q.query(`
      CREATE TABLE resource_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id uuid NOT NULL REFERENCES resource_file(id) ON DELETE CASCADE,
        resource_id uuid NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
        number int NOT NULL,
        blob_id uuid NOT NULL,
        file_name varchar(255) NOT NULL,
        size bigint NOT NULL,
        mime varchar(120) NOT NULL,
        file_kind varchar(20) NOT NULL,
        sha256 varchar(64) NOT NULL,
        storage_key text NOT NULL,
        change_note varchar(500) NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        preview_state varchar(12) NOT NULL CHECK (preview_state IN ('pending','ready','unavailable','failed')),
        preview_key text NULL,
        thumbnail_key text NULL,
        preview_error varchar(500) NULL,
        UNIQUE (file_id, number)
      )`);
    await q.query(`CREATE INDEX resource_version_resource_idx ON resource_version (resource_id)`);
    await q.query(`
      CREATE TABLE resource_favourite (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        resource_id uuid NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, resource_id)
      )`);
    await q.query(`
      CREATE TABLE resource_rating (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        resource_id uuid NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
        stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
        comment varchar(200) NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, resource_id)
      )`);
    await q.query(`CREATE INDEX resource_rating_resource_idx ON resource_rating (resource_id, updated_at DESC)`);
    await q.query(`
      CREATE TABLE resource_download (
        id bigserial PRIMARY KEY,
        resource_id uuid NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
        version_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role varchar(20) NOT NULL,
        school_id uuid NULL REFERENCES school(id),
        source_school_id uuid NULL REFERENCES school(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX resource_download_resource_idx ON resource_download (resource_id, created_at)`);
    await q.query(`CREATE INDEX resource_download_flow_idx ON resource_download (source_school_id, school_id, created_at)`);
    // the catalogue the platform ships (人教版数学, 统编版语文, 人教版物理; see data/SOURCES.md)
    await importCatalogue(q, catalogueSchema.parse(chapters));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'resource_download',
      'resource_rating',
      'resource_favourite',
      'resource_version',
      'resource_file',
      'resource',
      'chapter',
      'textbook',
    ])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
