import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1760000000000 implements MigrationInterface {
  name = 'Foundation1760000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        code varchar(20) NOT NULL,
        locality varchar(20) NOT NULL CHECK (locality IN ('urban','township','rural')),
        stage varchar(20) NOT NULL CHECK (stage IN ('primary','junior','nine_year','senior','complete')),
        district varchar(100) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_school_code" ON school (code)`);
    await q.query(`
      CREATE TABLE education_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('tight','alliance','urban_rural')),
        region varchar(100) NOT NULL DEFAULT '',
        core_school_id uuid NULL REFERENCES school(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE group_membership (
        group_id uuid NOT NULL REFERENCES education_group(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES school(id) ON DELETE CASCADE,
        role varchar(10) NOT NULL CHECK (role IN ('core','member')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, school_id)
      )`);
    await q.query(`CREATE INDEX group_membership_school_idx ON group_membership (school_id)`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        phone varchar(20) NULL UNIQUE,
        display_name varchar(50) NOT NULL,
        password_hash varchar(200) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('platform_admin','group_admin','school_admin','teacher','student','parent')),
        school_id uuid NULL REFERENCES school(id),
        group_id uuid NULL REFERENCES education_group(id),
        titles text[] NOT NULL DEFAULT '{}',
        grade smallint NULL CHECK (grade BETWEEN 1 AND 12),
        birth_date date NULL,
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
        must_change_password boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_user_username" ON app_user (username)`);
    await q.query(`CREATE INDEX "IDX_user_school" ON app_user (school_id)`);
    await q.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        refresh_hash varchar(128) NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        user_agent varchar(300) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_session_user" ON auth_session (user_id)`);
    await q.query(`
      CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        login varchar(64) NOT NULL,
        ip varchar(64) NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_login_failure_login" ON login_failure (login, at)`);
    await q.query(`CREATE INDEX "IDX_login_failure_ip" ON login_failure (ip, at)`);
    await q.query(`
      CREATE TABLE guardianship (
        parent_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        relation varchar(20) NOT NULL DEFAULT 'guardian',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (parent_id, student_id)
      )`);
    await q.query(`CREATE INDEX guardianship_student_idx ON guardianship (student_id)`);
    await q.query(`
      CREATE TABLE user_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id),
        created_by uuid NOT NULL REFERENCES app_user(id),
        source_key varchar(200) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'queued',
        total int NOT NULL DEFAULT 0,
        processed int NOT NULL DEFAULT 0,
        created_count int NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue varchar(60) NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        state varchar(10) NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','done','failed')),
        attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL DEFAULT 5,
        run_after timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz NULL,
        locked_by varchar(100) NULL,
        last_error text NULL,
        singleton_key varchar(200) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX job_pick_idx ON job (state, run_after)`);
    await q.query(
      `CREATE UNIQUE INDEX job_singleton_idx ON job (queue, singleton_key) WHERE singleton_key IS NOT NULL AND state IN ('queued','running')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'job',
      'user_import',
      'guardianship',
      'login_failure',
      'auth_session',
      'app_user',
      'group_membership',
      'education_group',
      'school',
    ])
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
  }
}
