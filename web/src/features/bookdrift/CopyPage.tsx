import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, List, Rate, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors, errorMessage } from '../../components/serverErrors';
import { formatCode, useDriftCopy, useWriteNote } from './queries';
import { JourneyTimeline } from './JourneyTimeline';

/** A copy's page (opened from its QR label): journey, reading notes, and the student's note form. */
export function CopyPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation(['bookdrift', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string; rating: number }>();
  const [formError, setFormError] = useState<string | null>(null);
  const page = useDriftCopy(code);
  const writeNote = useWriteNote(code);
  if (page.error) return <Alert type="error" showIcon message={errorMessage(page.error)} />;
  const c = page.data;
  if (!c) return <Card loading />;

  async function submit(values: { body: string; rating: number }) {
    setFormError(null);
    try {
      await writeNote.mutateAsync(values);
      message.success(t('noteSent'));
      form.resetFields();
    } catch (err) {
      setFormError(applyServerErrors(form, err, ['body', 'rating']));
    }
  }

  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader title={`《${c.title}》`} subtitle={c.author} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('driftCode')}>
            <Typography.Text code>{formatCode(c.driftCode)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('home')}>{c.homeSchoolName}</Descriptions.Item>
          <Descriptions.Item label={t('here')}>
            {c.hereSchoolName ?? '—'} <Tag>{t(`states.${c.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="ISBN">{c.isbn}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('journey')} style={{ marginBottom: 12 }}>
        <JourneyTimeline journey={c.journey} locale="zh-CN" />
      </Card>
      <Card size="small" title={t('notes')} style={{ marginBottom: 12 }}>
        {!c.notes.length && !c.myPendingNotes.length ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noNotes')} />
        ) : (
          <List
            data-testid="notes"
            dataSource={[...c.notes, ...c.myPendingNotes]}
            renderItem={(n) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <span>
                      {n.author} · {n.schoolName} <Rate disabled value={n.rating} style={{ fontSize: 12 }} />{' '}
                      {n.status !== 'approved' && <Tag color="gold">{t('pendingNote')}</Tag>}
                    </span>
                  }
                  description={n.body}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {c.canWriteNote && (
        <Card size="small" title={t('writeNote')} style={{ marginBottom: 12 }}>
          {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ rating: 5 }}>
            <Form.Item name="body" label={t('noteBody')} rules={[{ required: true, min: 5, max: 500 }]}>
              <Input.TextArea rows={4} maxLength={500} showCount />
            </Form.Item>
            <Form.Item name="rating" label={t('rating')} rules={[{ required: true }]}>
              <Rate />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              {t('submit')}
            </Button>
          </Form>
        </Card>
      )}
      {c.events.length > 0 && (
        <Card size="small" title={t('history')}>
          <List
            size="small"
            dataSource={c.events}
            renderItem={(e) => (
              <List.Item>
                <span>
                  {new Date(e.at).toLocaleString('zh-CN')} · {e.kind} · {e.schoolName ?? ''} {e.actor && `· ${e.actor}`}{' '}
                  {e.note && `· ${e.note}`}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
