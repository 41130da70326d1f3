import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Progress, Row, Select, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAccess } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { ResumableUploader } from '../../components/upload';
import { ChapterPanel } from './ChapterPanel';
import { ResourceLinksPanel } from './ResourceLinksPanel';
import {
  formatTime,
  parseTime,
  useAttachVideo,
  useEpisode,
  usePatchEpisode,
  usePlayback,
  useRefreshPlayback,
  useRetryVideo,
  useStats,
  useUploadCaptions,
  useVideoStatus,
  type MarkerView,
} from './queries';
import type { zhAll } from './strings';

function VideoPanel({ episodeId, hasVideo }: { episodeId: string; hasVideo: boolean }) {
  const { t } = useTranslation(['lectures', 'common']);
  const access = useAccess();
  const { message } = App.useApp();
  const { data: status } = useVideoStatus(episodeId);
  const onError = (e: Error) => void message.error(e.message);
  const attach = useAttachVideo(episodeId, { onError });
  const retry = useRetryVideo(episodeId, { onError });
  const refreshPlayback = useRefreshPlayback(episodeId);
  useEffect(() => {
    if (status?.state === 'ready') refreshPlayback();
  }, [status?.state, refreshPlayback]);
  return (
    <Card title={hasVideo ? t('upload.replace') : t('upload.title')} size="small">
      <Typography.Paragraph type="secondary">{t('upload.hint')}</Typography.Paragraph>
      <ResumableUploader
        purpose="lecture"
        accept="video/*,.mp4,.mov,.mkv,.webm,.flv"
        onUploaded={(uploadId) => attach.mutate(uploadId)}
      />
      {status && (
        <div style={{ marginTop: 12 }} data-testid="video-status">
          <Space wrap>
            <strong>{t('upload.status')}</strong>
            <span>{status.originalName}</span>
            <span>{t(`state.${status.state}`)}</span>
          </Space>
          <Progress
            percent={status.percent}
            status={status.state === 'failed' ? 'exception' : status.state === 'ready' ? 'success' : 'active'}
          />
          {status.playable && status.state !== 'ready' && <Alert type="success" showIcon message={t('upload.playableEarly')} />}
          {status.firstPlayableS != null && (
            <Typography.Text type="secondary">
              {t('upload.firstPlayable', { s: status.firstPlayableS.toFixed(1) })}
            </Typography.Text>
          )}
          {status.failure && (
            <Alert
              type="error"
              showIcon
              message={status.failure}
              action={
                access.canRetryTranscodes ? (
                  <Button size="small" onClick={() => retry.mutate(status.id)} loading={retry.isPending}>
                    {t('upload.retry')}
                  </Button>
                ) : undefined
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}

function MarkersPanel({ episodeId, initial }: { episodeId: string; initial: MarkerView[] }) {
  const { t } = useTranslation(['lectures', 'common']);
  const { message } = App.useApp();
  const [rows, setRows] = useState(initial.map((m) => ({ at: formatTime(m.at), title: m.title })));
  const patch = usePatchEpisode(episodeId, {
    onSuccess: () => void message.success(t('markers.saved')),
    onError: (e: Error) => void message.error(e.message),
  });
  const save = {
    isPending: patch.isPending,
    mutate: () => {
      const markers = rows.map((r) => ({ at: parseTime(r.at), title: r.title.trim() }));
      if (markers.some((m) => m.at === null || !m.title)) return void message.error(t('markers.badTime'));
      patch.mutate({ markers: markers as { at: number; title: string }[] });
    },
  };
  return (
    <Card title={t('markers.title')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        {rows.map((r, i) => (
          <Space.Compact key={i} style={{ width: '100%' }}>
            <Input
              style={{ width: 90 }}
              value={r.at}
              placeholder="3:20"
              aria-label={t('markers.at')}
              onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, at: e.target.value } : x)))}
            />
            <Input
              value={r.title}
              maxLength={60}
              placeholder="重难点：……"
              aria-label={t('markers.name')}
              onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))}
            />
            <Button icon={<DeleteOutlined />} onClick={() => setRows(rows.filter((_, j) => j !== i))} />
          </Space.Compact>
        ))}
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, { at: '', title: '' }])}>
            {t('markers.add')}
          </Button>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
            {t('markers.save')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

function CaptionsPanel({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation(['lectures', 'common']);
  const { message } = App.useApp();
  const [lang, setLang] = useState<'zh' | 'en'>('zh');
  const captions = useUploadCaptions(episodeId, {
    onSuccess: () => void message.success(t('captions.saved')),
    onError: (e: Error) => void message.error(e.message),
  });
  const upload = {
    isPending: captions.isPending,
    mutate: (file: File) => void file.text().then((content) => captions.mutate({ lang, content })),
  };
  return (
    <Card title={t('captions.title')} size="small">
      <Space wrap>
        <Select
          value={lang}
          onChange={setLang}
          options={[
            { value: 'zh', label: t('captions.zh') },
            { value: 'en', label: t('captions.en') },
          ]}
        />
        <Upload
          accept=".vtt,.srt,text/vtt"
          showUploadList={false}
          beforeUpload={(f) => {
            upload.mutate(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('captions.upload')}
          </Button>
        </Upload>
      </Space>
    </Card>
  );
}

function StatsPanel({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation(['lectures', 'common']);
  const { data } = useStats(episodeId);
  if (!data) return null;
  return (
    <Card title={t('stats.title')} size="small" data-testid="episode-stats">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={4}>
          <Statistic title={t('stats.views')} value={data.views} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('stats.unique')} value={data.uniqueViewers} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('stats.total')} value={formatTime(data.totalWatchS)} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('stats.average')} value={formatTime(data.averageWatchS)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('stats.completion')} value={Math.round(data.completionRate * 100)} suffix="%" />
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} md={14}>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={data.bySchool}
            columns={[
              { title: t('stats.bySchool'), dataIndex: 'label' },
              { title: t('stats.views'), dataIndex: 'views', width: 90 },
            ]}
          />
        </Col>
        <Col xs={24} md={10}>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={data.byLocality}
            columns={[
              {
                title: t('stats.byLocality'),
                dataIndex: 'key',
                render: (k: string) => t(`stats.locality.${k as keyof typeof zhAll.stats.locality}`),
              },
              { title: t('stats.views'), dataIndex: 'views', width: 90 },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

/**
 * A teacher's page for one episode: upload or replace the video, watch its processing, textbook
 * chapter, linked courseware and exercises, markers, captions, stats.
 */
export function ManageEpisodePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['lectures', 'common']);
  const pb = usePlayback(id);
  const detail = useEpisode(id);
  const status = useVideoStatus(id);
  const hasVideo = !!pb.data;
  const markers = pb.data?.episode.markers;
  const episode = detail.data?.episode ?? pb.data?.episode;
  return (
    <div>
      <PageHeader
        title={episode ? `${t('episodeN', { n: episode.number })} · ${episode.title}` : t('manage')}
        subtitle={
          detail.data ? <Link to={`/lectures/series/${detail.data.series.id}`}>{detail.data.series.title}</Link> : undefined
        }
        extra={hasVideo ? <Link to={`/lectures/episodes/${id}`}>{t('watch')}</Link> : null}
      />
      <Space direction="vertical" style={{ width: '100%', maxWidth: 1100 }} size="middle">
        <VideoPanel episodeId={id} hasVideo={hasVideo} />
        {detail.data && (
          <Row gutter={[16, 16]}>
            <Col xs={24} md={10}>
              <ChapterPanel episode={detail.data.episode} subject={detail.data.series.subject} grade={detail.data.series.grade} />
            </Col>
            <Col xs={24} md={14}>
              <ResourceLinksPanel episode={detail.data.episode} />
            </Col>
          </Row>
        )}
        {(markers || (!pb.isLoading && status.isFetched)) && (
          <MarkersPanel key={markers?.length ?? 0} episodeId={id} initial={markers ?? []} />
        )}
        <CaptionsPanel episodeId={id} />
        <StatsPanel episodeId={id} />
      </Space>
    </div>
  );
}
