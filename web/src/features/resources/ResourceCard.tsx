import {
  AudioOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
  StarFilled,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResourceSummary } from './queries';
import './strings';

const FILE_ICONS: Record<string, ReactNode> = {
  pdf: <FilePdfOutlined style={{ color: '#d4380d' }} />,
  word: <FileWordOutlined style={{ color: '#1677ff' }} />,
  presentation: <FilePptOutlined style={{ color: '#fa541c' }} />,
  spreadsheet: <FileExcelOutlined style={{ color: '#389e0d' }} />,
  image: <FileImageOutlined style={{ color: '#722ed1' }} />,
  audio: <AudioOutlined style={{ color: '#13c2c2' }} />,
  video: <VideoCameraOutlined style={{ color: '#eb2f96' }} />,
  archive: <FileZipOutlined />,
  text: <FileTextOutlined />,
};

export function fileIcon(kind: string | null | undefined) {
  return (kind && FILE_ICONS[kind]) ?? <FileOutlined />;
}

export function ReviewTag({ state }: { state: ResourceSummary['reviewState'] }) {
  const { t } = useTranslation();
  if (state === 'none') return null;
  const color = state === 'approved' ? 'green' : state === 'rejected' ? 'red' : 'gold';
  return <Tag color={color}>{t(`res.review.${state}`)}</Tag>;
}

/** One resource in the library grid: thumbnail (first page), kind, title, author and school. */
export function ResourceCard({ r, showReview }: { r: ResourceSummary; showReview?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to={`/resources/${r.id}`} className="res-card-link" aria-label={r.title}>
      <Card
        hoverable
        size="small"
        className="res-card"
        cover={
          <div className="res-card-cover">
            {r.thumbnailUrl ? (
              <img src={r.thumbnailUrl} alt="" loading="lazy" />
            ) : (
              <span className="res-card-icon">{fileIcon(r.fileKind)}</span>
            )}
          </div>
        }
      >
        <Space size={4} wrap style={{ marginBottom: 4 }}>
          <Tag color="blue">{t(`res.kind.${r.kind}`)}</Tag>
          {showReview && <ReviewTag state={r.reviewState} />}
        </Space>
        <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ marginBottom: 4, minHeight: 44 }}>
          {r.title}
        </Typography.Paragraph>
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
          {t('res.card.by', { name: r.authorName, school: r.schoolName ?? '' })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('res.card.downloads', { n: r.downloadCount })}
          {r.ratingAverage !== null && (
            <>
              {' · '}
              <StarFilled style={{ color: '#fadb14' }} /> {r.ratingAverage}
            </>
          )}
        </Typography.Text>
        {showReview && r.reviewState === 'rejected' && r.reviewReason && (
          <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: '4px 0 0' }}>
            {t('res.detail.reviewReason', { reason: r.reviewReason })}
          </Typography.Paragraph>
        )}
      </Card>
    </Link>
  );
}

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
  const { t } = useTranslation();
  if (!loading && !items.length) return <Empty description={empty ?? t('res.library.empty')} />;
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
            {t('res.library.more')}
          </Button>
        </div>
      )}
    </>
  );
}
