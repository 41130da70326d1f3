import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/roles.js';
import { BlobsService } from '../storage/index.js';
import { LectureAccess } from './lectures.access.js';
import type { VideoStatus } from './lectures.present.js';
import { videoStatus } from './lecture-views.service.js';
import { VideosService } from './videos.service.js';

/** Turns a finished resumable upload (purpose "lecture") into an episode's video and queues its transcode. */
@Injectable()
export class LectureUploads {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly blobs: BlobsService,
    private readonly access: LectureAccess,
    private readonly videos: VideosService,
  ) {}

  async attach(p: Principal, episodeId: string, uploadId: string): Promise<VideoStatus> {
    await this.access.managedEpisode(p, episodeId);
    const video = await this.db.transaction(async (m) => {
      const blob = await this.blobs.claim(p, uploadId, ['video'], m);
      return this.videos.addVideo(
        p,
        episodeId,
        { key: blob.key, size: blob.size, originalName: blob.originalName, blobId: blob.id },
        m,
      );
    });
    return videoStatus(video);
  }
}
