import { StarFilled } from '@ant-design/icons';
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fileIcon } from './fileIcon';
import type { ResourceSummary } from './queries';
import { ReviewTag } from './ReviewTag';

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
          <Tag color="blue">{t(`catalogue.kind.${r.kind}`)}</Tag>
          {showReview && <ReviewTag state={r.reviewState} />}
        </Space>
        <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ marginBottom: 4, minHeight: 44 }}>
          {r.title}
        </Typography.Paragraph>
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
          {t('catalogue.card.by', { name: r.authorName, school: r.schoolName ?? '' })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('catalogue.card.downloads', { n: r.downloadCount })}
          {r.ratingAverage !== null && (
            <>
              {' · '}
              <StarFilled style={{ color: '#fadb14' }} /> {r.ratingAverage}
            </>
          )}
        </Typography.Text>
        {showReview && r.reviewState === 'rejected' && r.reviewReason && (
          <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: '4px 0 0' }}>
            {t('catalogue.reviewReason', { reason: r.reviewReason })}
          </Typography.Paragraph>
        )}
      </Card>
    </Link>
  );
}
