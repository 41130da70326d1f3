import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { MediaModule } from '../media/media.module.js';
import { ResourcesModule } from '../resources/resources.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { LectureUploads } from './lecture-uploads.js';
import { LecturesController } from './lectures.controller.js';
import { LecturesService } from './lectures.service.js';
import { PlaybackService } from './playback.service.js';
import { TranscodeService } from './transcode.service.js';

@Module({
  imports: [ResourcesModule, IdentityModule, StorageModule, MediaModule],
  controllers: [LecturesController],
  providers: [LecturesService, PlaybackService, TranscodeService, LectureUploads],
  exports: [LecturesService],
})
export class LecturesModule {}
