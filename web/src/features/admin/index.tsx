import { ApartmentOutlined, BankOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { rolesWith } from '../../app/access';
import type { Feature } from '../../app/feature';
import { guard } from '../../components/RequireAccess';
import { AdminOverview } from './AdminOverview';
import { ChangePasswordPage } from './ChangePasswordPage';
import { GroupsPage } from './GroupsPage';
import { ImportPage } from './ImportPage';
import { SchoolsPage } from './SchoolsPage';
import './strings';
import { UsersPage } from './UsersPage';

/** Accounts, schools and education groups; and everyone's own password. */
export const adminFeature: Feature = {
  routes: [
    {
      path: 'admin/users',
      element: guard('canAdministerSchools', <UsersPage />),
    },
    {
      path: 'admin/imports',
      element: guard('canAdministerSchools', <ImportPage />),
    },
    {
      path: 'admin/schools',
      element: guard('canAdministerSchools', <SchoolsPage />),
    },
    {
      path: 'admin/groups',
      element: guard('canAdministerGroups', <GroupsPage />),
    },
    {
      path: 'account/password',
      element: guard('signedIn', <ChangePasswordPage />),
    },
  ],
  nav: [
    {
      key: 'admin-users',
      path: '/admin/users',
      label: 'admin:nav.users',
      icon: <TeamOutlined />,
      access: 'canAdministerSchools',
    },
    {
      key: 'admin-import',
      path: '/admin/imports',
      label: 'admin:nav.import',
      icon: <UploadOutlined />,
      access: 'canAdministerSchools',
    },
    {
      key: 'admin-schools',
      path: '/admin/schools',
      label: 'admin:nav.schools',
      icon: <BankOutlined />,
      access: 'canAdministerSchools',
    },
    {
      key: 'admin-groups',
      path: '/admin/groups',
      label: 'admin:nav.groups',
      icon: <ApartmentOutlined />,
      access: 'canAdministerGroups',
    },
  ],
  home: [{ key: 'admin-overview', roles: rolesWith('canAdministerSchools'), order: 0, element: <AdminOverview /> }],
};
