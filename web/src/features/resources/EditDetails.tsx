import { EditOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/serverErrors';
import { keepPlacementConsistent, RESOURCE_FIELDS, ResourceFields } from './ResourceFields';
import { useTextbooks, useUpdateResource, type CreateResourceBody, type ResourceDetail } from './queries';
import './strings';

type Values = Omit<CreateResourceBody, 'files'>;

/** 编辑信息: the author (or an admin of the author's school) changes a resource's details. */
export function EditDetails({ r, onSaved }: { r: ResourceDetail; onSaved: (backToReview: boolean) => void }) {
  const { t } = useTranslation(['resources', 'common']);
  const { message } = AntApp.useApp();
  const update = useUpdateResource(r.id);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const books = useTextbooks();
  const all = books.data ?? [];

  const start = () => {
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      title: r.title,
      description: r.description,
      kind: r.kind,
      subject: r.subject,
      grades: r.grades,
      textbookId: r.textbookId ?? undefined,
      chapterId: r.chapterId ?? undefined,
      tags: r.tags,
      visibility: r.visibility,
      audience: r.audience,
      license: r.license,
    });
    setOpen(true);
  };

  const save = async (v: Values) => {
    setError(null);
    setSaving(true);
    try {
      const saved = await update.mutateAsync({
        ...v,
        description: v.description ?? '',
        tags: v.tags ?? [],
        textbookId: v.textbookId ?? null,
        chapterId: v.chapterId ?? null,
      });
      const backToReview = saved.reviewState === 'pending' && r.reviewState !== 'pending';
      message.success(t(backToReview ? 'edit.savedPending' : 'edit.saved'));
      onSaved(backToReview);
      setOpen(false);
    } catch (err) {
      setError(applyServerErrors(form, err, RESOURCE_FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button icon={<EditOutlined />} onClick={start}>
        {t('edit.open')}
      </Button>
      <Modal
        open={open}
        title={t('edit.title')}
        width={720}
        forceRender
        okText={t('edit.save')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          name="resource-edit"
          onFinish={(v) => void save(v)}
          onValuesChange={(changed) => keepPlacementConsistent(form, changed, all)}
        >
          <ResourceFields form={form} all={all} />
        </Form>
      </Modal>
    </>
  );
}
