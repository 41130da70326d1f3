import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { MediaModule } from '../media/media.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ResourcesModule } from '../resources/resources.module.js';
import { CalendarRepository } from './calendar.repository.js';
import { EpisodeLinks } from './episode-links.service.js';
import { EpisodesService } from './episodes.service.js';
import { StorageModule } from '../storage/storage.module.js';
import { LectureUploads } from './lecture-uploads.js';
import { LectureViews } from './lecture-views.service.js';
import { LectureAccess } from './lectures.access.js';
import { LecturesController } from './lectures.controller.js';
import './lectures.messages.js';
import { PlaybackService } from './playback.service.js';
import { SeriesRepository } from './series.repository.js';
import { SeriesService } from './series.service.js';
import { TermCalendarService } from './term-calendar.service.js';
import { TranscodeService } from './transcode.service.js';
import { VideoTranscoder } from './video-transcoder.js';
import { VideosRepository } from './videos.repository.js';
import { VideosService } from './videos.service.js';
import { ViewingService } from './viewing.service.js';
import { WatchRepository } from './watch.repository.js';

@Module({
  imports: [ResourcesModule, IdentityModule, OrganizationsModule, StorageModule, MediaModule],
  controllers: [LecturesController],
  providers: [
    SeriesRepository,
    VideosRepository,
    CalendarRepository,
    WatchRepository,
    LectureAccess,
    EpisodeLinks,
    LectureViews,
    SeriesService,
    EpisodesService,
    VideosService,
    VideoTranscoder,
    TranscodeService,
    LectureUploads,
    TermCalendarService,
    PlaybackService,
    ViewingService,
  ],
})
export class LecturesModule {}
