import { CalendarOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAccess } from '../../app/access';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import type { Subject } from '../../components/vocabulary';
import {
  LECTURE_SUBJECTS,
  formatTime,
  useContinue,
  useCreateSeries,
  useSeriesList,
  useThisWeek,
  type CreateSeriesBody,
  type SeriesView,
} from './queries';

export function ThisWeekCard() {
  const { t } = useTranslation(['lectures', 'common']);
  const { data } = useThisWeek();
  return (
    <Card
      title={t('thisWeek')}
      extra={data?.week ? t('thisWeekOf', { week: data.week, grade: data.grade ?? '—' }) : null}
      data-testid="this-week"
    >
      {!data?.episodes.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noThisWeek')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {data.episodes.map((e, i) => (
            <Link key={e.id} to={`/lectures/episodes/${e.id}`}>
              <PlayCircleOutlined /> {data.seriesTitles[i]} · {t('episodeN', { n: e.number })} {e.title}
            </Link>
          ))}
        </Space>
      )}
    </Card>
  );
}

export function ContinueCard() {
  const { t } = useTranslation(['lectures', 'common']);
  const { data } = useContinue();
  if (!data?.length) return null;
  return (
    <Card title={t('continue')} data-testid="continue-watching">
      <Space direction="vertical" style={{ width: '100%' }}>
        {data.map((w) => (
          <Link key={w.episodeId} to={`/lectures/episodes/${w.episodeId}`}>
            <Space direction="vertical" size={0} style={{ width: '100%' }}>
              <span>
                {w.seriesTitle} · {t('episodeN', { n: w.number })} {w.title}
              </span>
              <Progress
                size="small"
                percent={w.durationS ? Math.round((w.positionS / w.durationS) * 100) : 0}
                format={() => `${formatTime(w.positionS)} / ${formatTime(w.durationS)}`}
              />
            </Space>
          </Link>
        ))}
      </Space>
    </Card>
  );
}

export function SeriesCard({ s }: { s: SeriesView }) {
  const { t } = useTranslation(['lectures', 'common']);
  return (
    <Link to={`/lectures/series/${s.id}`}>
      <Card
        hoverable
        cover={s.thumbnailUrl ? <img className="lecture-thumb" src={s.thumbnailUrl} alt="" /> : <div className="lecture-thumb" />}
        size="small"
      >
        <Card.Meta
          title={<span title={s.title}>{s.title}</span>}
          description={
            <Space direction="vertical" size={2}>
              <Space size={4} wrap>
                <Tag color="red">{t(`common:vocabulary.subjects.${s.subject}`)}</Tag>
                <Tag>{t('gradeN', { n: s.grade })}</Tag>
                <Tag>{t(`common:vocabulary.terms.${s.term}`)}</Tag>
                {s.visibility === 'public' ? <Tag color="green">{t('public')}</Tag> : <Tag>{t('group')}</Tag>}
              </Space>
              <span>
                {t('episodes', { n: s.episodeCount })} · {t('views', { n: s.totalViews })}
              </span>
              <Typography.Text type="secondary" ellipsis>
                {s.lecturers.map((l) => `${l.name}（${l.title}）`).join('、')}
              </Typography.Text>
            </Space>
          }
        />
      </Card>
    </Link>
  );
}

function NewSeriesButton() {
  const { t } = useTranslation(['lectures', 'common']);
  const me = useMe();
  const access = useAccess();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateSeriesBody & { lecturerTitle: string }>();
  const nav = useNavigate();
  const { message } = App.useApp();
  const createSeries = useCreateSeries({
    onSuccess: (s) => {
      setOpen(false);
      nav(`/lectures/series/${s.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const create = {
    isPending: createSeries.isPending,
    mutate: (v: CreateSeriesBody & { lecturerTitle: string }) =>
      createSeries.mutate({
        title: v.title,
        subject: v.subject,
        grade: v.grade,
        term: v.term,
        visibility: v.visibility,
        description: v.description,
        lecturers: [{ userId: me.id, name: me.displayName, title: v.lecturerTitle || '', school: me.schoolName ?? '' }],
      }),
  };
  if (!access.canManageLectures) return null;
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t('newSeries')}
      </Button>
      <Modal
        open={open}
        title={t('newSeries')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ subject: 'math', grade: 8, term: 'first', visibility: 'public' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="title" label={t('titleLabel')} rules={[{ required: true, min: 2, max: 120 }]}>
            <Input placeholder="名师辅导讲堂 · 初中数学 · 八年级上册" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="subject" label={t('subject')}>
              <Select
                style={{ width: 140 }}
                options={LECTURE_SUBJECTS.map((s) => ({ value: s, label: t(`common:vocabulary.subjects.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="grade" label={t('grade')}>
              <InputNumber min={1} max={12} />
            </Form.Item>
            <Form.Item name="term" label=" ">
              <Select
                style={{ width: 110 }}
                options={(['first', 'second'] as const).map((x) => ({ value: x, label: t(`common:vocabulary.terms.${x}`) }))}
              />
            </Form.Item>
            <Form.Item name="visibility" label={t('visibility')}>
              <Select
                style={{ width: 110 }}
                options={[
                  { value: 'public', label: t('public') },
                  { value: 'group', label: t('group') },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item name="lecturerTitle" label={t('lecturers')}>
            <Input placeholder="正高级教师 / 特级教师 / 市名师" maxLength={50} />
          </Form.Item>
          <Form.Item name="description" label={t('description')}>
            <Input.TextArea maxLength={2000} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** For those who set up the term calendar. */
function CalendarLink() {
  const { t } = useTranslation(['lectures', 'common']);
  const access = useAccess();
  if (!access.canEditCalendars) return null;
  return (
    <Link to="/lectures/calendar">
      <Button icon={<CalendarOutlined />}>{t('calendar.nav')}</Button>
    </Link>
  );
}

/** Series by subject and grade, this week's lectures, continue watching. */
export function LecturesHome() {
  const { t } = useTranslation(['lectures', 'common']);
  const [subject, setSubject] = useState<Subject | undefined>();
  const [grade, setGrade] = useState<number | undefined>();
  const { data, isLoading } = useSeriesList({ subject, grade });
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          <Space wrap>
            <CalendarLink />
            <NewSeriesButton />
          </Space>
        }
      />
      <div className="lecture-cards" style={{ marginBottom: 16 }}>
        <ThisWeekCard />
        <ContinueCard />
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('allSeries')}
        </Typography.Title>
        <Select
          allowClear
          placeholder={t('anySubject')}
          style={{ width: 130 }}
          value={subject}
          onChange={setSubject}
          options={LECTURE_SUBJECTS.map((s) => ({ value: s, label: t(`common:vocabulary.subjects.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('anyGrade')}
          style={{ width: 110 }}
          value={grade}
          onChange={setGrade}
          options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('gradeN', { n: i + 1 }) }))}
        />
      </Space>
      {!isLoading && !data?.length ? (
        <Empty description={t('empty')} />
      ) : (
        <div className="lecture-cards">
          {data?.map((s) => (
            <SeriesCard key={s.id} s={s} />
          ))}
        </div>
      )}
    </div>
  );
}
