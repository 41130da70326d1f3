import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import { ROLES, type Principal, type Role } from '../../common/roles.js';
import type { LectureEpisode, LectureSeries } from './lectures.entities.js';
import { SeriesRepository } from './series.repository.js';

/**
 * Who may do what to which lecture record. One policy, used by every service:
 * - manage a series (and its episodes): a platform admin; a group admin of the series' group; a
 *   school admin of the school it was made in; a teacher who made it, lectures in it or teaches the episode;
 * - see a series: whoever manages it; everyone when it is public; otherwise members of its group,
 *   except students under 14 without a guardian (`restricted`), who see public series only;
 * - watch an episode: whoever manages it, or whoever sees the series once the episode is published.
 */

/** Who keeps the term calendars of a group. */
export const CALENDAR_EDITORS: Role[] = ROLES.filter((r) => r === 'platform_admin' || r === 'group_admin');

export function canManageSeries(p: Principal, s: LectureSeries, e?: LectureEpisode): boolean {
  switch (p.role) {
    case 'platform_admin':
      return true;
    case 'group_admin':
      return !!s.groupId && p.groupIds.includes(s.groupId);
    case 'school_admin':
      return !!s.schoolId && s.schoolId === p.schoolId;
    case 'teacher':
      return s.createdBy === p.userId || e?.teacherId === p.userId || s.lecturers.some((l) => l.userId === p.userId);
    default:
      return false;
  }
}

export function canSeeSeries(p: Principal, s: LectureSeries): boolean {
  if (canManageSeries(p, s)) return true;
  if (s.visibility === 'public') return true;
  if (p.restricted) return false;
  return !!s.groupId && p.groupIds.includes(s.groupId);
}

/** Throws unless the caller may see the series (restricted students learn why; others see "not found"). */
export function assertCanSeeSeries(p: Principal, s: LectureSeries): void {
  if (!canSeeSeries(p, s))
    throw p.restricted ? AppError.forbidden('lecture.restricted') : AppError.notFound('lecture.seriesNotFound');
}

/** Throws unless the caller may watch the episode; true when they also manage it. */
export function authorizeEpisode(p: Principal, series: LectureSeries, episode: LectureEpisode): boolean {
  if (canManageSeries(p, series, episode)) return true;
  if (!canSeeSeries(p, series))
    throw p.restricted && series.visibility !== 'public'
      ? AppError.forbidden('lecture.restricted')
      : AppError.notFound('lecture.episodeNotFound');
  if (episode.publishAt.getTime() > Date.now()) throw AppError.notFound('lecture.episodeNotFound');
  return false;
}

/** A series or a calendar may be filed under a group the caller acts in (a platform admin: any group). */
export function canActInGroup(p: Principal, groupId: string): boolean {
  return p.role === 'platform_admin' || p.groupIds.includes(groupId);
}

/** Only a platform admin may name a group they are no member of (so its existence must be checked). */
export function actsInAnyGroup(p: Principal): boolean {
  return p.role === 'platform_admin';
}

export function canEditCalendars(p: Principal): boolean {
  return CALENDAR_EDITORS.includes(p.role);
}

/** The grade whose lectures "this week" lists: a student's own; others may ask for any grade. */
export function thisWeekGrade(p: Principal, asked: number | undefined, own: number | null): number | null {
  return p.role === 'student' ? own : (asked ?? own);
}

/** Loads a series or an episode and applies the policy above. */
@Injectable()
export class LectureAccess {
  constructor(private readonly series: SeriesRepository) {}

  async seriesFor(p: Principal, id: string): Promise<LectureSeries> {
    const s = await this.series.findSeries(id);
    if (!s) throw AppError.notFound('lecture.seriesNotFound');
    assertCanSeeSeries(p, s);
    return s;
  }

  async managedSeries(p: Principal, id: string): Promise<LectureSeries> {
    const s = await this.seriesFor(p, id);
    if (!canManageSeries(p, s)) throw AppError.forbidden();
    return s;
  }

  /** An episode the caller may watch (published, or the caller manages it). */
  async episodeFor(p: Principal, id: string): Promise<{ series: LectureSeries; episode: LectureEpisode; manage: boolean }> {
    const episode = await this.series.findEpisode(id);
    if (!episode) throw AppError.notFound('lecture.episodeNotFound');
    const series = await this.series.seriesOf(episode);
    return { series, episode, manage: authorizeEpisode(p, series, episode) };
  }

  async managedEpisode(p: Principal, id: string): Promise<{ series: LectureSeries; episode: LectureEpisode }> {
    const r = await this.episodeFor(p, id);
    if (!r.manage) throw AppError.forbidden();
    return r;
  }
}
