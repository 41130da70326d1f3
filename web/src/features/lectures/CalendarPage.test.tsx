import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../../test-utils/signed-in';
import { CalendarPage } from './CalendarPage';
import { addDays, shortDate, teachingWeeks, todayInChina } from './queries';

jest.setTimeout(60000);

const GROUP = '00000000-0000-4000-8000-0000000000a1';
// a term whose week 3 is this week, whatever day the test runs
const today = todayInChina();
const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) - 14);
const calendar = {
  id: 'c1',
  groupId: GROUP,
  schoolYear: 2026,
  term: 'first',
  week1Monday: monday,
  weeks: 20,
  currentWeek: 3,
};

describe('teaching weeks', () => {
  it('runs Monday to Sunday and marks the week of today', () => {
    const weeks = teachingWeeks('2026-08-31', 20, '2026-09-09');
    expect(weeks[0]).toEqual({ week: 1, start: '2026-08-31', end: '2026-09-06', current: false });
    expect(weeks[1]).toMatchObject({ week: 2, start: '2026-09-07', end: '2026-09-13', current: true });
    expect(weeks[19].end).toBe('2027-01-17');
    expect(shortDate('2026-09-07', 'zh-CN')).toBe('9月7日');
    expect(shortDate('2026-09-07', 'en')).toBe('Sep 7');
  });
});

describe('CalendarPage', () => {
  it('shows a group admin the week → date table with this week marked, and puts the API’s objection on the field', async () => {
    const requests = stubApi(meOf({ role: 'group_admin', groupIds: [GROUP], schoolId: null }), (req, url) => {
      if (url.pathname === '/api/lectures/calendars' && req.method === 'GET') return jsonResponse(200, [calendar]);
      if (url.pathname === '/api/lectures/calendars' && req.method === 'PUT')
        return jsonResponse(400, {
          code: 'REQUEST_INVALID',
          message: '请求参数有误',
          fields: [{ field: 'week1Monday', message: '与 2026 学年下学期（2027-01-04 起 18 周）的日期重叠' }],
        });
    });
    renderSignedIn(<CalendarPage />);
    await screen.findByText('今天是第 3 周');
    const table = screen.getByTestId('week-table');
    await waitFor(() => expect(table.querySelector('tr.lecture-week-current')?.textContent).toContain('第 3 周'));
    expect(within(table).getByText('第 20 周')).toBeTruthy();
    expect(table.querySelectorAll('tbody tr')).toHaveLength(20);
    const current = table.querySelector('tr.lecture-week-current')!;
    expect(current.textContent).toContain('本周');
    const w3 = teachingWeeks(monday, 3)[2];
    expect(current.textContent).toContain(`${shortDate(w3.start, 'zh-CN')} – ${shortDate(w3.end, 'zh-CN')}`);
    expect(screen.getByText('今天是第 3 周')).toBeTruthy();
    expect(screen.getAllByText('2026–2027 学年上学期').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('与 2026 学年下学期（2027-01-04 起 18 周）的日期重叠')).toBeTruthy();
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(await put.json()).toEqual({ schoolYear: 2026, term: 'first', week1Monday: monday, weeks: 20, groupId: GROUP });
    // the message sits under the date field
    const item = screen.getByText('与 2026 学年下学期（2027-01-04 起 18 周）的日期重叠').closest('.ant-form-item')!;
    expect(item.textContent).toContain('第 1 周周一');
  });

  it('lets a teacher read the calendar but not edit it', async () => {
    stubApi(meOf({ role: 'teacher', groupIds: [GROUP] }), (req, url) => {
      if (url.pathname === '/api/lectures/calendars') return jsonResponse(200, [calendar]);
    });
    renderSignedIn(<CalendarPage />);
    await screen.findByTestId('week-table');
    await waitFor(() => expect(screen.getByTestId('week-table').querySelectorAll('tbody tr')).toHaveLength(20));
    expect(screen.queryByTestId('calendar-form')).toBeNull();
    expect(screen.queryByRole('button', { name: /保\s*存/ })).toBeNull();
  });
});
