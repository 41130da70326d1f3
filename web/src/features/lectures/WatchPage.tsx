import { BookOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiFailure } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { LinkedResourcesCard } from './LinkedResourcesCard';
import { LecturePlayer } from './LecturePlayer';
import { formatTime, usePlayback } from './queries';

export function WatchPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['lectures', 'common']);
  const { data, error, isLoading } = usePlayback(id);
  if (isLoading) return <Spin />;
  if (error || !data)
    return <Alert type="warning" showIcon message={error instanceof ApiFailure ? error.message : t('player.notReady')} />;
  const e = data.episode;
  const seekTo = (s: number) => {
    const v = document.querySelector<HTMLVideoElement>('[data-testid="lecture-video"]');
    if (v) v.currentTime = s;
  };
  return (
    <div>
      <PageHeader
        title={`${t('episodeN', { n: e.number })} · ${e.title}`}
        subtitle={<Link to={`/lectures/series/${e.seriesId}`}>{data.seriesTitle}</Link>}
        extra={
          data.canManage ? (
            <Link to={`/lectures/episodes/${e.id}/manage`}>
              <Button icon={<SettingOutlined />}>{t('manage')}</Button>
            </Link>
          ) : null
        }
      />
      <LecturePlayer pb={data} />
      <Space wrap style={{ margin: '12px 0' }}>
        {e.teachingWeek && <Tag>{t('week', { n: e.teachingWeek })}</Tag>}
        {e.chapter && (
          <Link
            to={`/resources?textbook=${e.chapter.textbookId}&chapter=${e.chapter.id}`}
            data-testid="episode-chapter"
            title={`${e.chapter.textbook} · ${e.chapterTitle}`}
          >
            <Tag icon={<BookOutlined />} color="geekblue" className="lecture-chapter-tag">
              {e.chapterTitle}
            </Tag>
          </Link>
        )}
        <Typography.Text type="secondary">{t('views', { n: e.views })}</Typography.Text>
      </Space>
      {e.markers.length > 0 && (
        <Card size="small" title={t('chapters')} style={{ maxWidth: 1100 }}>
          <List
            className="lecture-chapters"
            size="small"
            dataSource={e.markers}
            renderItem={(m, i) => (
              <List.Item onClick={() => seekTo(m.at)} data-testid={`chapter-${i}`}>
                <Space>
                  <Tag color="gold">{formatTime(m.at)}</Tag>
                  {m.title}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <LinkedResourcesCard episodeId={e.id} />
      {e.description && <Typography.Paragraph style={{ marginTop: 12 }}>{e.description}</Typography.Paragraph>}
    </div>
  );
}
