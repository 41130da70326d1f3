import { PlayCircleOutlined } from '@ant-design/icons';
import type { Role } from '../../app/auth';
import type { Feature } from '../../app/feature';
import { RequireRole } from '../../components/RequireRole';
import { CalendarPage } from './CalendarPage';
import { ChildHistoryCard } from './ChildHistoryCard';
import { ContinueCard, LecturesHome, ThisWeekCard } from './LecturesHome';
import { ManageEpisodePage } from './ManageEpisodePage';
import { SeriesPage } from './SeriesPage';
import { WatchPage } from './WatchPage';
import './lectures.css';
import './strings';

const EVERYONE: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'];
const STAFF: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher'];

/** The famous-teacher lecture series: browse, this week's lectures, the player, a teacher's episode management. */
export const lecturesFeature: Feature = {
  routes: [
    { path: 'lectures', element: <LecturesHome /> },
    {
      path: 'lectures/calendar',
      element: (
        <RequireRole roles={STAFF}>
          <CalendarPage />
        </RequireRole>
      ),
    },
    { path: 'lectures/series/:id', element: <SeriesPage /> },
    { path: 'lectures/episodes/:id', element: <WatchPage /> },
    {
      path: 'lectures/episodes/:id/manage',
      element: (
        <RequireRole roles={STAFF}>
          <ManageEpisodePage />
        </RequireRole>
      ),
    },
  ],
  nav: [{ key: 'lectures', path: '/lectures', label: 'lectures.nav', icon: <PlayCircleOutlined />, roles: EVERYONE }],
  home: [
    { key: 'lectures-this-week', roles: ['student', 'parent', 'teacher'], order: 1, element: <ThisWeekCard /> },
    { key: 'lectures-continue', roles: ['student', 'parent', 'teacher'], order: 2, element: <ContinueCard /> },
    { key: 'lectures-child-history', roles: ['parent'], order: 3, element: <ChildHistoryCard /> },
  ],
};
