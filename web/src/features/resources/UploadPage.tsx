import { App as AntApp, Alert, Button, Card, Form, Input, Radio, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { ResumableUploader } from '../../components/upload';
import { volumeLabel } from './LibraryPage';
import {
  AUDIENCES,
  LICENSES,
  RESOURCE_KINDS,
  VISIBILITIES,
  chapterLabel,
  useChapterTree,
  useInvalidateResources,
  useTextbooks,
  type CreateResourceBody,
} from './queries';
import './strings';
import './styles.css';

const TEACHER_ONLY_KINDS = ['lesson_plan', 'exam_paper', 'teaching_design'];
const FIELDS = [
  'title',
  'description',
  'kind',
  'subject',
  'grades',
  'textbookId',
  'chapterId',
  'tags',
  'license',
  'visibility',
  'audience',
];

/** Upload files straight to the store (resumable), then describe the resource and place it in a chapter. */
export function UploadPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidateResources();
  const [form] = Form.useForm<CreateResourceBody>();
  const [files, setFiles] = useState<{ uploadId: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const books = useTextbooks();
  const all = books.data ?? [];
  const subject = Form.useWatch('subject', form);
  const textbookId = Form.useWatch('textbookId', form);
  const visibility = Form.useWatch('visibility', form);
  const tree = useChapterTree(textbookId);
  const subjects = [...new Set([...all.map((b) => b.subject), '英语', '道德与法治', '科学', '音乐', '美术', '体育'])];

  const chapterTree = (tree.data?.chapters ?? [])
    .filter((c) => c.level === 1)
    .map((u) => ({
      value: u.id,
      title: chapterLabel(u),
      children: (tree.data?.chapters ?? [])
        .filter((c) => c.parentId === u.id)
        .map((c) => ({ value: c.id, title: chapterLabel(c) })),
    }));

  const submit = async (values: CreateResourceBody) => {
    setError(null);
    if (!files.length) return setError(t('res.upload.noFiles'));
    setSaving(true);
    try {
      const created = await call(
        api.POST('/api/resources', { body: { ...values, files: files.map((f) => ({ uploadId: f.uploadId })) } }),
      );
      await invalidate();
      message.success(t(created.reviewState === 'pending' ? 'res.upload.createdPending' : 'res.upload.created'));
      navigate(`/resources/${created.id}`);
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [{ required: true, message: t('res.upload.required', { label }) }];

  return (
    <>
      <PageHeader title={t('res.upload.title')} />
      <Card size="small" title={t('res.upload.step1')} style={{ marginBottom: 16 }}>
        <ResumableUploader
          purpose="resource"
          multiple
          onUploaded={(uploadId, file) => {
            setFiles((f) => [...f, { uploadId, name: file.name }]);
            if (!form.getFieldValue('title')) form.setFieldValue('title', file.name.replace(/\.[^.]+$/, '').slice(0, 200));
          }}
        />
        {files.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">{t('res.upload.files')}：</Typography.Text>
            {files.map((f) => (
              <Tag key={f.uploadId} closable onClose={() => setFiles((all) => all.filter((x) => x.uploadId !== f.uploadId))}>
                {f.name}
              </Tag>
            ))}
          </div>
        )}
      </Card>
      <Card size="small" title={t('res.upload.step2')}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{
            kind: 'courseware',
            license: 'cc_by_nc',
            visibility: 'school',
            audience: 'teachers_only',
            grades: [],
            tags: [],
          }}
          onValuesChange={(changed) => {
            if (changed.kind)
              form.setFieldValue('audience', TEACHER_ONLY_KINDS.includes(changed.kind) ? 'teachers_only' : 'everyone');
            if (changed.subject) form.setFieldsValue({ textbookId: undefined, chapterId: undefined });
            if (changed.textbookId) {
              form.setFieldValue('chapterId', undefined);
              const b = all.find((x) => x.id === changed.textbookId);
              if (b && !form.getFieldValue('grades')?.length) form.setFieldValue('grades', [b.grade]);
            }
          }}
        >
          <Form.Item name="title" label={t('res.upload.name')} rules={required(t('res.upload.name'))}>
            <Input maxLength={200} showCount />
          </Form.Item>
          <Space wrap size="middle" style={{ width: '100%' }} className="res-form-row">
            <Form.Item name="kind" label={t('res.upload.kind')} rules={required(t('res.upload.kind'))}>
              <Select style={{ minWidth: 140 }} options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`res.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="subject" label={t('res.upload.subject')} rules={required(t('res.upload.subject'))}>
              <Select style={{ minWidth: 140 }} showSearch options={subjects.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
            <Form.Item name="grades" label={t('res.upload.grades')} rules={required(t('res.upload.grades'))}>
              <Select
                mode="multiple"
                style={{ minWidth: 180 }}
                options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t(`res.grade.${i + 1}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="textbookId" label={t('res.upload.textbook')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              disabled={!subject}
              options={all
                .filter((b) => b.subject === subject)
                .map((b) => ({ value: b.id, label: `${b.edition} · ${volumeLabel(b, all)}` }))}
            />
          </Form.Item>
          <Form.Item name="chapterId" label={t('res.upload.chapter')}>
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" disabled={!textbookId} treeData={chapterTree} />
          </Form.Item>
          <Form.Item name="description" label={t('res.upload.description')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="tags" label={t('res.upload.tags')} extra={t('res.upload.tagsHint')}>
            <Select mode="tags" maxCount={10} open={false} />
          </Form.Item>
          <Form.Item
            name="visibility"
            label={t('res.detail.visibility')}
            extra={visibility === 'group' || visibility === 'public' ? t('res.visibilityHint') : undefined}
          >
            <Radio.Group options={VISIBILITIES.map((v) => ({ value: v, label: t(`res.visibility.${v}`) }))} />
          </Form.Item>
          <Form.Item name="audience" label={t('res.detail.audience')}>
            <Radio.Group options={AUDIENCES.map((v) => ({ value: v, label: t(`res.audience.${v}`) }))} />
          </Form.Item>
          <Form.Item name="license" label={t('res.detail.license')}>
            <Select options={LICENSES.map((v) => ({ value: v, label: t(`res.license.${v}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!files.length}>
            {t('res.upload.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
