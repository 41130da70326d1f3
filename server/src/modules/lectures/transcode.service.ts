import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService, PermanentJobError, type JobContext } from '../jobs/jobs.service.js';
import { planLadder } from '../media/ladder.js';
import { MediaInputError, MediaService } from '../media/media.service.js';
import { BlobsService } from '../storage/index.js';
import { StorageService } from '../storage/storage.service.js';
import { LectureEpisode, LectureVideo } from './lectures.entities.js';
import { TRANSCODE_QUEUE, VIDEO_CLEANUP_QUEUE } from './lectures.jobs.js';
import { videoPrefix } from './lectures.service.js';

/**
 * The transcode job: queued → probing → transcoding (percent) → ready | failed(reason).
 * Each attempt writes under its own prefix and deletes every other attempt's objects first,
 * so a retried job leaves no orphans; `ready` is set in one transaction after every object is in place.
 */
@Injectable()
export class TranscodeService implements OnModuleInit {
  private readonly logger = new Logger('Transcode');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly media: MediaService,
    private readonly storage: StorageService,
    private readonly blobs: BlobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(TRANSCODE_QUEUE, (payload, ctx) => this.run(payload.videoId, ctx), {
      concurrency: this.config.MEDIA_CONCURRENCY,
      leaseSeconds: 120,
      backoffSeconds: 5,
    });
    this.jobs.register(VIDEO_CLEANUP_QUEUE, (payload) => this.cleanupVideo(payload.videoId));
  }

  /** A replaced video: its outputs and its source go; the row stays for the record. */
  async cleanupVideo(videoId: string): Promise<void> {
    const v = await this.db.getRepository(LectureVideo).findOneBy({ id: videoId });
    if (!v) return;
    const inUse = await this.db.getRepository(LectureEpisode).existsBy({ videoId });
    if (inUse) return;
    await this.cleanOutputs(videoId, null);
    if (v.sourceBlobId) await this.blobs.release(v.sourceBlobId);
    else if (v.sourceKey.startsWith(videoPrefix(videoId))) await this.storage.delete([v.sourceKey]);
    await this.db.getRepository(LectureVideo).update({ id: videoId }, { playable: false, outputPrefix: null });
  }

  async run(videoId: string, ctx: Pick<JobContext, 'signal' | 'extendLease'>): Promise<void> {
    const repo = this.db.getRepository(LectureVideo);
    const video = await repo.findOneBy({ id: videoId });
    if (!video || video.state === 'ready') return; // deleted, or a duplicate run after success
    const attempt = randomUUID().slice(0, 8);
    const prefix = `${videoPrefix(videoId)}out/${attempt}/`;
    await repo.update(
      { id: videoId },
      { state: 'probing', percent: 0, playable: false, outputPrefix: prefix, failureKey: null, failureParams: {} },
    );
    // a previous attempt (crashed worker) may have left objects: remove them before writing new ones
    await this.cleanOutputs(videoId, prefix);
    const work = await mkdtemp(join(tmpdir(), `mumian-tx-${videoId.slice(0, 8)}-`));
    const lease = setInterval(() => void ctx.extendLease().catch(() => undefined), 30_000);
    try {
      const input = join(work, 'source');
      await pipeline(await this.storage.getStream(video.sourceKey), createWriteStream(input), { signal: ctx.signal });
      const src = await this.media.probe(input);
      await repo.update(
        { id: videoId },
        { state: 'transcoding', durationS: src.durationS, width: src.width, height: src.height, hasAudio: src.hasAudio },
      );
      const stills = await this.media.stills(input, join(work, 'stills'), src, ctx.signal);
      await this.storage.put(`${prefix}poster.jpg`, await readFile(stills.poster), 'image/jpeg');
      await this.storage.put(`${prefix}thumbnail.jpg`, await readFile(stills.thumbnail), 'image/jpeg');
      let lastWrite = 0;
      const res = await this.media.transcodeHls(input, work, src, prefix, {
        signal: ctx.signal,
        onProgress: async (percent) => {
          if (Date.now() - lastWrite < 1000) return;
          lastWrite = Date.now();
          await repo.update({ id: videoId, outputPrefix: prefix }, { percent }).catch(() => undefined);
        },
        onPlayable: async () => {
          // the ladder is rendered as EVENT playlists: watchable now, growing until done
          await repo.update(
            { id: videoId, outputPrefix: prefix },
            {
              playable: true,
              renditions: planLadder(src),
              posterKey: `${prefix}poster.jpg`,
              thumbnailKey: `${prefix}thumbnail.jpg`,
            },
          );
          await this.promoteIfFirst(videoId);
        },
      });
      if (ctx.signal.aborted) throw new Error('aborted');
      await this.db.transaction(async (m) => {
        const r = await m.getRepository(LectureVideo).update(
          { id: videoId, outputPrefix: prefix },
          {
            state: 'ready',
            percent: 100,
            playable: true,
            renditions: res.ladder,
            storyboard: res.storyboard,
            posterKey: `${prefix}poster.jpg`,
            thumbnailKey: `${prefix}thumbnail.jpg`,
            readyAt: new Date(),
            firstPlayableS: res.firstPlayableS,
          },
        );
        if (!r.affected) throw new Error('another attempt took over this video');
        const ep = await m.getRepository(LectureEpisode).findOneByOrFail({ id: video.episodeId });
        const old = ep.videoId && ep.videoId !== videoId ? ep.videoId : null;
        await m.getRepository(LectureEpisode).update({ id: ep.id }, { videoId });
        if (old) await this.jobs.enqueue(VIDEO_CLEANUP_QUEUE, { videoId: old }, { manager: m, singletonKey: old });
      });
      this.logger.log(
        `video ${videoId} ready: ${res.ladder.map((r) => r.name).join(',')} first playable ${res.firstPlayableS?.toFixed(1)} s`,
      );
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (err instanceof MediaInputError) {
        await repo.update({ id: videoId }, { state: 'failed', playable: false, failureKey: err.key, failureParams: err.params });
        await this.cleanOutputs(videoId, null);
        await this.demoteIfCurrent(videoId);
        throw new PermanentJobError(err.key);
      }
      throw err;
    } finally {
      clearInterval(lease);
      await rm(work, { recursive: true, force: true });
    }
  }

  /**
   * While encoding, the renditions of the ladder are known from the master (written by the API
   * from `renditions`), so set them as soon as the first segments are up.
   */
  private async promoteIfFirst(videoId: string): Promise<void> {
    await this.db.query(
      `UPDATE lecture_episode e SET video_id = $1 FROM lecture_video v WHERE v.id = $1 AND e.id = v.episode_id AND e.video_id IS NULL`,
      [videoId],
    );
  }

  private async demoteIfCurrent(videoId: string): Promise<void> {
    await this.db.query(`UPDATE lecture_episode SET video_id = NULL WHERE video_id = $1`, [videoId]);
  }

  /** Deletes every output object of the video except those under `keep`. */
  async cleanOutputs(videoId: string, keep: string | null): Promise<number> {
    const keys = (await this.storage.listKeys(`${videoPrefix(videoId)}out/`)).filter((k) => !keep || !k.startsWith(keep));
    await this.storage.delete(keys);
    return keys.length;
  }
}
