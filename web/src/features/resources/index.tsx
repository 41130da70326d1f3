import { AuditOutlined, BookOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { rolesWith } from '../../app/access';
import type { Feature } from '../../app/feature';
import { guard } from '../../components/RequireAccess';
import { ResourcesHomeCard } from './HomeCard';
import { LibraryPage } from './LibraryPage';
import { FavouritesPage, MyUploadsPage, ReviewQueuePage } from './ListPages';
import { ResourceDetailPage } from './ResourceDetailPage';
import './strings';
import { UploadPage } from './UploadPage';

/** The shared resource library: browse by textbook chapter, search, preview, download, upload, review. */
export const resourcesFeature: Feature = {
  routes: [
    { path: 'resources', element: guard('signedIn', <LibraryPage />) },
    { path: 'resources/upload', element: guard('canContributeResources', <UploadPage />) },
    { path: 'resources/mine', element: guard('canContributeResources', <MyUploadsPage />) },
    { path: 'resources/favourites', element: guard('signedIn', <FavouritesPage />) },
    { path: 'resources/review', element: guard('canReviewResources', <ReviewQueuePage />) },
    { path: 'resources/:id', element: guard('signedIn', <ResourceDetailPage />) },
  ],
  nav: [
    { key: 'res-library', path: '/resources', label: 'resources:nav.library', icon: <BookOutlined />, access: 'signedIn' },
    {
      key: 'res-mine',
      path: '/resources/mine',
      label: 'resources:nav.mine',
      icon: <FolderOpenOutlined />,
      access: 'canContributeResources',
    },
    {
      key: 'res-review',
      path: '/resources/review',
      label: 'resources:nav.review',
      icon: <AuditOutlined />,
      access: 'canReviewResources',
    },
  ],
  home: [{ key: 'resources', roles: rolesWith('signedIn'), order: 10, element: <ResourcesHomeCard /> }],
};
