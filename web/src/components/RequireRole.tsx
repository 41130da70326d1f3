import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, type Role } from '../app/auth';

/** Shows a page only to the given roles (the server checks again on every call). */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!roles.includes(me.role)) return <Result status="403" title={t('common.forbidden')} />;
  return <>{children}</>;
}
