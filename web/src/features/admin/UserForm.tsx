import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import { useAccess } from '../../app/access';
import { useMe, type Role } from '../../app/auth';
import { applyServerErrors } from '../../components/serverErrors';
import {
  MANAGEABLE,
  TEACHER_TITLES,
  useCreateUser,
  useGroups,
  useSchools,
  useUpdateUser,
  type TeacherTitle,
  type UserView,
} from './queries';
import { PHONE, USERNAME, passwordRule } from './validation';

interface Values {
  role: Role;
  username: string;
  displayName: string;
  password: string;
  schoolId?: string;
  groupId?: string;
  phone?: string;
  titles?: TeacherTitle[];
  grade?: number;
  birthDate?: Dayjs;
}

const FIELDS = ['role', 'username', 'displayName', 'password', 'schoolId', 'groupId', 'phone', 'titles', 'grade', 'birthDate'];
const SCHOOL_ROLES: Role[] = ['school_admin', 'teacher', 'student'];

/** Creates an account (fields follow the chosen role) or edits one; shows the server's field errors. */
export function UserForm({ user, onDone, onCancel }: { user?: UserView; onDone: (u: UserView) => void; onCancel?: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = !!user;
  const access = useAccess();
  const roles = MANAGEABLE[me.role];
  const role = (Form.useWatch('role', form) ?? user?.role) as Role | undefined;
  const schools = useSchools(access.canActForManySchools && !editing);
  const groups = useGroups(access.canActForManySchools && !editing && role === 'group_admin');
  const needsSchool = !!role && SCHOOL_ROLES.includes(role);
  const schoolField = !!role && (needsSchool || role === 'parent');
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = editing
        ? await updateUser.mutateAsync({
            id: user.id,
            body: {
              displayName: v.displayName,
              phone: v.phone || undefined,
              titles: user.role === 'teacher' ? (v.titles ?? []) : undefined,
              grade: user.role === 'student' ? v.grade : undefined,
            },
          })
        : await createUser.mutateAsync({
            role: v.role,
            username: v.username.trim(),
            displayName: v.displayName,
            password: v.password,
            schoolId: schoolField ? (access.canActForManySchools ? v.schoolId : (me.schoolId ?? undefined)) : undefined,
            groupId: v.role === 'group_admin' ? v.groupId : undefined,
            phone: v.phone || undefined,
            titles: v.role === 'teacher' && v.titles?.length ? v.titles : undefined,
            grade: v.role === 'student' ? v.grade : undefined,
            birthDate: v.role === 'student' && v.birthDate ? v.birthDate.format('YYYY-MM-DD') : undefined,
          });
      onDone(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const required = (label: string) => ({ required: true, message: t('form.required', { label }) });

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={
        user
          ? { displayName: user.displayName, titles: user.titles as TeacherTitle[], grade: user.grade ?? undefined }
          : { role: roles.includes('student') ? 'student' : roles[0] }
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!editing && (
        <>
          <Form.Item name="role" label={t('user.role')} rules={[required(t('user.role'))]}>
            <Select options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('user.username')}
            extra={t('user.usernameHint')}
            rules={[required(t('user.username')), { pattern: USERNAME, message: t('user.usernameInvalid') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="displayName"
        label={t('user.displayName')}
        rules={[required(t('user.displayName')), { max: 50, message: t('form.max', { n: 50 }) }]}
      >
        <Input />
      </Form.Item>
      {!editing && (
        <Form.Item
          name="password"
          label={t('user.initialPassword')}
          extra={t('user.passwordHint')}
          rules={[required(t('user.initialPassword')), passwordRule(t('common:account.weak'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      {!editing && schoolField && access.canActForManySchools && (
        <Form.Item name="schoolId" label={t('user.school')} rules={needsSchool ? [required(t('user.school'))] : []}>
          <Select
            allowClear={!needsSchool}
            loading={schools.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      )}
      {!editing && role === 'group_admin' && (
        <Form.Item name="groupId" label={t('user.group')} rules={[required(t('user.group'))]}>
          <Select loading={groups.isLoading} options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
      )}
      <Form.Item
        name="phone"
        label={t('user.phone')}
        extra={editing && user.phone ? t('user.phoneKeep', { phone: user.phone }) : undefined}
        rules={[{ pattern: PHONE, message: t('user.phoneInvalid') }]}
      >
        <Input inputMode="numeric" maxLength={11} />
      </Form.Item>
      {role === 'teacher' && (
        <Form.Item name="titles" label={t('user.titles')}>
          <Select mode="multiple" options={TEACHER_TITLES.map((x) => ({ value: x, label: t(`common:titles.${x}`) }))} />
        </Form.Item>
      )}
      {role === 'student' && (
        <Space wrap size="large" align="start">
          <Form.Item name="grade" label={t('user.grade')} rules={[required(t('user.grade'))]}>
            <InputNumber min={1} max={12} precision={0} style={{ width: 120 }} />
          </Form.Item>
          {!editing && (
            <Form.Item name="birthDate" label={t('user.birthDate')} extra={t('user.birthDateHint')}>
              <DatePicker />
            </Form.Item>
          )}
        </Space>
      )}
      <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
        {onCancel && <Button onClick={onCancel}>{t('common:common.cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={busy}>
          {editing ? t('common:common.save') : t('user.create')}
        </Button>
      </Space>
    </Form>
  );
}
