import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  InputNumber,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../app/access';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { todayInChina, useCalendars, useSaveCalendar, type CalendarView } from './queries';
import { GroupPicker } from './GroupPicker';
import { WeekTable } from './WeekTable';
import './strings';

interface Values {
  schoolYear: number;
  term: CalendarView['term'];
  week1Monday: Dayjs | null;
  weeks: number;
}

const FIELDS = ['schoolYear', 'term', 'week1Monday', 'weeks', 'groupId'];

/** A new term's likely values: the term that comes after today's (or today's, if none is set up). */
function suggestion(today = todayInChina()): Values {
  const [y, m] = today.split('-').map(Number);
  const first = m >= 7;
  const schoolYear = first ? y : y - 1;
  // first Monday on or after 1 September / 20 February
  const from = dayjs(first ? `${y}-09-01` : `${y}-02-20`);
  const monday = from.add((8 - from.day()) % 7, 'day');
  return { schoolYear, term: first ? 'first' : 'second', week1Monday: monday, weeks: first ? 20 : 18 };
}

const keyOf = (c: { schoolYear: number; term: string }) => `${c.schoolYear}-${c.term}`;

function CalendarForm({
  groupId,
  calendars,
  selected,
  onSaved,
  onDraft,
}: {
  groupId: string | undefined;
  calendars: CalendarView[];
  selected: CalendarView | null;
  onSaved: (c: CalendarView) => void;
  /** the dates being edited, for the week table beside the form */
  onDraft: (d: { week1Monday: string; weeks: number } | null) => void;
}) {
  const { t } = useTranslation(['lectures', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo<Values>(
    () =>
      selected
        ? {
            schoolYear: selected.schoolYear,
            term: selected.term,
            week1Monday: dayjs(selected.week1Monday),
            weeks: selected.weeks,
          }
        : suggestion(),
    [selected],
  );
  const draft = (v: Partial<Values>) =>
    onDraft(
      v.week1Monday && v.weeks && v.weeks >= 1 && v.weeks <= 30
        ? { week1Monday: v.week1Monday.format('YYYY-MM-DD'), weeks: v.weeks }
        : null,
    );
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initial);
    setError(null);
    draft(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, initial]);
  const saveCalendar = useSaveCalendar({
    onSuccess: (c) => {
      void message.success(t('calendar.saved'));
      onSaved(c);
    },
    onError: (e) => setError(applyServerErrors(form, e, FIELDS)),
  });
  const save = {
    isPending: saveCalendar.isPending,
    mutate: (v: Values) =>
      saveCalendar.mutate({
        schoolYear: v.schoolYear,
        term: v.term,
        week1Monday: v.week1Monday!.format('YYYY-MM-DD'),
        weeks: v.weeks,
        groupId,
      }),
  };
  const years = Array.from({ length: 5 }, (_, i) => Number(todayInChina().slice(0, 4)) - 2 + i);
  const replaces = (v: { schoolYear?: number; term?: string }) =>
    !selected && calendars.some((c) => c.schoolYear === v.schoolYear && c.term === v.term);
  const schoolYear = Form.useWatch('schoolYear', form);
  const term = Form.useWatch('term', form);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={(_, all) => draft(all)}
      onFinish={(v) => {
        setError(null);
        save.mutate(v);
      }}
      data-testid="calendar-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space wrap size="middle" style={{ width: '100%' }}>
        <Form.Item name="schoolYear" label={t('calendar.schoolYear')} rules={[{ required: true }]}>
          <Select
            style={{ width: 150 }}
            options={years.map((y) => ({ value: y, label: t('calendar.yearN', { from: y, to: y + 1 }) }))}
          />
        </Form.Item>
        <Form.Item name="term" label={t('calendar.term')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'first', label: t('common:vocabulary.terms.first') },
              { value: 'second', label: t('common:vocabulary.terms.second') },
            ]}
          />
        </Form.Item>
      </Space>
      <Space wrap size="middle" style={{ width: '100%' }}>
        <Form.Item
          name="week1Monday"
          label={t('calendar.week1Monday')}
          rules={[{ required: true, message: t('calendar.week1Required') }]}
          extra={t('calendar.mondayHint')}
        >
          <DatePicker
            style={{ width: 170 }}
            inputReadOnly
            allowClear={false}
            disabledDate={(d) => d.day() !== 1}
            format="YYYY-MM-DD ddd"
          />
        </Form.Item>
        <Form.Item name="weeks" label={t('calendar.weeks')} rules={[{ required: true }]}>
          <InputNumber min={1} max={30} style={{ width: 110 }} suffix={t('calendar.weeksUnit')} />
        </Form.Item>
      </Space>
      {replaces({ schoolYear, term }) && (
        <Alert type="warning" showIcon title={t('calendar.replaces')} style={{ marginBottom: 12 }} />
      )}
      <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!groupId}>
        {t('calendar.save')}
      </Button>
    </Form>
  );
}

/**
 * 学期教学周历: the group's terms (school year, term, Monday of week 1, number of weeks) and
 * the week → date table with this week marked. Group and platform admins edit; staff read.
 */
export function CalendarPage() {
  const { t } = useTranslation(['lectures', 'common']);
  const me = useMe();
  const access = useAccess();
  const canEdit = access.canEditCalendars;
  const [groupId, setGroupId] = useState<string | undefined>(access.canPickAnyGroup ? undefined : me.groupIds[0]);
  const calendars = useCalendars(groupId, !access.canPickAnyGroup || !!groupId);
  const list = useMemo(() => calendars.data ?? [], [calendars.data]);
  const [pick, setPick] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const fallback = list.find((c) => c.currentWeek !== null) ?? list[0] ?? null;
  const selected = creating ? null : (list.find((c) => keyOf(c) === pick) ?? fallback);
  const [draft, setDraft] = useState<{ week1Monday: string; weeks: number } | null>(null);
  const shown = canEdit ? draft : selected;
  return (
    <div>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={access.canPickAnyGroup ? <GroupPicker value={groupId} onChange={setGroupId} /> : null}
      />
      {!groupId && !access.canPickAnyGroup ? (
        <Empty description={t('calendar.noGroup')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small" title={t('calendar.terms')}>
                {list.length || creating ? (
                  <Segmented
                    block
                    className="lecture-term-switch"
                    value={creating ? 'new' : selected ? keyOf(selected) : undefined}
                    onChange={(v) => {
                      setCreating(v === 'new');
                      if (v !== 'new') setPick(String(v));
                    }}
                    options={[
                      ...list.map((c) => ({
                        value: keyOf(c),
                        label: (
                          <span>
                            {t('calendar.termLabel', {
                              from: c.schoolYear,
                              to: c.schoolYear + 1,
                              term: t(`common:vocabulary.terms.${c.term}`),
                            })}
                            {c.currentWeek !== null && (
                              <CalendarOutlined style={{ marginLeft: 4, color: '#cf1322' }} aria-label={t('calendar.thisWeek')} />
                            )}
                          </span>
                        ),
                      })),
                      ...(canEdit ? [{ value: 'new', label: <PlusOutlined aria-label={t('calendar.newTerm')} /> }] : []),
                    ]}
                  />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={canEdit ? t('calendar.emptyEditor') : t('calendar.empty')}
                  />
                )}
              </Card>
              {canEdit && (
                <Card size="small" title={selected ? t('calendar.edit') : t('calendar.newTerm')}>
                  <CalendarForm
                    groupId={groupId}
                    calendars={list}
                    selected={selected}
                    onSaved={(c) => {
                      setCreating(false);
                      setPick(keyOf(c));
                    }}
                    onDraft={setDraft}
                  />
                </Card>
              )}
            </Space>
          </Col>
          <Col xs={24} lg={14}>
            <Card
              size="small"
              title={
                canEdit && !selected
                  ? t('calendar.preview')
                  : selected
                    ? t('calendar.termLabel', {
                        from: selected.schoolYear,
                        to: selected.schoolYear + 1,
                        term: t(`common:vocabulary.terms.${selected.term}`),
                      })
                    : t('calendar.table')
              }
              extra={
                selected?.currentWeek ? (
                  <Typography.Text type="danger">{t('calendar.nowWeek', { n: selected.currentWeek })}</Typography.Text>
                ) : null
              }
            >
              {shown ? (
                <WeekTable week1Monday={shown.week1Monday} weeks={shown.weeks} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.tableEmpty')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
