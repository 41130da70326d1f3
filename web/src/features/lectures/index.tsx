import { PlayCircleOutlined } from '@ant-design/icons';
import { rolesWith } from '../../app/access';
import type { Feature } from '../../app/feature';
import { guard } from '../../components/RequireAccess';
import { CalendarPage } from './CalendarPage';
import { ChildHistoryCard } from './ChildHistoryCard';
import { ContinueCard, LecturesHome, ThisWeekCard } from './LecturesHome';
import { ManageEpisodePage } from './ManageEpisodePage';
import { SeriesPage } from './SeriesPage';
import { WatchPage } from './WatchPage';
import './lectures.css';
import './strings';

/** The famous-teacher lecture series: browse, this week's lectures, the player, a teacher's episode management. */
export const lecturesFeature: Feature = {
  routes: [
    { path: 'lectures', element: <LecturesHome /> },
    {
      path: 'lectures/calendar',
      element: guard('canManageLectures', <CalendarPage />),
    },
    { path: 'lectures/series/:id', element: <SeriesPage /> },
    { path: 'lectures/episodes/:id', element: <WatchPage /> },
    {
      path: 'lectures/episodes/:id/manage',
      element: guard('canManageLectures', <ManageEpisodePage />),
    },
  ],
  nav: [{ key: 'lectures', path: '/lectures', label: 'lectures:nav', icon: <PlayCircleOutlined />, access: 'signedIn' }],
  home: [
    { key: 'lectures-this-week', roles: rolesWith('canWatchThisWeek'), order: 1, element: <ThisWeekCard /> },
    { key: 'lectures-continue', roles: rolesWith('canWatchThisWeek'), order: 2, element: <ContinueCard /> },
    { key: 'lectures-child-history', roles: rolesWith('canSeeChildren'), order: 3, element: <ChildHistoryCard /> },
  ],
};
