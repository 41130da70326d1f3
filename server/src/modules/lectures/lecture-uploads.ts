import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Lang } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { BlobsService } from '../storage/index.js';
import type { VideoStatusView } from './lectures.dto.js';
import { LecturesService } from './lectures.service.js';

/** Turns a finished resumable upload (purpose "lecture") into an episode's video and queues its transcode. */
@Injectable()
export class LectureUploads {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly blobs: BlobsService,
    private readonly lectures: LecturesService,
  ) {}

  async attach(p: Principal, episodeId: string, uploadId: string, lang: Lang): Promise<VideoStatusView> {
    await this.lectures.managedEpisode(p, episodeId);
    const video = await this.db.transaction(async (m) => {
      const blob = await this.blobs.claim(p, uploadId, ['video'], m);
      return this.lectures.addVideo(
        p,
        episodeId,
        { key: blob.key, size: blob.size, originalName: blob.originalName, blobId: blob.id },
        m,
      );
    });
    return this.lectures.statusView(video, lang);
  }
}
