import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { JobsService } from '../jobs/jobs.service.js';
import { LectureAccess } from './lectures.access.js';
import type { LectureVideo } from './lectures.entities.js';
import { TRANSCODE_QUEUE } from './lectures.jobs.js';
import type { VideoStatus } from './lectures.present.js';
import { videoStatus } from './lecture-views.service.js';
import { VideosRepository } from './videos.repository.js';

/** Where a video's source copy (when it is not a stored upload) and every transcode output live. */
export function videoPrefix(videoId: string): string {
  return `lectures/videos/${videoId}/`;
}

const TRANSCODE_ATTEMPTS = 4;

/**
 * An episode's videos: registering a source and queueing its transcode, the newest upload's status,
 * retrying a failed transcode. The transcode itself is video-transcoder.ts.
 */
@Injectable()
export class VideosService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly videos: VideosRepository,
    private readonly access: LectureAccess,
    private readonly jobs: JobsService,
  ) {}

  /**
   * Registers a source video for an episode and queues its transcode in the same transaction.
   * A replacement keeps the episode (number, views); it takes over once ready.
   */
  async addVideo(
    p: Principal,
    episodeId: string,
    source: { key: string; size: number; originalName: string; blobId?: string | null },
    manager?: EntityManager,
  ): Promise<LectureVideo> {
    const work = async (m: EntityManager) => {
      const id = randomUUID();
      const video = await this.videos.saveVideo(m, {
        id,
        episodeId,
        sourceKey: source.key,
        sourceBlobId: source.blobId ?? null,
        sourceSize: String(source.size),
        originalName: source.originalName.slice(0, 200),
        state: 'queued' as const,
        percent: 0,
        failureKey: null,
        failureParams: {},
        playable: false,
        renditions: [],
        createdBy: p.userId,
      });
      video.jobId = await this.enqueueTranscode(m, id);
      await this.videos.update(id, { jobId: video.jobId }, m);
      return video;
    };
    return manager ? work(manager) : this.db.transaction(work);
  }

  /** The newest upload of an episode the caller manages. */
  async videoStatus(p: Principal, episodeId: string): Promise<VideoStatus | null> {
    await this.access.managedEpisode(p, episodeId);
    const v = await this.videos.latestOfEpisode(episodeId);
    return v ? videoStatus(v) : null;
  }

  /** Admin retry of a failed transcode: the source is still there. */
  async retryVideo(p: Principal, videoId: string): Promise<VideoStatus> {
    const v = await this.videos.findVideo(videoId);
    if (!v) throw AppError.notFound('lecture.videoNotFound');
    await this.access.managedEpisode(p, v.episodeId);
    if (v.state !== 'failed') throw AppError.conflict('lecture.retryOnlyFailed');
    await this.db.transaction(async (m) => {
      const jobId = await this.enqueueTranscode(m, videoId);
      await this.videos.update(videoId, { state: 'queued', percent: 0, failureKey: null, failureParams: {}, jobId }, m);
    });
    return videoStatus(await this.videos.findVideoOrFail(videoId));
  }

  private enqueueTranscode(m: EntityManager, videoId: string): Promise<string> {
    return this.jobs.enqueue(
      TRANSCODE_QUEUE,
      { videoId },
      { manager: m, singletonKey: videoId, maxAttempts: TRANSCODE_ATTEMPTS },
    );
  }
}
