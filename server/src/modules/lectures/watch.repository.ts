import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LectureWatch } from './lectures.entities.js';

/** Buffered heartbeats of one viewer and episode, written by `recordProgress`. */
export interface Beat {
  userId: string;
  episodeId: string;
  position: number;
  played: number;
  duration: number;
}

export interface WatchRow {
  episode_id: string;
  series_id: string;
  series_title: string;
  number: number;
  title: string;
  position_s: number;
  duration_s: number;
  watched_s: number;
  completed: boolean;
  last_at: Date;
  thumbnail_key: string | null;
}

/** Watch progress (lecture_watch) and counted views (lecture_view). */
@Injectable()
export class WatchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  watchOf(userId: string, episodeId: string): Promise<LectureWatch | null> {
    return this.db.getRepository(LectureWatch).findOneBy({ userId, episodeId });
  }

  /**
   * Writes a batch of heartbeats in one statement and counts a view per viewer per window once
   * they watched `minSeconds` (or half the lecture). The viewer's school and its locality are
   * copied onto the view when it is counted (identity's and organizations' tables, read in the
   * same statement to keep the write a single round trip).
   */
  async recordProgress(batch: Beat[], windowNo: number, minSeconds: number): Promise<void> {
    await this.db.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::real[], $4::real[], $5::real[]) AS t(user_id, episode_id, pos, played, dur)
       ), up AS (
         INSERT INTO lecture_watch AS w (user_id, episode_id, position_s, duration_s, watched_s, completed, window_no, window_watched_s, last_at)
         SELECT user_id, episode_id, pos, dur, played, dur > 0 AND (pos >= dur * 0.95 OR played >= dur * 0.9), $6, played, now() FROM input
         ON CONFLICT (user_id, episode_id) DO UPDATE SET
           position_s = EXCLUDED.position_s,
           duration_s = EXCLUDED.duration_s,
           watched_s = w.watched_s + EXCLUDED.watched_s,
           completed = w.completed OR EXCLUDED.completed OR (EXCLUDED.duration_s > 0 AND w.watched_s + EXCLUDED.watched_s >= EXCLUDED.duration_s * 0.9),
           window_watched_s = CASE WHEN w.window_no = EXCLUDED.window_no THEN w.window_watched_s + EXCLUDED.window_watched_s ELSE EXCLUDED.window_watched_s END,
           window_no = EXCLUDED.window_no,
           last_at = now()
         RETURNING w.user_id, w.episode_id, w.window_no, w.window_watched_s, w.duration_s
       ), counted AS (
         INSERT INTO lecture_view (episode_id, user_id, school_id, locality, window_no)
         SELECT up.episode_id, up.user_id, u.school_id, s.locality, up.window_no
         FROM up JOIN app_user u ON u.id = up.user_id LEFT JOIN school s ON s.id = u.school_id
         WHERE up.window_watched_s >= LEAST($7::real, GREATEST(up.duration_s * 0.5, 1))
         ON CONFLICT (episode_id, user_id, window_no) DO NOTHING
         RETURNING episode_id
       )
       UPDATE lecture_episode e SET views = e.views + c.n
       FROM (SELECT episode_id, count(*)::int AS n FROM counted GROUP BY episode_id) c WHERE e.id = c.episode_id`,
      [
        batch.map((b) => b.userId),
        batch.map((b) => b.episodeId),
        batch.map((b) => b.position),
        batch.map((b) => b.played),
        batch.map((b) => b.duration),
        windowNo,
        minSeconds,
      ],
    );
  }

  async watchTotals(episodeId: string): Promise<{ viewers: number; total: number; completed: number }> {
    const [w] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE watched_s > 0)::int AS viewers, COALESCE(sum(watched_s),0)::float AS total,
              count(*) FILTER (WHERE completed)::int AS completed
       FROM lecture_watch WHERE episode_id = $1`,
      [episodeId],
    )) as { viewers: number; total: number; completed: number }[];
    return w;
  }

  async viewTotals(episodeId: string): Promise<{ views: number; uniq: number }> {
    const [v] = (await this.db.query(
      `SELECT count(*)::int AS views, count(DISTINCT user_id)::int AS uniq FROM lecture_view WHERE episode_id = $1`,
      [episodeId],
    )) as { views: number; uniq: number }[];
    return v;
  }

  /** The 50 schools with the most views of the episode (null: viewers without a school). */
  viewsBySchool(episodeId: string): Promise<{ schoolId: string | null; views: number }[]> {
    return this.db.query(
      `SELECT school_id AS "schoolId", count(*)::int AS views
       FROM lecture_view WHERE episode_id = $1
       GROUP BY 1 ORDER BY 2 DESC LIMIT 50`,
      [episodeId],
    );
  }

  viewsByLocality(episodeId: string): Promise<{ key: string; label: string; views: number }[]> {
    return this.db.query(
      `SELECT COALESCE(locality, 'unknown') AS key, COALESCE(locality, 'unknown') AS label, count(*)::int AS views
       FROM lecture_view WHERE episode_id = $1 GROUP BY 1 ORDER BY 3 DESC`,
      [episodeId],
    );
  }

  /** The viewer's most recently watched episodes, newest first. */
  history(userId: string, limit: number): Promise<WatchRow[]> {
    return this.db.query(
      `SELECT w.*, e.series_id, e.number, e.title, s.title AS series_title, v.thumbnail_key
       FROM lecture_watch w JOIN lecture_episode e ON e.id = w.episode_id JOIN lecture_series s ON s.id = e.series_id
       LEFT JOIN lecture_video v ON v.id = e.video_id
       WHERE w.user_id = $1 ORDER BY w.last_at DESC LIMIT $2`,
      [userId, limit],
    );
  }
}
