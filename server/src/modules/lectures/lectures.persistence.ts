import type { MigrationInterface, MixedList, QueryRunner } from 'typeorm';
import { LectureEpisode, LectureSeries, LectureVideo, LectureView, LectureWatch, TermCalendar } from './lectures.entities.js';

export class Lectures1763000000000 implements MigrationInterface {
  name = 'Lectures1763000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lecture_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(120) NOT NULL,
        subject varchar(20) NOT NULL,
        grade smallint NOT NULL,
        term varchar(10) NOT NULL,
        description varchar(2000) NOT NULL DEFAULT '',
        visibility varchar(10) NOT NULL,
        group_id uuid NULL,
        school_id uuid NULL,
        lecturers jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "IDX_lecture_series_group" ON lecture_series (group_id);
      CREATE TABLE lecture_episode (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL REFERENCES lecture_series(id) ON DELETE CASCADE,
        number int NOT NULL,
        title varchar(120) NOT NULL,
        description varchar(2000) NOT NULL DEFAULT '',
        chapter_id varchar(64) NULL,
        teaching_week smallint NULL,
        resource_ids uuid[] NOT NULL DEFAULT '{}',
        teacher_id uuid NOT NULL,
        publish_at timestamptz NOT NULL,
        markers jsonb NOT NULL DEFAULT '[]',
        captions jsonb NOT NULL DEFAULT '[]',
        video_id uuid NULL,
        views int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX "IDX_lecture_episode_series_number" ON lecture_episode (series_id, number);
      CREATE TABLE lecture_video (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        episode_id uuid NOT NULL REFERENCES lecture_episode(id) ON DELETE CASCADE,
        source_key varchar(500) NOT NULL,
        source_blob_id uuid NULL,
        source_size bigint NOT NULL DEFAULT 0,
        original_name varchar(200) NOT NULL DEFAULT '',
        state varchar(12) NOT NULL,
        percent smallint NOT NULL DEFAULT 0,
        failure_key varchar(100) NULL,
        failure_params jsonb NOT NULL DEFAULT '{}',
        job_id uuid NULL,
        output_prefix varchar(300) NULL,
        playable boolean NOT NULL DEFAULT false,
        duration_s real NULL,
        width int NULL,
        height int NULL,
        has_audio boolean NULL,
        renditions jsonb NOT NULL DEFAULT '[]',
        poster_key varchar(300) NULL,
        thumbnail_key varchar(300) NULL,
        storyboard jsonb NULL,
        first_playable_s real NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz NULL
      );
      CREATE INDEX "IDX_lecture_video_episode" ON lecture_video (episode_id);
      CREATE TABLE lecture_term_calendar (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL,
        school_year smallint NOT NULL,
        term varchar(10) NOT NULL,
        week1_monday date NOT NULL,
        weeks smallint NOT NULL
      );
      CREATE UNIQUE INDEX "IDX_lecture_term_calendar_key" ON lecture_term_calendar (group_id, school_year, term);
      CREATE TABLE lecture_watch (
        user_id uuid NOT NULL,
        episode_id uuid NOT NULL REFERENCES lecture_episode(id) ON DELETE CASCADE,
        position_s real NOT NULL DEFAULT 0,
        duration_s real NOT NULL DEFAULT 0,
        watched_s real NOT NULL DEFAULT 0,
        completed boolean NOT NULL DEFAULT false,
        window_no bigint NOT NULL DEFAULT 0,
        window_watched_s real NOT NULL DEFAULT 0,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, episode_id)
      );
      CREATE INDEX "IDX_lecture_watch_recent" ON lecture_watch (user_id, last_at DESC);
      CREATE TABLE lecture_view (
        id bigserial PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES lecture_episode(id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        school_id uuid NULL,
        locality varchar(20) NULL,
        window_no bigint NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX "IDX_lecture_view_once" ON lecture_view (episode_id, user_id, window_no);
    `);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE lecture_view; DROP TABLE lecture_watch; DROP TABLE lecture_term_calendar; DROP TABLE lecture_video; DROP TABLE lecture_episode; DROP TABLE lecture_series;`,
    );
  }
}

/** Entities and migrations this module owns; collected by database/registry.ts. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const lecturesEntities: Function[] = [
  LectureSeries,
  LectureEpisode,
  LectureVideo,
  TermCalendar,
  LectureWatch,
  LectureView,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const lecturesMigrations: MixedList<Function> = [Lectures1763000000000];
