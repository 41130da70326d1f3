import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Subject, Term } from '../resources/vocabulary.js';
import { LectureEpisode, LectureSeries, LectureVideo } from './lectures.entities.js';

export type NewSeries = Omit<LectureSeries, 'id' | 'createdAt'>;
export type NewEpisode = Omit<LectureEpisode, 'id' | 'createdAt'>;

/** Per series: published episodes, total views and the first episode's thumbnail. */
export interface SeriesStats {
  series_id: string;
  n: string;
  views: string;
  thumb: string | null;
}

/** The series and their episodes (lecture_series, lecture_episode). */
@Injectable()
export class SeriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findSeries(id: string): Promise<LectureSeries | null> {
    return this.db.getRepository(LectureSeries).findOneBy({ id });
  }

  seriesOf(episode: LectureEpisode): Promise<LectureSeries> {
    return this.db.getRepository(LectureSeries).findOneByOrFail({ id: episode.seriesId });
  }

  saveSeries(series: NewSeries): Promise<LectureSeries> {
    return this.db.getRepository(LectureSeries).save(series);
  }

  /** Up to 500 series, by grade then newest first. */
  listSeries(filter: { subject?: Subject; grade?: number }): Promise<LectureSeries[]> {
    const qb = this.db.getRepository(LectureSeries).createQueryBuilder('s').orderBy('s.grade').addOrderBy('s.created_at', 'DESC');
    if (filter.subject) qb.andWhere('s.subject = :subject', { subject: filter.subject });
    if (filter.grade) qb.andWhere('s.grade = :grade', { grade: filter.grade });
    return qb.limit(500).getMany();
  }

  seriesOfGradeAndTerm(grade: number, term: Term): Promise<LectureSeries[]> {
    return this.db.getRepository(LectureSeries).findBy({ grade, term });
  }

  seriesStats(ids: string[]): Promise<SeriesStats[]> {
    return this.db.query(
      `SELECT e.series_id, count(*) FILTER (WHERE e.publish_at <= now() AND e.video_id IS NOT NULL) AS n, COALESCE(sum(e.views),0) AS views,
              (SELECT v.thumbnail_key FROM lecture_episode e2 JOIN lecture_video v ON v.id = e2.video_id
               WHERE e2.series_id = e.series_id ORDER BY e2.number LIMIT 1) AS thumb
       FROM lecture_episode e WHERE e.series_id = ANY($1) GROUP BY e.series_id`,
      [ids],
    );
  }

  findEpisode(id: string): Promise<LectureEpisode | null> {
    return this.db.getRepository(LectureEpisode).findOneBy({ id });
  }

  episodesOf(seriesId: string): Promise<LectureEpisode[]> {
    return this.db.getRepository(LectureEpisode).find({ where: { seriesId }, order: { number: 'ASC' } });
  }

  /** Published episodes with a video of the given series taught in the given week, by number. */
  publishedInWeek(seriesIds: string[], week: number): Promise<LectureEpisode[]> {
    return this.db
      .getRepository(LectureEpisode)
      .createQueryBuilder('e')
      .where('e.series_id IN (:...ids)', { ids: seriesIds })
      .andWhere('e.teaching_week = :w', { w: week })
      .andWhere('e.publish_at <= now()')
      .andWhere('e.video_id IS NOT NULL')
      .orderBy('e.number')
      .getMany();
  }

  /** Episode, series and current video in one query (the playback hot path). */
  async episodeForPlayback(
    episodeId: string,
  ): Promise<{ episode: LectureEpisode; series: LectureSeries; video: LectureVideo | null } | null> {
    const row = (await this.db
      .getRepository(LectureEpisode)
      .createQueryBuilder('e')
      .innerJoinAndMapOne('e.series', LectureSeries, 's', 's.id = e.series_id')
      .leftJoinAndMapOne('e.video', LectureVideo, 'v', 'v.id = e.video_id')
      .where('e.id = :episodeId', { episodeId })
      .getOne()) as (LectureEpisode & { series: LectureSeries; video: LectureVideo | null }) | null;
    if (!row) return null;
    const { series, video, ...fields } = row;
    return { episode: Object.assign(new LectureEpisode(), fields), series, video };
  }

  /** Serializes numbering within a series until the transaction ends. */
  async lockSeries(m: EntityManager, seriesId: string): Promise<void> {
    await m.query('SELECT id FROM lecture_series WHERE id=$1 FOR UPDATE', [seriesId]);
  }

  async nextEpisodeNumber(m: EntityManager, seriesId: string): Promise<number> {
    const [{ next }] = (await m.query('SELECT COALESCE(max(number),0)+1 AS next FROM lecture_episode WHERE series_id=$1', [
      seriesId,
    ])) as { next: number }[];
    return Number(next);
  }

  episodeNumberTaken(m: EntityManager, seriesId: string, number: number): Promise<boolean> {
    return m.getRepository(LectureEpisode).existsBy({ seriesId, number });
  }

  saveEpisode(episode: NewEpisode, m: EntityManager = this.db.manager): Promise<LectureEpisode> {
    return m.getRepository(LectureEpisode).save(episode);
  }

  /** Applies the patch and reads the episode back. */
  async updateEpisode(id: string, patch: Partial<LectureEpisode>): Promise<LectureEpisode> {
    await this.db.getRepository(LectureEpisode).update({ id }, patch);
    return this.db.getRepository(LectureEpisode).findOneByOrFail({ id });
  }

  async setCaptions(id: string, captions: LectureEpisode['captions']): Promise<void> {
    await this.db.getRepository(LectureEpisode).update({ id }, { captions });
  }
}
