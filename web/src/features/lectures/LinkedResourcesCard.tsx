import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ResourceCard } from '../../components/catalogue/ResourceCard';
import { useEpisodeResources } from './queries';
import './strings';

/** The watch page's courseware and exercises, as cards; only what the viewer may see comes back. */
export function LinkedResourcesCard({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation(['lectures', 'common']);
  const { data } = useEpisodeResources(episodeId);
  if (!data?.length) return null;
  return (
    <Card size="small" title={t('links.watchTitle')} style={{ maxWidth: 1100, marginTop: 12 }} data-testid="linked-resources">
      <Row gutter={[12, 12]}>
        {data.map((r) => (
          <Col key={r.id} xs={12} sm={8} md={6} lg={6} xl={4}>
            <ResourceCard r={r} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
