import { ApartmentOutlined, BankOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import type { Role } from '../../app/auth';
import type { Feature } from '../../app/feature';
import { RequireRole } from '../../components/RequireRole';
import { AdminOverview } from './AdminOverview';
import { ChangePasswordPage } from './ChangePasswordPage';
import { GroupsPage } from './GroupsPage';
import { ImportPage } from './ImportPage';
import { SchoolsPage } from './SchoolsPage';
import './strings';
import { UsersPage } from './UsersPage';

const ADMINS: Role[] = ['platform_admin', 'group_admin', 'school_admin'];
const GROUP_ADMINS: Role[] = ['platform_admin', 'group_admin'];
const EVERYONE: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'];

/** Accounts, schools and education groups; and everyone's own password. */
export const adminFeature: Feature = {
  routes: [
    {
      path: 'admin/users',
      element: (
        <RequireRole roles={ADMINS}>
          <UsersPage />
        </RequireRole>
      ),
    },
    {
      path: 'admin/imports',
      element: (
        <RequireRole roles={ADMINS}>
          <ImportPage />
        </RequireRole>
      ),
    },
    {
      path: 'admin/schools',
      element: (
        <RequireRole roles={ADMINS}>
          <SchoolsPage />
        </RequireRole>
      ),
    },
    {
      path: 'admin/groups',
      element: (
        <RequireRole roles={GROUP_ADMINS}>
          <GroupsPage />
        </RequireRole>
      ),
    },
    {
      path: 'account/password',
      element: (
        <RequireRole roles={EVERYONE}>
          <ChangePasswordPage />
        </RequireRole>
      ),
    },
  ],
  nav: [
    { key: 'admin-users', path: '/admin/users', label: 'admin.nav.users', icon: <TeamOutlined />, roles: ADMINS },
    { key: 'admin-import', path: '/admin/imports', label: 'admin.nav.import', icon: <UploadOutlined />, roles: ADMINS },
    { key: 'admin-schools', path: '/admin/schools', label: 'admin.nav.schools', icon: <BankOutlined />, roles: ADMINS },
    { key: 'admin-groups', path: '/admin/groups', label: 'admin.nav.groups', icon: <ApartmentOutlined />, roles: GROUP_ADMINS },
  ],
  home: [{ key: 'admin-overview', roles: ADMINS, order: 0, element: <AdminOverview /> }],
};
