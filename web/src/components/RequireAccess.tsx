import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess, type Capability } from '../app/access';

/** Shows a page only to users with the capability (the server checks again on every call). */
export function RequireAccess({ can, children }: { can: Capability; children: ReactNode }) {
  const { t } = useTranslation();
  const access = useAccess();
  if (!access[can]) return <Result status="403" title={t('common.forbidden')} />;
  return <>{children}</>;
}

/** A route element behind a capability. */
export const guard = (can: Capability, element: ReactNode) => <RequireAccess can={can}>{element}</RequireAccess>;
