import { Card, Empty, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMyChildren } from '../../components/org/queries';
import { formatTime, useChildHistory } from './queries';
import './strings';

/** A parent's home card: what each linked child watched, how far, and when. */
export function ChildHistoryCard() {
  const { t } = useTranslation(['lectures', 'common']);
  const children = useMyChildren();
  if (!children.data?.length) return null;
  return (
    <Card title={t('childHistory')} data-testid="child-history">
      <Space direction="vertical" style={{ width: '100%' }} size="large">
        {children.data.map((c) => (
          <ChildHistory key={c.id} studentId={c.id} name={c.displayName} />
        ))}
      </Space>
    </Card>
  );
}

function ChildHistory({ studentId, name }: { studentId: string; name: string }) {
  const { t, i18n } = useTranslation(['lectures', 'common']);
  const history = useChildHistory(studentId);
  return (
    <div>
      <Typography.Text strong>{name}</Typography.Text>
      {history.data && !history.data.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('childNothing')} />}
      {history.data?.map((w) => (
        <div key={w.episodeId} className="child-history-item">
          <Space size={4} wrap>
            <span>
              {w.seriesTitle} · {t('episodeN', { n: w.number })} {w.title}
            </span>
            {w.completed && <Tag color="green">{t('childCompleted')}</Tag>}
          </Space>
          <Progress
            size="small"
            percent={w.durationS ? Math.min(100, Math.round((w.watchedS / w.durationS) * 100)) : 0}
            format={() => t('childWatched', { time: formatTime(w.watchedS) })}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {new Date(w.lastAt).toLocaleString(i18n.language === 'en' ? 'en' : 'zh-CN')}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}
