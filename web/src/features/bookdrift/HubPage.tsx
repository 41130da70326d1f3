import { BookOutlined, CarOutlined, CheckSquareOutlined, OrderedListOutlined, SyncOutlined } from '@ant-design/icons';
import { Card, Col, Input, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAccess, type Capability } from '../../app/access';

import { PageHeader } from '../../components/PageHeader';

interface Entry {
  key: 'catalogue' | 'shipments' | 'campaigns' | 'lists' | 'review';
  path: string;
  icon: ReactNode;
  access: Capability;
}

const ENTRIES: Entry[] = [
  {
    key: 'catalogue',
    path: '/bookdrift/catalogue',
    icon: <BookOutlined />,
    access: 'canManageLibrary',
  },
  {
    key: 'shipments',
    path: '/bookdrift/shipments',
    icon: <CarOutlined />,
    access: 'canManageLibrary',
  },
  {
    key: 'campaigns',
    path: '/bookdrift/campaigns',
    icon: <SyncOutlined />,
    access: 'canSeeCampaigns',
  },
  {
    key: 'lists',
    path: '/bookdrift/lists',
    icon: <OrderedListOutlined />,
    access: 'signedIn',
  },
  {
    key: 'review',
    path: '/bookdrift/review',
    icon: <CheckSquareOutlined />,
    access: 'canReviewReadingNotes',
  },
];

/** Opens a copy's page from a typed drift code. */
export function DriftCodeBox() {
  const { t } = useTranslation(['bookdrift', 'common']);
  const navigate = useNavigate();
  return (
    <Input.Search
      aria-label={t('openCode')}
      placeholder={t('codePlaceholder')}
      enterButton={t('open')}
      size="large"
      maxLength={40}
      onSearch={(v) => v.trim() && navigate(`/drift/${encodeURIComponent(v.trim().replace(/\s/g, ''))}`)}
    />
  );
}

export function HubPage() {
  const { t } = useTranslation(['bookdrift', 'common']);
  const access = useAccess();
  return (
    <div>
      <PageHeader title={t('hubTitle')} subtitle={t('hubSubtitle')} />
      <Card title={t('openCode')} style={{ marginBottom: 16 }}>
        <DriftCodeBox />
      </Card>
      <Row gutter={[16, 16]}>
        {ENTRIES.filter((e) => access[e.access]).map((e) => (
          <Col xs={24} sm={12} lg={8} key={e.key}>
            <Link to={e.path}>
              <Card hoverable>
                <Typography.Title level={4} style={{ marginTop: 0 }}>
                  {e.icon} {t(e.key)}
                </Typography.Title>
                <Typography.Text type="secondary">{t(`${e.key}Desc`)}</Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}

export function DriftHomeCard() {
  const { t } = useTranslation(['bookdrift', 'common']);
  return (
    <Card title={t('openCode')} extra={<Link to="/bookdrift">{t('nav')}</Link>}>
      <DriftCodeBox />
    </Card>
  );
}
