import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { LectureEpisode, LectureVideo } from './lectures.entities.js';

export type NewVideo = Omit<
  LectureVideo,
  | 'createdAt'
  | 'updatedAt'
  | 'jobId'
  | 'outputPrefix'
  | 'durationS'
  | 'width'
  | 'height'
  | 'hasAudio'
  | 'posterKey'
  | 'thumbnailKey'
  | 'storyboard'
  | 'firstPlayableS'
  | 'readyAt'
>;

/** The uploaded videos of episodes (lecture_video) and which one an episode plays (lecture_episode.video_id). */
@Injectable()
export class VideosRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findVideo(id: string): Promise<LectureVideo | null> {
    return this.db.getRepository(LectureVideo).findOneBy({ id });
  }

  findVideoOrFail(id: string): Promise<LectureVideo> {
    return this.db.getRepository(LectureVideo).findOneByOrFail({ id });
  }

  videosByIds(ids: string[]): Promise<LectureVideo[]> {
    return ids.length ? this.db.getRepository(LectureVideo).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** The newest upload of each episode. */
  async latestOfEpisodes(episodeIds: string[]): Promise<Map<string, LectureVideo>> {
    const rows = await this.db
      .getRepository(LectureVideo)
      .createQueryBuilder('v')
      .distinctOn(['v.episode_id'])
      .where('v.episode_id IN (:...ids)', { ids: episodeIds })
      .orderBy('v.episode_id')
      .addOrderBy('v.created_at', 'DESC')
      .getMany();
    return new Map(rows.map((v) => [v.episodeId, v]));
  }

  latestOfEpisode(episodeId: string): Promise<LectureVideo | null> {
    return this.db.getRepository(LectureVideo).findOne({ where: { episodeId }, order: { createdAt: 'DESC' } });
  }

  saveVideo(m: EntityManager, video: NewVideo): Promise<LectureVideo> {
    return m.getRepository(LectureVideo).save(video);
  }

  async update(id: string, patch: Partial<LectureVideo>, m: EntityManager = this.db.manager): Promise<void> {
    await m.getRepository(LectureVideo).update({ id }, patch);
  }

  /** Updates the video only while `prefix` is still its current attempt; false when another attempt took over. */
  async updateAttempt(
    id: string,
    prefix: string,
    patch: Partial<LectureVideo>,
    m: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const r = await m.getRepository(LectureVideo).update({ id, outputPrefix: prefix }, patch);
    return !!r.affected;
  }

  isPlayedBySomeEpisode(videoId: string): Promise<boolean> {
    return this.db.getRepository(LectureEpisode).existsBy({ videoId });
  }

  /** Makes the video its episode's current one; returns the video it replaced, if any. */
  async makeCurrent(m: EntityManager, episodeId: string, videoId: string): Promise<string | null> {
    const ep = await m.getRepository(LectureEpisode).findOneByOrFail({ id: episodeId });
    const old = ep.videoId && ep.videoId !== videoId ? ep.videoId : null;
    await m.getRepository(LectureEpisode).update({ id: ep.id }, { videoId });
    return old;
  }

  /** Makes the video its episode's current one when the episode has none yet. */
  async makeCurrentIfFirst(videoId: string): Promise<void> {
    await this.db.query(
      `UPDATE lecture_episode e SET video_id = $1 FROM lecture_video v WHERE v.id = $1 AND e.id = v.episode_id AND e.video_id IS NULL`,
      [videoId],
    );
  }

  /** An episode that plays this (failed) video plays nothing. */
  async stopPlaying(videoId: string): Promise<void> {
    await this.db.query(`UPDATE lecture_episode SET video_id = NULL WHERE video_id = $1`, [videoId]);
  }
}
