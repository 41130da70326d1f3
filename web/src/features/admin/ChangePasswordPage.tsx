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
  const { t } = useTranslation(['admin', 'common']);
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
      message.success(t('common:account.done'));
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
      <PageHeader title={t('common:account.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('common:account.hint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('common:account.current')}
            rules={[{ required: true, message: t('common:account.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('common:account.next')}
            rules={[{ required: true, message: t('common:account.required') }, passwordRule(t('common:account.weak'))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('common:account.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common:account.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('common:account.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('common:account.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
