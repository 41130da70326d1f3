import { App as AntApp, Button, Card, Empty, List, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useToastedAction } from '../../components/useToastedAction';
import { PageHeader } from '../../components/PageHeader';
import { ReviewTag } from '../../components/catalogue/ReviewTag';
import { ResourceGrid } from './ResourceGrid';
import { RejectReasonDialog } from '../../components/review/RejectReasonDialog';
import { useResources, useReviewQueue, useReviewResource, type ResourceSummary } from './queries';
import './strings';
import './styles.css';

export function MyUploadsPage() {
  const { t } = useTranslation(['resources', 'common']);
  const list = useResources({ scope: 'mine' });
  return (
    <>
      <PageHeader
        title={t('mine.title')}
        extra={
          <Link to="/resources/upload">
            <Button type="primary">{t('nav.upload')}</Button>
          </Link>
        }
      />
      <ResourceGrid
        showReview
        items={list.data?.pages.flatMap((p) => p.items) ?? []}
        loading={list.isLoading || list.isFetchingNextPage}
        hasMore={list.hasNextPage}
        onMore={() => void list.fetchNextPage()}
        empty={t('mine.empty')}
      />
    </>
  );
}

export function FavouritesPage() {
  const { t } = useTranslation(['resources', 'common']);
  const list = useResources({ scope: 'favourites' });
  return (
    <>
      <PageHeader title={t('favourites.title')} />
      <ResourceGrid
        items={list.data?.pages.flatMap((p) => p.items) ?? []}
        loading={list.isLoading || list.isFetchingNextPage}
        hasMore={list.hasNextPage}
        onMore={() => void list.fetchNextPage()}
        empty={t('favourites.empty')}
      />
    </>
  );
}

function QueueList({ state }: { state: 'pending' | 'approved' | 'rejected' }) {
  const { t, i18n } = useTranslation(['resources', 'common']);
  const { message } = AntApp.useApp();
  const runAction = useToastedAction();
  const queue = useReviewQueue(state);
  const review = useReviewResource();
  const [rejecting, setRejecting] = useState<ResourceSummary | null>(null);
  const decide = async (r: ResourceSummary, decision: 'approve' | 'reject', reason = '') => {
    await runAction(async () => {
      await review.mutateAsync({ id: r.id, decision, reason });
      message.success(t(decision === 'approve' ? 'queue.approved' : 'queue.rejected'));
      setRejecting(null);
    });
  };
  if (!queue.isLoading && !queue.data?.items.length) return <Empty description={t('queue.empty')} />;
  return (
    <>
      <List
        loading={queue.isLoading}
        dataSource={queue.data?.items ?? []}
        renderItem={(r) => (
          <List.Item
            actions={
              state === 'pending'
                ? [
                    <Button key="ok" type="primary" size="small" onClick={() => void decide(r, 'approve')}>
                      {t('detail.approve')}
                    </Button>,
                    <Button key="no" danger size="small" onClick={() => setRejecting(r)}>
                      {t('detail.reject')}
                    </Button>,
                  ]
                : [<ReviewTag key="s" state={r.reviewState} />]
            }
          >
            <List.Item.Meta
              title={<Link to={`/resources/${r.id}`}>{r.title}</Link>}
              description={
                <Space direction="vertical" size={0}>
                  <Typography.Text type="secondary">
                    {t(`common:catalogue.kind.${r.kind}`)} · {t(`visibility.${r.visibility}`)} · {r.authorName} · {r.schoolName}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {new Date(r.createdAt).toLocaleString(i18n.language)}
                  </Typography.Text>
                  {r.reviewReason && <Typography.Text type="danger">{r.reviewReason}</Typography.Text>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <RejectReasonDialog
        open={!!rejecting}
        onCancel={() => setRejecting(null)}
        onReject={(reason) => rejecting && void decide(rejecting, 'reject', reason)}
      />
    </>
  );
}

export function ReviewQueuePage() {
  const { t } = useTranslation(['resources', 'common']);
  return (
    <>
      <PageHeader title={t('queue.title')} />
      <Card size="small">
        <Tabs
          destroyOnHidden
          items={(['pending', 'approved', 'rejected'] as const).map((s) => ({
            key: s,
            label: t(`queue.tabs.${s}`),
            children: <QueueList state={s} />,
          }))}
        />
      </Card>
    </>
  );
}
