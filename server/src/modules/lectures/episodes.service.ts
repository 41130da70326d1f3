import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { CaptionError, toWebVtt } from '../media/captions.js';
import type { ResourceSummaryView } from '../resources/resources.dto.js';
import { StorageService } from '../storage/storage.service.js';
import { EpisodeLinks } from './episode-links.service.js';
import { LectureAccess } from './lectures.access.js';
import type { CaptionDto, CreateEpisodeDto, UpdateEpisodeDto } from './lectures.dto.js';
import { CAPTION_LABELS, type LectureEpisode } from './lectures.entities.js';
import type { Episode, EpisodeDetail } from './lectures.present.js';
import { LectureViews } from './lecture-views.service.js';
import { SeriesRepository } from './series.repository.js';

/** Episodes: authoring (create, edit, captions), publishing time, the watch/edit page. */
@Injectable()
export class EpisodesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly series: SeriesRepository,
    private readonly access: LectureAccess,
    private readonly views: LectureViews,
    private readonly links: EpisodeLinks,
    private readonly storage: StorageService,
  ) {}

  async createEpisode(p: Principal, seriesId: string, dto: CreateEpisodeDto): Promise<Episode> {
    const s = await this.access.managedSeries(p, seriesId);
    await this.links.check(p, dto, []);
    const episode = await this.db.transaction(async (m) => {
      await this.series.lockSeries(m, s.id);
      const number = dto.number ?? (await this.series.nextEpisodeNumber(m, s.id));
      if (await this.series.episodeNumberTaken(m, s.id, number)) throw AppError.conflict('lecture.numberTaken', { number });
      return this.series.saveEpisode(
        {
          seriesId: s.id,
          number,
          title: dto.title.trim(),
          description: dto.description ?? '',
          chapterId: dto.chapterId ?? null,
          teachingWeek: dto.teachingWeek ?? null,
          resourceIds: dto.resourceIds ?? [],
          teacherId: p.userId,
          publishAt: dto.publishAt ? new Date(dto.publishAt) : new Date(),
          markers: sortMarkers(dto.markers ?? []),
          captions: [],
          videoId: null,
          views: 0,
        },
        m,
      );
    });
    return (await this.views.episodeViews([episode], true))[0];
  }

  async updateEpisode(p: Principal, id: string, dto: UpdateEpisodeDto): Promise<Episode> {
    const { episode } = await this.access.managedEpisode(p, id);
    await this.links.check(p, dto, episode.resourceIds);
    const patch: Partial<LectureEpisode> = {};
    if (dto.title !== undefined) patch.title = dto.title.trim();
    if (dto.description !== undefined) patch.description = dto.description;
    if (dto.chapterId !== undefined) patch.chapterId = dto.chapterId;
    if (dto.teachingWeek !== undefined) patch.teachingWeek = dto.teachingWeek;
    if (dto.resourceIds !== undefined) patch.resourceIds = dto.resourceIds;
    if (dto.publishAt !== undefined) patch.publishAt = new Date(dto.publishAt);
    if (dto.markers !== undefined) patch.markers = sortMarkers(dto.markers);
    const fresh = await this.series.updateEpisode(episode.id, patch);
    return (await this.views.episodeViews([fresh], true))[0];
  }

  /** One episode for its watch or edit page, with its series (works before a video is attached). */
  async getEpisode(p: Principal, id: string): Promise<EpisodeDetail> {
    const { series, episode, manage } = await this.access.episodeFor(p, id);
    const [[view], [seriesView]] = await Promise.all([
      this.views.episodeViews([episode], manage),
      this.views.seriesViews(p, [series]),
    ]);
    return { episode: view, series: seriesView, canManage: manage };
  }

  /** The courseware and exercises linked to an episode that the caller may see, in the teacher’s order. */
  async linkedResources(p: Principal, id: string): Promise<ResourceSummaryView[]> {
    const { episode } = await this.access.episodeFor(p, id);
    return this.links.resourcesFor(p, episode.resourceIds);
  }

  /** Stores a WebVTT or SRT file as the episode's WebVTT track of that language, replacing the previous one. */
  async putCaption(p: Principal, episodeId: string, dto: CaptionDto): Promise<Episode> {
    const { episode } = await this.access.managedEpisode(p, episodeId);
    let vtt: string;
    try {
      vtt = toWebVtt(Buffer.from(dto.content, 'utf8'));
    } catch (err) {
      if (err instanceof CaptionError) throw AppError.field('content', err.key);
      throw err;
    }
    const key = `lectures/captions/${episode.id}/${dto.lang}-${randomUUID().slice(0, 8)}.vtt`;
    await this.storage.put(key, vtt, 'text/vtt; charset=utf-8');
    const old = episode.captions.filter((c) => c.lang === dto.lang).map((c) => c.key);
    const captions = [
      ...episode.captions.filter((c) => c.lang !== dto.lang),
      { lang: dto.lang, label: CAPTION_LABELS[dto.lang], key },
    ];
    await this.series.setCaptions(episode.id, captions);
    if (old.length) await this.storage.delete(old);
    return (await this.views.episodeViews([{ ...episode, captions }], true))[0];
  }
}

function sortMarkers(m: { at: number; title: string }[]) {
  return [...m].map((x) => ({ at: Math.round(x.at * 10) / 10, title: x.title.trim() })).sort((a, b) => a.at - b.at);
}
