import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { useChangeOwnPassword } from './queries';
import { passwordRule } from './validation';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Everyone changes their own password here (and must, after an initial or reset password). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { reload } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changePassword = useChangeOwnPassword();

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('account.done'));
      await reload();
      navigate('/');
    } catch (err) {
      setError(applyServerErrors(form, err, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow-page">
      <PageHeader title={t('account.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('account.hint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('account.current')}
            rules={[{ required: true, message: t('account.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.next')}
            rules={[{ required: true, message: t('account.required') }, passwordRule(t('account.weak'))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('account.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('account.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('account.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
