import { ReadOutlined } from '@ant-design/icons';
import { rolesWith } from '../../app/access';
import type { Feature } from '../../app/feature';
import { guard } from '../../components/RequireAccess';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';
import { CataloguePage } from './CataloguePage';
import { CopyPage } from './CopyPage';
import { DriftHomeCard, HubPage } from './HubPage';
import { ListPage, ListsPage } from './ListsPage';
import { DriftEntry } from './PublicCopyPage';
import { ReceivePage } from './ReceivePage';
import { ReviewPage } from './ReviewPage';
import { ShipmentsPage } from './ShipmentsPage';
import './strings';

/** Book drift: catalogue and labels, reading lists, campaigns, shipments (phone receipt), copy pages and notes. */
export const bookdriftFeature: Feature = {
  routes: [
    { path: 'bookdrift', element: <HubPage /> },
    { path: 'bookdrift/catalogue', element: guard('canManageLibrary', <CataloguePage />) },
    { path: 'bookdrift/shipments', element: guard('canManageLibrary', <ShipmentsPage />) },
    { path: 'bookdrift/shipments/:id/receive', element: guard('canManageLibrary', <ReceivePage />) },
    { path: 'bookdrift/campaigns', element: guard('canSeeCampaigns', <CampaignsPage />) },
    { path: 'bookdrift/campaigns/:id', element: guard('canSeeCampaigns', <CampaignPage />) },
    { path: 'bookdrift/lists', element: <ListsPage /> },
    { path: 'bookdrift/lists/:id', element: <ListPage /> },
    { path: 'bookdrift/review', element: guard('canReviewReadingNotes', <ReviewPage />) },
  ],
  // the QR label's address: public page when signed out, the full page in the shell when signed in
  publicRoutes: [{ path: '/drift/:code', element: <DriftEntry />, children: [{ index: true, element: <CopyPage /> }] }],
  nav: [{ key: 'bookdrift', path: '/bookdrift', label: 'bookdrift:nav', icon: <ReadOutlined />, access: 'signedIn' }],
  home: [{ key: 'bookdrift-code', roles: rolesWith('canOpenDriftCodes'), order: 30, element: <DriftHomeCard /> }],
};
