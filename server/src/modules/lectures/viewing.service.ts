import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { UsersService } from '../identity/users.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { StorageService } from '../storage/storage.service.js';
import { LectureAccess } from './lectures.access.js';
import type { EpisodeStatsView, WatchItemView } from './lectures.dto.js';
import { PlaybackService } from './playback.service.js';
import { WatchRepository } from './watch.repository.js';

/** What was watched: a viewer's history (continue watching, a child's history) and an episode's statistics. */
@Injectable()
export class ViewingService {
  constructor(
    private readonly watches: WatchRepository,
    private readonly playback: PlaybackService,
    private readonly access: LectureAccess,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly storage: StorageService,
  ) {}

  /** The caller's unfinished lectures, most recent first. */
  async continueWatching(p: Principal): Promise<WatchItemView[]> {
    await this.playback.flush();
    return (await this.history(p.userId, 12)).filter((w) => !w.completed);
  }

  /** What a parent's child watched. */
  async childHistory(p: Principal, studentId: string): Promise<WatchItemView[]> {
    if (!(await this.users.isGuardianOf(p.userId, studentId))) throw AppError.forbidden('lecture.notGuardian');
    await this.playback.flush();
    return this.history(studentId, 50);
  }

  private async history(userId: string, limit: number): Promise<WatchItemView[]> {
    const rows = await this.watches.history(userId, limit);
    return Promise.all(
      rows.map(async (r) => ({
        episodeId: r.episode_id,
        seriesId: r.series_id,
        seriesTitle: r.series_title,
        number: r.number,
        title: r.title,
        positionS: Number(r.position_s),
        durationS: Number(r.duration_s),
        watchedS: Number(r.watched_s),
        completed: r.completed,
        lastAt: r.last_at.toISOString(),
        thumbnailUrl: r.thumbnail_key ? await this.storage.presignGet(r.thumbnail_key, 3600) : null,
      })),
    );
  }

  /** Views, viewers and completion of an episode the caller manages, by school and by locality. */
  async stats(p: Principal, episodeId: string): Promise<EpisodeStatsView> {
    await this.access.managedEpisode(p, episodeId);
    await this.playback.flush();
    const w = await this.watches.watchTotals(episodeId);
    const v = await this.watches.viewTotals(episodeId);
    const schools = await this.watches.viewsBySchool(episodeId);
    const names = new Map(
      (await this.organizations.schoolsByIds(schools.map((s) => s.schoolId).filter((x): x is string => !!x))).map((s) => [
        s.id,
        s.name,
      ]),
    );
    const byLocality = await this.watches.viewsByLocality(episodeId);
    return {
      episodeId,
      views: v.views,
      uniqueViewers: v.uniq,
      totalWatchS: Math.round(w.total),
      averageWatchS: w.viewers ? Math.round(w.total / w.viewers) : 0,
      completionRate: w.viewers ? Math.round((w.completed / w.viewers) * 1000) / 1000 : 0,
      bySchool: schools.map((s) => ({
        key: s.schoolId ?? '-',
        label: (s.schoolId && names.get(s.schoolId)) || '—',
        views: s.views,
      })),
      byLocality,
    };
  }
}
