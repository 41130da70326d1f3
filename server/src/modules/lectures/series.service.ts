import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { LectureAccess, canActInGroup, canManageSeries, canSeeSeries } from './lectures.access.js';
import type { CreateSeriesDto, SeriesQuery, SeriesView } from './lectures.dto.js';
import { LectureViews } from './lecture-views.service.js';
import type { SeriesDetail } from './lectures.present.js';
import { SeriesRepository } from './series.repository.js';

/** Lecture series: create, browse, one series with its episodes. */
@Injectable()
export class SeriesService {
  constructor(
    private readonly series: SeriesRepository,
    private readonly access: LectureAccess,
    private readonly views: LectureViews,
  ) {}

  async createSeries(p: Principal, dto: CreateSeriesDto): Promise<SeriesView> {
    const groupId = dto.groupId ?? p.groupIds[0] ?? null;
    if (!groupId) throw AppError.field('groupId', 'lecture.groupRequired');
    if (!canActInGroup(p, groupId)) throw AppError.forbidden();
    const s = await this.series.saveSeries({
      title: dto.title.trim(),
      subject: dto.subject,
      grade: dto.grade,
      term: dto.term,
      description: dto.description ?? '',
      visibility: dto.visibility,
      groupId,
      schoolId: p.schoolId,
      lecturers: dto.lecturers.map((l) => ({ userId: l.userId ?? null, name: l.name, title: l.title, school: l.school })),
      createdBy: p.userId,
    });
    return (await this.views.seriesViews(p, [s]))[0];
  }

  async listSeries(p: Principal, q: SeriesQuery): Promise<SeriesView[]> {
    const all = await this.series.listSeries({ subject: q.subject, grade: q.grade });
    return this.views.seriesViews(
      p,
      all.filter((s) => canSeeSeries(p, s)),
    );
  }

  /** A series with the episodes the caller may see (a manager sees unpublished ones and those without a video). */
  async getSeries(p: Principal, id: string): Promise<SeriesDetail> {
    const s = await this.access.seriesFor(p, id);
    const manage = canManageSeries(p, s);
    const episodes = await this.series.episodesOf(s.id);
    const visible = manage ? episodes : episodes.filter((e) => e.publishAt.getTime() <= Date.now() && e.videoId);
    const [view] = await this.views.seriesViews(p, [s]);
    return { ...view, episodes: await this.views.episodeViews(visible, manage) };
  }
}
