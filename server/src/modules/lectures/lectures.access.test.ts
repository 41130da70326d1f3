import { AppError } from '../../common/errors.js';
import type { Principal, Role } from '../../common/roles.js';
import { authorizeEpisode, canManageSeries, canSeeSeries, thisWeekGrade } from './lectures.access.js';
import type { LectureEpisode, LectureSeries } from './lectures.entities.js';
import { calendarErrorIn } from './lectures.present.js';
import './lectures.messages.js';

const G = 'g1';
const who = (role: Role, extra: Partial<Principal> = {}): Principal =>
  ({
    userId: `u-${role}`,
    role,
    schoolId: 's1',
    groupIds: [G],
    groupSchoolIds: ['s1'],
    restricted: false,
    ...extra,
  }) as Principal;
const series = (extra: Partial<LectureSeries> = {}): LectureSeries =>
  ({ id: 'se', groupId: G, schoolId: 's1', visibility: 'group', createdBy: 'someone', lecturers: [], ...extra }) as LectureSeries;
const episode = (publishAt: Date, teacherId = 'someone'): LectureEpisode => ({ publishAt, teacherId }) as LectureEpisode;

describe('lectures access policy', () => {
  it('lets admins of the series’ scope and its teachers manage it, nobody else', () => {
    expect(canManageSeries(who('platform_admin', { groupIds: [] }), series())).toBe(true);
    expect(canManageSeries(who('group_admin'), series())).toBe(true);
    expect(canManageSeries(who('group_admin', { groupIds: ['g2'] }), series())).toBe(false);
    expect(canManageSeries(who('school_admin', { schoolId: 's2' }), series())).toBe(false);
    expect(canManageSeries(who('teacher'), series())).toBe(false);
    expect(
      canManageSeries(who('teacher'), series({ lecturers: [{ userId: 'u-teacher', name: '', title: '', school: '' }] })),
    ).toBe(true);
    expect(canManageSeries(who('teacher'), series(), episode(new Date(), 'u-teacher'))).toBe(true);
    expect(canManageSeries(who('student'), series({ createdBy: 'u-student' }))).toBe(false);
  });

  it('shows group series to the group, public ones to all, and only public ones to restricted students', () => {
    expect(canSeeSeries(who('student'), series())).toBe(true);
    expect(canSeeSeries(who('student', { groupIds: ['g2'] }), series())).toBe(false);
    expect(canSeeSeries(who('student', { restricted: true }), series())).toBe(false);
    expect(canSeeSeries(who('student', { restricted: true }), series({ visibility: 'public' }))).toBe(true);
  });

  it('lets viewers watch published episodes only; managers any', () => {
    const future = new Date(Date.now() + 60_000);
    expect(authorizeEpisode(who('student'), series(), episode(new Date(0)))).toBe(false);
    expect(() => authorizeEpisode(who('student'), series(), episode(future))).toThrow(AppError);
    expect(authorizeEpisode(who('group_admin'), series(), episode(future))).toBe(true);
    expect(() => authorizeEpisode(who('student', { restricted: true }), series(), episode(new Date(0)))).toThrow(
      expect.objectContaining({ key: 'lecture.restricted' }),
    );
  });

  it('gives students their own grade for this week', () => {
    expect(thisWeekGrade(who('student'), 9, 8)).toBe(8);
    expect(thisWeekGrade(who('parent'), 9, null)).toBe(9);
  });

  it('names weekdays and terms of calendar errors in the caller’s language', () => {
    const err = AppError.field('week1Monday', 'lecture.calendar.notMonday', { date: '2026-09-01', weekday: 2 });
    expect((calendarErrorIn(err, 'en') as AppError).fields[0].params).toEqual({ date: '2026-09-01', weekday: 'Tuesday' });
    const overlap = AppError.field('week1Monday', 'lecture.calendar.overlap', { term: 'second', year: 2026 });
    expect((calendarErrorIn(overlap, 'zh-CN') as AppError).fields[0].params).toMatchObject({ term: '下学期' });
    const other = AppError.notFound('lecture.seriesNotFound');
    expect(calendarErrorIn(other, 'en')).toBe(other);
  });
});
