import { Button, Col, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ResourceCard } from '../../components/catalogue/ResourceCard';
import type { ResourceSummary } from './queries';
import './strings';

/** Resources as a grid of cards, with "more" for the next page. */
export function ResourceGrid({
  items,
  loading,
  hasMore,
  onMore,
  empty,
  showReview,
}: {
  items: ResourceSummary[];
  loading?: boolean;
  hasMore?: boolean;
  onMore?: () => void;
  empty?: string;
  showReview?: boolean;
}) {
  const { t } = useTranslation(['resources', 'common']);
  if (!loading && !items.length) return <Empty description={empty ?? t('library.empty')} />;
  return (
    <>
      <Row gutter={[12, 12]}>
        {items.map((r) => (
          <Col key={r.id} xs={12} sm={8} md={8} lg={6} xl={6}>
            <ResourceCard r={r} showReview={showReview} />
          </Col>
        ))}
      </Row>
      {hasMore && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={onMore} loading={loading}>
            {t('library.more')}
          </Button>
        </div>
      )}
    </>
  );
}
