import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { TRANSCODE_QUEUE, VIDEO_CLEANUP_QUEUE } from './lectures.jobs.js';
import { VideoTranscoder } from './video-transcoder.js';

/** The lecture video job handlers: they only dispatch to the transcoder (video-transcoder.ts). */
@Injectable()
export class TranscodeService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly transcoder: VideoTranscoder,
  ) {}

  onModuleInit(): void {
    this.jobs.register(TRANSCODE_QUEUE, (payload, ctx) => this.transcoder.run(payload.videoId, ctx), {
      concurrency: this.config.MEDIA_CONCURRENCY,
      leaseSeconds: 120,
      backoffSeconds: 5,
    });
    this.jobs.register(VIDEO_CLEANUP_QUEUE, (payload) => this.transcoder.cleanupVideo(payload.videoId));
  }
}
