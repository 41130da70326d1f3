import { AuditOutlined, BookOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { Role } from '../../app/auth';
import type { Feature } from '../../app/feature';
import { RequireRole } from '../../components/RequireRole';
import { ResourcesHomeCard } from './HomeCard';
import { LibraryPage } from './LibraryPage';
import { FavouritesPage, MyUploadsPage, ReviewQueuePage } from './ListPages';
import { ResourceDetailPage } from './ResourceDetailPage';
import './strings';
import { UploadPage } from './UploadPage';

const EVERYONE: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'];
const STAFF: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher'];
const REVIEWERS: Role[] = ['platform_admin', 'group_admin', 'school_admin'];

const guard = (roles: Role[], el: React.ReactNode) => <RequireRole roles={roles}>{el}</RequireRole>;

/** The shared resource library: browse by textbook chapter, search, preview, download, upload, review. */
export const resourcesFeature: Feature = {
  routes: [
    { path: 'resources', element: guard(EVERYONE, <LibraryPage />) },
    { path: 'resources/upload', element: guard(STAFF, <UploadPage />) },
    { path: 'resources/mine', element: guard(STAFF, <MyUploadsPage />) },
    { path: 'resources/favourites', element: guard(EVERYONE, <FavouritesPage />) },
    { path: 'resources/review', element: guard(REVIEWERS, <ReviewQueuePage />) },
    { path: 'resources/:id', element: guard(EVERYONE, <ResourceDetailPage />) },
  ],
  nav: [
    { key: 'res-library', path: '/resources', label: 'res.nav.library', icon: <BookOutlined />, roles: EVERYONE },
    { key: 'res-mine', path: '/resources/mine', label: 'res.nav.mine', icon: <FolderOpenOutlined />, roles: STAFF },
    { key: 'res-review', path: '/resources/review', label: 'res.nav.review', icon: <AuditOutlined />, roles: REVIEWERS },
  ],
  home: [{ key: 'resources', roles: EVERYONE, order: 10, element: <ResourcesHomeCard /> }],
};
