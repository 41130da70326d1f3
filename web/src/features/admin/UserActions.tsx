import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import { applyServerErrors } from '../../components/serverErrors';
import { useLinkGuardian, useParentSearch, useResetPassword, useUpdateUser, type UserView } from './queries';
import { passwordRule } from './validation';

/** An admin sets a new password for an account; the user must change it at next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resetPassword = useResetPassword();
  const submit = async (v: { newPassword: string }) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      await resetPassword.mutateAsync({ id: user.id, newPassword: v.newPassword });
      message.success(t('user.passwordReset', { name: user.displayName }));
      form.resetFields();
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['newPassword']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!user}
      title={t('user.resetPasswordOf', { name: user?.displayName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('user.resetPassword')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="newPassword"
          label={t('common:account.next')}
          extra={t('user.resetHint')}
          rules={[{ required: true, message: t('common:account.required') }, passwordRule(t('common:account.weak'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Links a parent account to a student (a student under 14 needs one before using more than public lectures). */
export function LinkParentModal({
  student,
  onClose,
  onLinked,
}: {
  student: UserView | null;
  onClose: () => void;
  onLinked: () => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string; relation: 'father' | 'mother' | 'guardian' }>();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parents = useParentSearch(search, !!student);
  const linkGuardian = useLinkGuardian();
  const submit = async (v: { parentId: string; relation: 'father' | 'mother' | 'guardian' }) => {
    if (!student) return;
    setBusy(true);
    setError(null);
    try {
      await linkGuardian.mutateAsync({ studentId: student.id, body: v });
      message.success(t('user.linked', { name: student.displayName }));
      form.resetFields();
      onLinked();
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['parentId', 'relation']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!student}
      title={t('user.linkParentOf', { name: student?.displayName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('user.link')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ relation: 'guardian' }}>
        <Form.Item
          name="parentId"
          label={t('user.parent')}
          extra={t('user.parentHint')}
          rules={[{ required: true, message: t('common:account.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={parents.isFetching}
            notFoundContent={parents.isFetching ? null : t('user.noParents')}
            options={(parents.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.displayName}（${p.username}${p.phone ? ` · ${p.phone}` : ''}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="relation" label={t('user.relation')}>
          <Select options={(['father', 'mother', 'guardian'] as const).map((r) => ({ value: r, label: t(`relation.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DisableButton({ user, onChanged }: { user: UserView; onChanged: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const { message, modal } = App.useApp();
  const disabling = user.status === 'active';
  const update = useUpdateUser();
  const run = async () => {
    try {
      await update.mutateAsync({ id: user.id, body: { status: disabling ? 'disabled' : 'active' } });
      message.success(disabling ? t('user.disabled', { name: user.displayName }) : t('user.enabled', { name: user.displayName }));
      onChanged();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Button
      size="small"
      type="link"
      danger={disabling}
      onClick={() =>
        disabling
          ? modal.confirm({
              title: t('user.disableConfirm', { name: user.displayName }),
              content: t('user.disableHint'),
              okButtonProps: { danger: true },
              onOk: run,
            })
          : void run()
      }
    >
      {disabling ? t('user.disable') : t('user.enable')}
    </Button>
  );
}
