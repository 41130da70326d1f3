import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import type { OrgKey } from '../../app/i18n';
import { useAccess } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors, errorMessage } from '../../components/serverErrors';
import {
  useAddGroupSchool,
  useCreateGroup,
  useGroups,
  useInvalidateGroups,
  useRemoveGroupSchool,
  useSchools,
  type GroupSchool,
  type GroupView,
} from './queries';
import { LOCALITY_COLOR } from './SchoolsPage';

const KINDS = ['tight', 'alliance', 'urban_rural'] as const;

function AddMemberForm({ group, onDone }: { group: GroupView; onDone: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const schools = useSchools();
  const [form] = Form.useForm<{ schoolId: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addSchool = useAddGroupSchool();
  const inGroup = new Set(group.schools.map((s) => s.id));
  const candidates = (schools.data ?? []).filter((s) => !inGroup.has(s.id));
  const submit = async (v: { schoolId: string }) => {
    setBusy(true);
    setError(null);
    try {
      await addSchool.mutateAsync({ groupId: group.id, schoolId: v.schoolId });
      form.resetFields();
      onDone();
    } catch (err) {
      setError(applyServerErrors(form, err, ['schoolId']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} className="add-member-form">
      <Form.Item name="schoolId" rules={[{ required: true, message: t('group.pickSchool') }]} style={{ flex: 1, minWidth: 200 }}>
        <Select
          aria-label={t('group.addMember')}
          placeholder={candidates.length ? t('group.pickSchool') : t('group.noCandidates')}
          disabled={!candidates.length}
          showSearch={{ optionFilterProp: 'label' }}
          options={candidates.map((s) => ({ value: s.id, label: `${s.name}（${t(`common:org.locality.${s.locality}`)}）` }))}
        />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={busy} disabled={!candidates.length}>
          {t('group.addMember')}
        </Button>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ width: '100%', marginTop: 8 }} />}
    </Form>
  );
}

function CreateGroupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const schools = useSchools();
  const [form] = Form.useForm<{ name: string; kind: (typeof KINDS)[number]; region?: string; coreSchoolId: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const createGroup = useCreateGroup();
  const required = (label: string) => ({ required: true, message: t('form.required', { label }) });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ kind: 'urban_rural' }}
      onFinish={async (v) => {
        setBusy(true);
        setError(null);
        try {
          await createGroup.mutateAsync({ ...v, region: v.region || undefined });
          onDone();
        } catch (err) {
          setError(applyServerErrors(form, err, ['name', 'kind', 'region', 'coreSchoolId']));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="name"
        label={t('group.name')}
        rules={[required(t('group.name')), { min: 2, max: 100, message: t('form.between', { min: 2, max: 100 }) }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('group.kind')} rules={[required(t('group.kind'))]}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`common:org.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="region" label={t('group.region')} rules={[{ max: 100, message: t('form.max', { n: 100 }) }]}>
        <Input />
      </Form.Item>
      <Form.Item name="coreSchoolId" label={t('group.core')} rules={[required(t('group.core'))]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={schools.isLoading}
          options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('group.create')}
      </Button>
    </Form>
  );
}

/** Education groups: core and member schools, with their locality; the platform admin adds members, group admins take them out. */
export function GroupsPage() {
  const { t } = useTranslation(['admin', 'common']);
  const { message, modal } = App.useApp();
  const groups = useGroups();
  const removeSchool = useRemoveGroupSchool();
  const [creating, setCreating] = useState(false);
  const access = useAccess();
  const canManage = access.canAdministerGroups;
  const refresh = useInvalidateGroups();

  const remove = (g: GroupView, s: GroupSchool) =>
    modal.confirm({
      title: t('group.removeConfirm', { school: s.name, group: g.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await removeSchool.mutateAsync({ groupId: g.id, schoolId: s.id });
          message.success(t('group.removed', { school: s.name }));
          refresh();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  return (
    <>
      <PageHeader
        title={t('nav.groups')}
        extra={
          access.canCreateGroups && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('group.create')}
            </Button>
          )
        }
      />
      {groups.error && <Alert type="error" showIcon title={errorMessage(groups.error)} />}
      {groups.data && !groups.data.length && (
        <Card>
          <Empty description={t('common:home.noGroup')} />
        </Card>
      )}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {(groups.data ?? []).map((g) => (
          <Card
            key={g.id}
            loading={groups.isLoading}
            title={
              <Space wrap>
                <span>{g.name}</span>
                <Tag color="red">{t(`common:org.kind.${g.kind}`)}</Tag>
              </Space>
            }
            extra={g.region && <Typography.Text type="secondary">{g.region}</Typography.Text>}
          >
            <Table<GroupSchool>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={g.schools}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('school.name'), dataIndex: 'name' },
                {
                  title: t('group.membership'),
                  dataIndex: 'role',
                  render: (r: string) => (
                    <Tag color={r === 'core' ? 'red' : 'default'}>{t(`common:org.role.${r as OrgKey<'role'>}`)}</Tag>
                  ),
                },
                {
                  title: t('school.locality'),
                  dataIndex: 'locality',
                  render: (l: string) => (
                    <Tag color={LOCALITY_COLOR[l]}>{t(`common:org.locality.${l as OrgKey<'locality'>}`)}</Tag>
                  ),
                },
                {
                  title: t('school.stage'),
                  dataIndex: 'stage',
                  render: (s: string) => t(`common:org.stage.${s as OrgKey<'stage'>}`),
                },
                { title: t('school.district'), dataIndex: 'district', render: (d: string) => d || '—' },
                ...(canManage
                  ? [
                      {
                        title: t('common:common.actions'),
                        key: 'actions',
                        render: (_: unknown, s: GroupSchool) =>
                          s.role === 'member' ? (
                            <Button size="small" type="link" danger onClick={() => remove(g, s)}>
                              {t('group.remove')}
                            </Button>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
            {access.canAttachSchools && (
              <div style={{ marginTop: 16 }}>
                <AddMemberForm
                  group={g}
                  onDone={() => {
                    message.success(t('group.added'));
                    refresh();
                  }}
                />
              </div>
            )}
          </Card>
        ))}
      </Space>
      <Modal open={creating} footer={null} destroyOnHidden title={t('group.create')} onCancel={() => setCreating(false)}>
        <CreateGroupForm
          onDone={() => {
            setCreating(false);
            refresh();
          }}
        />
      </Modal>
    </>
  );
}
