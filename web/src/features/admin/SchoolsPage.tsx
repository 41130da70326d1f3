import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import type { OrgKey } from '../../app/i18n';
import { useAccess } from '../../app/access';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors, errorMessage } from '../../components/serverErrors';
import { LOCALITIES, STAGES, useInvalidateSchoolsAndGroups, useSaveSchool, useSchools, type SchoolView } from './queries';
import { SCHOOL_CODE } from './validation';

export const LOCALITY_COLOR: Record<string, string> = { urban: 'blue', township: 'cyan', rural: 'green' };

type Values = Pick<SchoolView, 'name' | 'code' | 'locality' | 'stage' | 'district'>;

function SchoolForm({ school, onDone }: { school?: SchoolView; onDone: (s: SchoolView) => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = useSaveSchool();
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await save.mutateAsync({ id: school?.id, body: v });
      onDone(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, ['name', 'code', 'locality', 'stage', 'district']));
    } finally {
      setBusy(false);
    }
  };
  const required = (label: string) => ({ required: true, message: t('form.required', { label }) });
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={school ?? { locality: 'rural', stage: 'primary' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="name"
        label={t('school.name')}
        rules={[required(t('school.name')), { min: 2, max: 100, message: t('form.between', { min: 2, max: 100 }) }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('school.code')}
        extra={school ? undefined : t('school.codeHint')}
        rules={[required(t('school.code')), { pattern: SCHOOL_CODE, message: t('school.codeHint') }]}
      >
        <Input disabled={!!school} />
      </Form.Item>
      <Form.Item name="locality" label={t('school.locality')} rules={[required(t('school.locality'))]}>
        <Select options={LOCALITIES.map((l) => ({ value: l, label: t(`common:org.locality.${l as OrgKey<'locality'>}`) }))} />
      </Form.Item>
      <Form.Item name="stage" label={t('school.stage')} rules={[required(t('school.stage'))]}>
        <Select options={STAGES.map((s) => ({ value: s, label: t(`common:org.stage.${s as OrgKey<'stage'>}`) }))} />
      </Form.Item>
      <Form.Item name="district" label={t('school.district')} rules={[{ max: 100, message: t('form.max', { n: 100 }) }]}>
        <Input />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {school ? t('common:common.save') : t('school.create')}
      </Button>
    </Form>
  );
}

/** Schools the admin can see; create (platform/group admins) and edit (whoever administers it). */
export function SchoolsPage() {
  const { t } = useTranslation(['admin', 'common']);
  const me = useMe();
  const { message } = App.useApp();
  const refreshSchools = useInvalidateSchoolsAndGroups();
  const schools = useSchools();
  const [editing, setEditing] = useState<SchoolView | 'new' | null>(null);
  const access = useAccess();
  const canCreate = access.canAdministerGroups;
  const canEdit = (s: SchoolView) => canCreate || (access.canAdministerSchools && me.schoolId === s.id);

  const columns: ColumnsType<SchoolView> = [
    { title: t('school.name'), dataIndex: 'name' },
    { title: t('school.code'), dataIndex: 'code' },
    {
      title: t('school.locality'),
      dataIndex: 'locality',
      render: (l: string) => <Tag color={LOCALITY_COLOR[l]}>{t(`common:org.locality.${l as OrgKey<'locality'>}`)}</Tag>,
    },
    { title: t('school.stage'), dataIndex: 'stage', render: (s: string) => t(`common:org.stage.${s as OrgKey<'stage'>}`) },
    { title: t('school.district'), dataIndex: 'district', render: (d: string) => d || '—' },
    {
      title: t('common:common.actions'),
      key: 'actions',
      render: (_, s) =>
        canEdit(s) ? (
          <Button size="small" type="link" onClick={() => setEditing(s)}>
            {t('common:common.edit')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.schools')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('school.create')}
            </Button>
          )
        }
      />
      <Card>
        {schools.error && <Alert type="error" showIcon title={errorMessage(schools.error)} />}
        <Table<SchoolView>
          rowKey="id"
          columns={columns}
          dataSource={schools.data ?? []}
          loading={schools.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Modal
        open={!!editing}
        footer={null}
        destroyOnHidden
        title={editing === 'new' ? t('school.create') : t('school.editOf', { name: editing?.name ?? '' })}
        onCancel={() => setEditing(null)}
      >
        {editing && (
          <SchoolForm
            school={editing === 'new' ? undefined : editing}
            onDone={(s) => {
              message.success(t('school.saved', { name: s.name }));
              setEditing(null);
              refreshSchools();
            }}
          />
        )}
      </Modal>
    </>
  );
}
