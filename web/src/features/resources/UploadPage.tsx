import { App as AntApp, Alert, Button, Card, Form, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { ResumableUploader } from '../../components/upload';
import { useCreateResource, useTextbooks, type CreateResourceBody } from './queries';
import { keepPlacementConsistent, RESOURCE_FIELDS, ResourceFields, TEACHER_ONLY_KINDS } from './ResourceFields';
import './strings';
import './styles.css';

/** Upload files straight to the store (resumable), then describe the resource and place it in a chapter. */
export function UploadPage() {
  const { t } = useTranslation(['resources', 'common']);
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const createResource = useCreateResource();
  const [form] = Form.useForm<CreateResourceBody>();
  const [files, setFiles] = useState<{ uploadId: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const books = useTextbooks();
  const all = books.data ?? [];
  const submit = async (values: CreateResourceBody) => {
    setError(null);
    if (!files.length) return setError(t('upload.noFiles'));
    setSaving(true);
    try {
      const created = await createResource.mutateAsync({ ...values, files: files.map((f) => ({ uploadId: f.uploadId })) });
      message.success(t(created.reviewState === 'pending' ? 'upload.createdPending' : 'upload.created'));
      navigate(`/resources/${created.id}`);
    } catch (err) {
      setError(applyServerErrors(form, err, RESOURCE_FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('upload.title')} />
      <Card size="small" title={t('upload.step1')} style={{ marginBottom: 16 }}>
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
            <Typography.Text type="secondary">{t('upload.files')}：</Typography.Text>
            {files.map((f) => (
              <Tag key={f.uploadId} closable onClose={() => setFiles((all) => all.filter((x) => x.uploadId !== f.uploadId))}>
                {f.name}
              </Tag>
            ))}
          </div>
        )}
      </Card>
      <Card size="small" title={t('upload.step2')}>
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
            keepPlacementConsistent(form, changed, all);
          }}
        >
          <ResourceFields form={form} all={all} />
          <Button type="primary" htmlType="submit" loading={saving} disabled={!files.length}>
            {t('upload.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
