import { Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAccess } from '../../app/access';
import { ResourceGrid } from './ResourceGrid';
import { useResources, useReviewQueue } from './queries';
import './strings';

function PendingButton() {
  const { t } = useTranslation(['resources', 'common']);
  const navigate = useNavigate();
  const queue = useReviewQueue('pending');
  const n = queue.data?.items.length ?? 0;
  return (
    <Button danger={n > 0} onClick={() => navigate('/resources/review')}>
      {t('home.pending', { n })}
    </Button>
  );
}

/** Home: the way into the library, and the newest resources the user may see. */
export function ResourcesHomeCard() {
  const { t } = useTranslation(['resources', 'common']);
  const navigate = useNavigate();
  const latest = useResources({});
  const access = useAccess();
  const staff = access.canContributeResources;
  const admin = access.canReviewResources;
  return (
    <Card title={t('home.latest')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => navigate('/resources')}>
          {t('home.browse')}
        </Button>
        {staff && <Button onClick={() => navigate('/resources/upload')}>{t('home.upload')}</Button>}
        {staff && <Button onClick={() => navigate('/resources/mine')}>{t('home.mine')}</Button>}
        {admin && <PendingButton />}
      </Space>
      <ResourceGrid items={(latest.data?.pages[0]?.items ?? []).slice(0, 8)} loading={latest.isLoading} />
    </Card>
  );
}
