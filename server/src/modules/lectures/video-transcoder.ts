import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { PermanentJobError, JobsService, type JobContext } from '../jobs/jobs.service.js';
import { planLadder } from '../media/ladder.js';
import { MediaInputError, MediaService } from '../media/media.service.js';
import { BlobsService } from '../storage/index.js';
import { StorageService } from '../storage/storage.service.js';
import { VIDEO_CLEANUP_QUEUE } from './lectures.jobs.js';
import { videoPrefix } from './videos.service.js';
import { VideosRepository } from './videos.repository.js';

/**
 * Transcoding a lecture video: queued → probing → transcoding (percent) → ready | failed(reason).
 * Each attempt writes under its own prefix and deletes every other attempt's objects first,
 * so a retried job leaves no orphans; `ready` is set in one transaction after every object is in place.
 */
@Injectable()
export class VideoTranscoder {
  private readonly logger = new Logger('Transcode');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly videos: VideosRepository,
    private readonly jobs: JobsService,
    private readonly media: MediaService,
    private readonly storage: StorageService,
    private readonly blobs: BlobsService,
  ) {}

  async run(videoId: string, ctx: Pick<JobContext, 'signal' | 'extendLease'>): Promise<void> {
    const video = await this.videos.findVideo(videoId);
    if (!video || video.state === 'ready') return; // deleted, or a duplicate run after success
    const attempt = randomUUID().slice(0, 8);
    const prefix = `${videoPrefix(videoId)}out/${attempt}/`;
    await this.videos.update(videoId, {
      state: 'probing',
      percent: 0,
      playable: false,
      outputPrefix: prefix,
      failureKey: null,
      failureParams: {},
    });
    // a previous attempt (crashed worker) may have left objects: remove them before writing new ones
    await this.cleanOutputs(videoId, prefix);
    const work = await mkdtemp(join(tmpdir(), `mumian-tx-${videoId.slice(0, 8)}-`));
    const lease = setInterval(() => void ctx.extendLease().catch(() => undefined), 30_000);
    try {
      const input = join(work, 'source');
      await pipeline(await this.storage.getStream(video.sourceKey), createWriteStream(input), { signal: ctx.signal });
      const src = await this.media.probe(input);
      await this.videos.update(videoId, {
        state: 'transcoding',
        durationS: src.durationS,
        width: src.width,
        height: src.height,
        hasAudio: src.hasAudio,
      });
      const stills = await this.media.stills(input, join(work, 'stills'), src, ctx.signal);
      await this.storage.put(`${prefix}poster.jpg`, await readFile(stills.poster), 'image/jpeg');
      await this.storage.put(`${prefix}thumbnail.jpg`, await readFile(stills.thumbnail), 'image/jpeg');
      let lastWrite = 0;
      const res = await this.media.transcodeHls(input, work, src, prefix, {
        signal: ctx.signal,
        onProgress: async (percent) => {
          if (Date.now() - lastWrite < 1000) return;
          lastWrite = Date.now();
          await this.videos.updateAttempt(videoId, prefix, { percent }).catch(() => undefined);
        },
        onPlayable: async () => {
          // the ladder is rendered as EVENT playlists: watchable now, growing until done
          await this.videos.updateAttempt(videoId, prefix, {
            playable: true,
            renditions: planLadder(src),
            posterKey: `${prefix}poster.jpg`,
            thumbnailKey: `${prefix}thumbnail.jpg`,
          });
          // while encoding, the renditions are known from the master (written by the API from
          // `renditions`), so an episode without a video plays this one as soon as the first segments are up
          await this.videos.makeCurrentIfFirst(videoId);
        },
      });
      if (ctx.signal.aborted) throw new Error('aborted');
      await this.db.transaction(async (m) => {
        const ours = await this.videos.updateAttempt(
          videoId,
          prefix,
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
          m,
        );
        if (!ours) throw new Error('another attempt took over this video');
        const old = await this.videos.makeCurrent(m, video.episodeId, videoId);
        if (old) await this.jobs.enqueue(VIDEO_CLEANUP_QUEUE, { videoId: old }, { manager: m, singletonKey: old });
      });
      this.logger.log(
        `video ${videoId} ready: ${res.ladder.map((r) => r.name).join(',')} first playable ${res.firstPlayableS?.toFixed(1)} s`,
      );
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (err instanceof MediaInputError) {
        await this.videos.update(videoId, { state: 'failed', playable: false, failureKey: err.key, failureParams: err.params });
        await this.cleanOutputs(videoId, null);
        await this.videos.stopPlaying(videoId);
        throw new PermanentJobError(err.key);
      }
      throw err;
    } finally {
      clearInterval(lease);
      await rm(work, { recursive: true, force: true });
    }
  }

  /** A replaced video: its outputs and its source go; the row stays for the record. */
  async cleanupVideo(videoId: string): Promise<void> {
    const v = await this.videos.findVideo(videoId);
    if (!v) return;
    if (await this.videos.isPlayedBySomeEpisode(videoId)) return;
    await this.cleanOutputs(videoId, null);
    if (v.sourceBlobId) await this.blobs.release(v.sourceBlobId);
    else if (v.sourceKey.startsWith(videoPrefix(videoId))) await this.storage.delete([v.sourceKey]);
    await this.videos.update(videoId, { playable: false, outputPrefix: null });
  }

  /** Deletes every output object of the video except those under `keep`. */
  async cleanOutputs(videoId: string, keep: string | null): Promise<number> {
    const keys = (await this.storage.listKeys(`${videoPrefix(videoId)}out/`)).filter((k) => !keep || !k.startsWith(keep));
    await this.storage.delete(keys);
    return keys.length;
  }
}
