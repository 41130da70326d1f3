import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { UsersService } from '../identity/users.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { CalendarRepository } from './calendar.repository.js';
import { actsInAnyGroup, canActInGroup, canEditCalendars, canSeeSeries, thisWeekGrade } from './lectures.access.js';
import type { CalendarDto, CalendarView } from './lectures.dto.js';
import type { TermCalendar } from './lectures.entities.js';
import type { ThisWeek } from './lectures.present.js';
import { LectureViews } from './lecture-views.service.js';
import { SeriesRepository } from './series.repository.js';

const WEEK_MS = 7 * 86400_000;

/**
 * Term calendars map a group's teaching weeks to dates; "this week" lists the published lectures
 * of today's teaching week for a grade.
 */
@Injectable()
export class TermCalendarService {
  constructor(
    private readonly calendarsRepo: CalendarRepository,
    private readonly series: SeriesRepository,
    private readonly views: LectureViews,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  /**
   * Creates or replaces a group's calendar of one term. Its checks name the weekday (0 = Sunday)
   * and terms by code; lectures.present.ts `calendarErrorIn` names them for the caller.
   */
  async putCalendar(p: Principal, dto: CalendarDto): Promise<CalendarView> {
    if (!canEditCalendars(p)) throw AppError.forbidden();
    const groupId = dto.groupId ?? p.groupIds[0];
    if (!groupId) throw AppError.field('groupId', 'lecture.groupRequired');
    if (!canActInGroup(p, groupId)) throw AppError.forbidden();
    if (actsInAnyGroup(p) && !(await this.groupExists(p, groupId))) throw AppError.field('groupId', 'lecture.groupRequired');
    await this.checkCalendar(groupId, dto);
    const c = await this.calendarsRepo.upsert({
      groupId,
      schoolYear: dto.schoolYear,
      term: dto.term,
      week1Monday: dto.week1Monday,
      weeks: dto.weeks,
    });
    return calendarView(c);
  }

  private async groupExists(p: Principal, groupId: string): Promise<boolean> {
    return this.organizations.getGroup(p, groupId).then(
      () => true,
      (err: unknown) => {
        if (err instanceof AppError && err.status === 404) return false;
        throw err;
      },
    );
  }

  /** Week 1 starts on a Monday, inside its school year, and the term does not overlap the group's other terms. */
  private async checkCalendar(groupId: string, dto: CalendarDto): Promise<void> {
    const start = new Date(`${dto.week1Monday}T00:00:00Z`);
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== dto.week1Monday)
      throw AppError.field('week1Monday', 'lecture.calendar.badDate');
    const weekday = start.getUTCDay();
    if (weekday !== 1) throw AppError.field('week1Monday', 'lecture.calendar.notMonday', { date: dto.week1Monday, weekday });
    // first term opens Jul–Dec of the school year, second term Jan–Jun of the next calendar year
    const [from, to] =
      dto.term === 'first'
        ? [`${dto.schoolYear}-07-01`, `${dto.schoolYear}-12-31`]
        : [`${dto.schoolYear + 1}-01-01`, `${dto.schoolYear + 1}-06-30`];
    if (dto.week1Monday < from || dto.week1Monday > to)
      throw AppError.field('week1Monday', 'lecture.calendar.outsideYear', { term: dto.term, from, to });
    const end = start.getTime() + dto.weeks * WEEK_MS;
    for (const o of await this.calendarsRepo.ofGroup(groupId)) {
      if (o.schoolYear === dto.schoolYear && o.term === dto.term) continue;
      const oStart = new Date(`${o.week1Monday}T00:00:00Z`).getTime();
      if (oStart < end && start.getTime() < oStart + o.weeks * WEEK_MS)
        throw AppError.field('week1Monday', 'lecture.calendar.overlap', {
          year: o.schoolYear,
          term: o.term,
          from: o.week1Monday,
          weeks: o.weeks,
        });
    }
  }

  /** The calendars of one group (if the caller acts in it) or of all the caller's groups. */
  async calendars(p: Principal, groupId?: string): Promise<CalendarView[]> {
    const groups = groupId ? (canActInGroup(p, groupId) ? [groupId] : []) : p.groupIds;
    if (!groups.length) return [];
    return (await this.calendarsRepo.ofGroups(groups)).map(calendarView);
  }

  /** The teaching week of today in the caller's group calendar, and the published lectures of that week for a grade. */
  async thisWeek(p: Principal, gradeQuery: number | undefined): Promise<ThisWeek> {
    const me = await this.users.me(p);
    const g = thisWeekGrade(p, gradeQuery, me.grade);
    const cal = (await this.calendars(p)).find((c) => c.currentWeek !== null);
    if (!g || !cal) return { week: cal?.currentWeek ?? null, grade: g ?? null, episodes: [], seriesTitles: [] };
    const series = (await this.series.seriesOfGradeAndTerm(g, cal.term)).filter((s) => canSeeSeries(p, s));
    if (!series.length) return { week: cal.currentWeek, grade: g, episodes: [], seriesTitles: [] };
    const eps = await this.series.publishedInWeek(
      series.map((s) => s.id),
      cal.currentWeek!,
    );
    const titles = new Map(series.map((s) => [s.id, s.title]));
    return {
      week: cal.currentWeek,
      grade: g,
      episodes: await this.views.episodeViews(eps, false),
      seriesTitles: eps.map((e) => titles.get(e.seriesId) ?? ''),
    };
  }
}

function calendarView(c: TermCalendar): CalendarView {
  const start = new Date(`${c.week1Monday}T00:00:00+08:00`).getTime();
  const week = Math.floor((Date.now() - start) / WEEK_MS) + 1;
  return {
    id: c.id,
    groupId: c.groupId,
    schoolYear: c.schoolYear,
    term: c.term,
    week1Monday: c.week1Monday,
    weeks: c.weeks,
    currentWeek: week >= 1 && week <= c.weeks ? week : null,
  };
}
