import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors, errorMessage } from '../../components/serverErrors';
import { keys, useGroups, useSchools, type GroupView } from './queries';
import { LOCALITY_COLOR } from './SchoolsPage';

type GroupSchool = components['schemas']['GroupSchoolView'];
const KINDS = ['tight', 'alliance', 'urban_rural'] as const;

function AddMemberForm({ group, onDone }: { group: GroupView; onDone: () => void }) {
  const { t } = useTranslation();
  const schools = useSchools();
  const [form] = Form.useForm<{ schoolId: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inGroup = new Set(group.schools.map((s) => s.id));
  const candidates = (schools.data ?? []).filter((s) => !inGroup.has(s.id));
  const submit = async (v: { schoolId: string }) => {
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/groups/{id}/schools', { params: { path: { id: group.id } }, body: v }));
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
      <Form.Item
        name="schoolId"
        rules={[{ required: true, message: t('admin.group.pickSchool') }]}
        style={{ flex: 1, minWidth: 200 }}
      >
        <Select
          aria-label={t('admin.group.addMember')}
          placeholder={candidates.length ? t('admin.group.pickSchool') : t('admin.group.noCandidates')}
          disabled={!candidates.length}
          showSearch={{ optionFilterProp: 'label' }}
          options={candidates.map((s) => ({ value: s.id, label: `${s.name}（${t(`org.locality.${s.locality}`)}）` }))}
        />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={busy} disabled={!candidates.length}>
          {t('admin.group.addMember')}
        </Button>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ width: '100%', marginTop: 8 }} />}
    </Form>
  );
}

function CreateGroupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const schools = useSchools();
  const [form] = Form.useForm<{ name: string; kind: (typeof KINDS)[number]; region?: string; coreSchoolId: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const required = (label: string) => ({ required: true, message: t('admin.form.required', { label }) });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ kind: 'urban_rural' }}
      onFinish={async (v) => {
        setBusy(true);
        setError(null);
        try {
          await call(api.POST('/api/groups', { body: { ...v, region: v.region || undefined } }));
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
        label={t('admin.group.name')}
        rules={[required(t('admin.group.name')), { min: 2, max: 100, message: t('admin.form.between', { min: 2, max: 100 }) }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('admin.group.kind')} rules={[required(t('admin.group.kind'))]}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="region" label={t('admin.group.region')} rules={[{ max: 100, message: t('admin.form.max', { n: 100 }) }]}>
        <Input />
      </Form.Item>
      <Form.Item name="coreSchoolId" label={t('admin.group.core')} rules={[required(t('admin.group.core'))]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={schools.isLoading}
          options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('admin.group.create')}
      </Button>
    </Form>
  );
}

/** Education groups: core and member schools, with their locality; the platform admin adds members, group admins take them out. */
export function GroupsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const groups = useGroups();
  const [creating, setCreating] = useState(false);
  const canManage = me.role === 'platform_admin' || me.role === 'group_admin';
  const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.groups });

  const remove = (g: GroupView, s: GroupSchool) =>
    modal.confirm({
      title: t('admin.group.removeConfirm', { school: s.name, group: g.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(api.DELETE('/api/groups/{id}/schools/{schoolId}', { params: { path: { id: g.id, schoolId: s.id } } }));
          message.success(t('admin.group.removed', { school: s.name }));
          refresh();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  return (
    <>
      <PageHeader
        title={t('admin.nav.groups')}
        extra={
          me.role === 'platform_admin' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('admin.group.create')}
            </Button>
          )
        }
      />
      {groups.error && <Alert type="error" showIcon title={errorMessage(groups.error)} />}
      {groups.data && !groups.data.length && (
        <Card>
          <Empty description={t('home.noGroup')} />
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
                <Tag color="red">{t(`org.kind.${g.kind}`)}</Tag>
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
                { title: t('admin.school.name'), dataIndex: 'name' },
                {
                  title: t('admin.group.membership'),
                  dataIndex: 'role',
                  render: (r: string) => <Tag color={r === 'core' ? 'red' : 'default'}>{t(`org.role.${r}`)}</Tag>,
                },
                {
                  title: t('admin.school.locality'),
                  dataIndex: 'locality',
                  render: (l: string) => <Tag color={LOCALITY_COLOR[l]}>{t(`org.locality.${l}`)}</Tag>,
                },
                { title: t('admin.school.stage'), dataIndex: 'stage', render: (s: string) => t(`org.stage.${s}`) },
                { title: t('admin.school.district'), dataIndex: 'district', render: (d: string) => d || '—' },
                ...(canManage
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        render: (_: unknown, s: GroupSchool) =>
                          s.role === 'member' ? (
                            <Button size="small" type="link" danger onClick={() => remove(g, s)}>
                              {t('admin.group.remove')}
                            </Button>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
            {me.role === 'platform_admin' && (
              <div style={{ marginTop: 16 }}>
                <AddMemberForm
                  group={g}
                  onDone={() => {
                    message.success(t('admin.group.added'));
                    refresh();
                  }}
                />
              </div>
            )}
          </Card>
        ))}
      </Space>
      <Modal open={creating} footer={null} destroyOnHidden title={t('admin.group.create')} onCancel={() => setCreating(false)}>
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
