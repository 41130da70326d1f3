import { BookOutlined, PlayCircleOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { ChapterPicker } from '../../components/catalogue/ChapterPicker';
import type { Subject } from '../../components/vocabulary';
import { formatTime, useCreateEpisode, useSeries, type EpisodeView } from './queries';

function NewEpisodeButton({ seriesId, subject, grade }: { seriesId: string; subject: Subject; grade: number }) {
  const { t } = useTranslation(['lectures', 'common']);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ title: string; chapterId?: string; teachingWeek?: number; publishAt?: Dayjs }>();
  const { message } = App.useApp();
  const createEpisode = useCreateEpisode(seriesId, {
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
    },
    onError: (e: Error) => {
      const rest = applyServerErrors(form, e, ['title', 'chapterId', 'teachingWeek', 'publishAt']);
      if (rest) void message.error(rest);
    },
  });
  const create = {
    isPending: createEpisode.isPending,
    mutate: (v: { title: string; chapterId?: string | null; teachingWeek?: number; publishAt?: Dayjs }) =>
      createEpisode.mutate({
        title: v.title,
        chapterId: v.chapterId || undefined,
        teachingWeek: v.teachingWeek ?? undefined,
        publishAt: v.publishAt ? v.publishAt.toISOString() : undefined,
      }),
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t('newEpisode')}
      </Button>
      <Modal
        open={open}
        title={t('newEpisode')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="title" label={t('titleLabel')} rules={[{ required: true, min: 2, max: 120 }]}>
            <Input placeholder="第4讲 等腰三角形的判定" />
          </Form.Item>
          <Form.Item name="chapterId" label={t('chapter')}>
            <ChapterPicker subject={subject} grade={grade} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="teachingWeek" label={t('week', { n: '' })}>
              <InputNumber min={1} max={30} />
            </Form.Item>
            <Form.Item name="publishAt" label={t('publishAt')}>
              <DatePicker showTime />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

function EpisodeRow({ e, manage }: { e: EpisodeView; manage: boolean }) {
  const { t } = useTranslation(['lectures', 'common']);
  const p = e.processing;
  return (
    <List.Item
      actions={[
        e.playable && (
          <Link key="w" to={`/lectures/episodes/${e.id}`} data-testid={`watch-${e.number}`}>
            <PlayCircleOutlined /> {t('watch')}
          </Link>
        ),
        manage && (
          <Link key="m" to={`/lectures/episodes/${e.id}/manage`}>
            <SettingOutlined /> {t('manage')}
          </Link>
        ),
      ].filter(Boolean)}
    >
      <List.Item.Meta
        avatar={e.thumbnailUrl ? <img src={e.thumbnailUrl} alt="" style={{ width: 96, borderRadius: 4 }} /> : undefined}
        title={
          <span>
            {t('episodeN', { n: e.number })} · {e.title}
          </span>
        }
        description={
          <Space size={4} wrap>
            {e.teachingWeek && <Tag>{t('week', { n: e.teachingWeek })}</Tag>}
            {e.durationS ? <Tag>{formatTime(e.durationS)}</Tag> : null}
            {e.chapterTitle && (
              <Tag icon={<BookOutlined />} color="geekblue" className="lecture-chapter-tag" title={e.chapter?.textbook}>
                {e.chapterTitle}
              </Tag>
            )}
            <span>{t('views', { n: e.views })}</span>
            {!e.published && <Tag color="orange">{t('notPublished', { time: new Date(e.publishAt).toLocaleString() })}</Tag>}
            {manage && !e.playable && !p && <Tag>{t('noVideo')}</Tag>}
            {manage && p && p.state !== 'ready' && (
              <Tag color={p.state === 'failed' ? 'red' : 'blue'}>
                {t(`state.${p.state}`)}
                {p.state === 'transcoding' ? ` ${p.percent}%` : ''}
              </Tag>
            )}
          </Space>
        }
      />
    </List.Item>
  );
}

export function SeriesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['lectures', 'common']);
  const { data } = useSeries(id);
  if (!data) return null;
  return (
    <div>
      <PageHeader
        title={data.title}
        subtitle={`${t(`common:vocabulary.subjects.${data.subject}`)} · ${t('gradeN', { n: data.grade })} · ${t(`common:vocabulary.terms.${data.term}`)}`}
        extra={data.canManage ? <NewEpisodeButton seriesId={data.id} subject={data.subject} grade={data.grade} /> : null}
      />
      {data.description && <Typography.Paragraph>{data.description}</Typography.Paragraph>}
      <Card size="small" title={t('lecturers')} style={{ marginBottom: 12 }}>
        <Space wrap>
          {data.lecturers.map((l, i) => (
            <Tag key={i} color="volcano">
              {l.name} · {l.title} · {l.school}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card size="small">
        <List dataSource={data.episodes} rowKey="id" renderItem={(e) => <EpisodeRow e={e} manage={data.canManage} />} />
      </Card>
    </div>
  );
}
