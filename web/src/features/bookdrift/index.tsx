import { ReadOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../../app/auth';
import type { Feature } from '../../app/feature';
import { RequireRole } from '../../components/RequireRole';
import { CampaignPage, CampaignsPage } from './CampaignsPage';
import { CataloguePage } from './CataloguePage';
import { CopyPage } from './CopyPage';
import { DriftHomeCard, HubPage } from './HubPage';
import { ListPage, ListsPage } from './ListsPage';
import { DriftEntry } from './PublicCopyPage';
import { ReceivePage } from './ReceivePage';
import { ReviewPage } from './ReviewPage';
import { ShipmentsPage } from './ShipmentsPage';
import './strings';

const EVERYONE: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'];
const LIBRARIANS: Role[] = ['platform_admin', 'group_admin', 'school_admin'];
const STAFF: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher'];
const guard = (roles: Role[], el: ReactNode) => <RequireRole roles={roles}>{el}</RequireRole>;

/** Book drift: catalogue and labels, reading lists, campaigns, shipments (phone receipt), copy pages and notes. */
export const bookdriftFeature: Feature = {
  routes: [
    { path: 'bookdrift', element: <HubPage /> },
    { path: 'bookdrift/catalogue', element: guard(LIBRARIANS, <CataloguePage />) },
    { path: 'bookdrift/shipments', element: guard(LIBRARIANS, <ShipmentsPage />) },
    { path: 'bookdrift/shipments/:id/receive', element: guard(LIBRARIANS, <ReceivePage />) },
    { path: 'bookdrift/campaigns', element: guard(STAFF, <CampaignsPage />) },
    { path: 'bookdrift/campaigns/:id', element: guard(STAFF, <CampaignPage />) },
    { path: 'bookdrift/lists', element: <ListsPage /> },
    { path: 'bookdrift/lists/:id', element: <ListPage /> },
    { path: 'bookdrift/review', element: guard(['platform_admin', 'school_admin', 'teacher'], <ReviewPage />) },
  ],
  // the QR label's address: public page when signed out, the full page in the shell when signed in
  publicRoutes: [{ path: '/drift/:code', element: <DriftEntry />, children: [{ index: true, element: <CopyPage /> }] }],
  nav: [{ key: 'bookdrift', path: '/bookdrift', label: 'bookdrift.nav', icon: <ReadOutlined />, roles: EVERYONE }],
  home: [{ key: 'bookdrift-code', roles: ['student', 'school_admin', 'teacher'], order: 30, element: <DriftHomeCard /> }],
};
