import { isMessageKey } from '../../common/i18n.js';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/roles.js';
import { StorageService } from '../storage/storage.service.js';
import { EpisodeLinks } from './episode-links.service.js';
import { canManageSeries } from './lectures.access.js';
import type { SeriesView } from './lectures.dto.js';
import type { LectureEpisode, LectureSeries, LectureVideo } from './lectures.entities.js';
import type { Episode, VideoStatus } from './lectures.present.js';
import { SeriesRepository } from './series.repository.js';
import { VideosRepository } from './videos.repository.js';

/** Thumbnails are presigned for an hour. */
const THUMB_TTL = 3600;

/** Series and episode views: counts, thumbnails, chapter paths, the newest upload's status. */
@Injectable()
export class LectureViews {
  constructor(
    private readonly series: SeriesRepository,
    private readonly videos: VideosRepository,
    private readonly links: EpisodeLinks,
    private readonly storage: StorageService,
  ) {}

  async seriesViews(p: Principal, list: LectureSeries[]): Promise<SeriesView[]> {
    if (!list.length) return [];
    const rows = await this.series.seriesStats(list.map((s) => s.id));
    const by = new Map(rows.map((r) => [r.series_id, r]));
    return Promise.all(
      list.map(async (s) => ({
        id: s.id,
        title: s.title,
        subject: s.subject,
        grade: s.grade,
        term: s.term,
        description: s.description,
        visibility: s.visibility,
        lecturers: s.lecturers,
        episodeCount: Number(by.get(s.id)?.n ?? 0),
        totalViews: Number(by.get(s.id)?.views ?? 0),
        thumbnailUrl: by.get(s.id)?.thumb ? await this.storage.presignGet(by.get(s.id)!.thumb!, THUMB_TTL) : null,
        canManage: canManageSeries(p, s),
      })),
    );
  }

  /** `manage`: the caller manages these episodes and sees the newest upload of each. */
  async episodeViews(list: LectureEpisode[], manage: boolean): Promise<Episode[]> {
    if (!list.length) return [];
    const chapters = await this.links.chapters(list.map((e) => e.chapterId));
    const current = await this.videos.videosByIds(list.map((e) => e.videoId).filter((x): x is string => !!x));
    const byId = new Map(current.map((v) => [v.id, v]));
    const latest = manage ? await this.videos.latestOfEpisodes(list.map((e) => e.id)) : new Map<string, LectureVideo>();
    return Promise.all(
      list.map(async (e) => {
        const v = e.videoId ? byId.get(e.videoId) : undefined;
        const pending = latest.get(e.id);
        return {
          id: e.id,
          seriesId: e.seriesId,
          number: e.number,
          title: e.title,
          description: e.description,
          chapterId: e.chapterId,
          chapterTitle: e.chapterId ? (chapters.get(e.chapterId)?.path.join(' › ') ?? null) : null,
          chapter: (e.chapterId && chapters.get(e.chapterId)) || null,
          teachingWeek: e.teachingWeek,
          resourceIds: e.resourceIds,
          publishAt: e.publishAt.toISOString(),
          published: e.publishAt.getTime() <= Date.now(),
          views: e.views,
          durationS: v?.durationS ?? null,
          playable: !!v,
          thumbnailUrl: v?.thumbnailKey ? await this.storage.presignGet(v.thumbnailKey, THUMB_TTL) : null,
          markers: e.markers,
          processing: pending ? videoStatus(pending) : null,
        };
      }),
    );
  }
}

export function videoStatus(v: LectureVideo): VideoStatus {
  return {
    id: v.id,
    state: v.state,
    percent: v.state === 'ready' ? 100 : v.percent,
    playable: v.playable,
    failure: v.failureKey && isMessageKey(v.failureKey) ? { key: v.failureKey, params: v.failureParams } : null,
    durationS: v.durationS,
    firstPlayableS: v.firstPlayableS,
    originalName: v.originalName,
    createdAt: v.createdAt.toISOString(),
  };
}
