import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from './auth';

/** A home page per role; each shows only what exists. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Card>
      <Typography.Title level={3}>
        {me.displayName} · {t(`roles.${me.role}`)}
      </Typography.Title>
      {me.schoolName && <Typography.Text type="secondary">{me.schoolName}</Typography.Text>}
    </Card>
  );
}
