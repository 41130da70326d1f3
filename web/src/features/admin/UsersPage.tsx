import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Grid, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import { useNavigate, useSearchParams } from 'react-router';
import type { CommonKey } from '../../app/i18n';
import { useAccess } from '../../app/access';
import { useMe, type Role } from '../../app/auth';
import { ItemList } from '../../components/ItemList';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/serverErrors';
import { DisableButton, LinkParentModal, ResetPasswordModal } from './UserActions';
import { UserForm } from './UserForm';
import { MANAGEABLE, ROLES, useInvalidateUsers, useSchools, useUsers, type UserFilters, type UserView } from './queries';

/** Accounts in the admin's scope: keyset-paginated, filtered by school, role and name. */
export function UsersPage() {
  const { t } = useTranslation(['admin', 'common']);
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<UserFilters>(() => {
    const role = params.get('role') as Role | null;
    return role && ROLES.includes(role) ? { role } : {};
  });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [linking, setLinking] = useState<UserView | null>(null);
  const schools = useSchools();
  const users = useUsers(filters);
  const phone = Grid.useBreakpoint().sm === false;
  const schoolName = useMemo(() => new Map((schools.data ?? []).map((s) => [s.id, s.name])), [schools.data]);
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  const access = useAccess();
  const manageable = MANAGEABLE[me.role];
  const refresh = useInvalidateUsers();
  const visibleRoles = ROLES.filter((r) => access.canSeeAllAccounts || manageable.includes(r));

  const roleTags = (u: UserView) => (
    <Space wrap size={4}>
      <Tag>{t(`common:roles.${u.role}`)}</Tag>
      {u.titles.map((x) => (
        <Tag key={x} color="gold">
          {t(`common:titles.${x as CommonKey<'titles'>}`)}
        </Tag>
      ))}
    </Space>
  );
  const statusTags = (u: UserView) => (
    <Space wrap size={4}>
      {u.status === 'active' ? <Tag color="green">{t('user.active')}</Tag> : <Tag color="default">{t('user.inactive')}</Tag>}
      {u.needsGuardian && <Tag color="orange">{t('user.needsGuardian')}</Tag>}
    </Space>
  );
  const actions = (u: UserView) =>
    manageable.includes(u.role) && u.id !== me.id ? (
      <Space wrap size={0}>
        <Button size="small" type="link" onClick={() => setEditing(u)}>
          {t('common:common.edit')}
        </Button>
        <Button size="small" type="link" onClick={() => setResetting(u)}>
          {t('user.resetPassword')}
        </Button>
        {u.role === 'student' && (
          <Button size="small" type="link" onClick={() => setLinking(u)}>
            {t('user.linkParent')}
          </Button>
        )}
        <DisableButton user={u} onChanged={refresh} />
      </Space>
    ) : null;
  const schoolOf = (u: UserView) => (u.schoolId ? (schoolName.get(u.schoolId) ?? '—') : '—');

  const columns: ColumnsType<UserView> = [
    {
      title: t('user.displayName'),
      dataIndex: 'displayName',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <span>{u.displayName}</span>
          <span className="muted">{u.username}</span>
        </Space>
      ),
    },
    { title: t('user.role'), dataIndex: 'role', render: (_, u) => roleTags(u) },
    { title: t('user.school'), dataIndex: 'schoolId', render: (_, u) => schoolOf(u) },
    {
      title: t('user.grade'),
      dataIndex: 'grade',
      render: (_, u) => (u.grade ? t('common:common.grade', { grade: u.grade }) : '—'),
    },
    { title: t('user.phone'), dataIndex: 'phone', render: (_, u) => u.phone ?? '—' },
    { title: t('user.status'), dataIndex: 'status', render: (_, u) => statusTags(u) },
    { title: t('common:common.actions'), key: 'actions', render: (_, u) => actions(u) },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => navigate('/admin/imports')}>
              {t('nav.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('user.create')}
            </Button>
          </Space>
        }
      />
      <Card>
        <div className="filters">
          {access.canActForManySchools && (
            <Select
              allowClear
              placeholder={t('user.allSchools')}
              aria-label={t('user.school')}
              loading={schools.isLoading}
              value={filters.schoolId}
              onChange={(schoolId?: string) => setFilters((f) => ({ ...f, schoolId }))}
              options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              className="filter-school"
            />
          )}
          <Select
            allowClear
            placeholder={t('user.allRoles')}
            aria-label={t('user.role')}
            value={filters.role}
            onChange={(role?: Role) => setFilters((f) => ({ ...f, role }))}
            options={visibleRoles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
            className="filter-role"
          />
          <Input.Search
            allowClear
            placeholder={t('user.searchPlaceholder')}
            aria-label={t('common:common.search')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            className="filter-search"
            maxLength={50}
          />
        </div>
        {users.error && <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 12 }} />}
        {phone ? (
          <ItemList<UserView>
            className="user-cards"
            loading={users.isLoading}
            items={rows}
            rowKey={(u) => u.id}
            empty={t('user.empty')}
            render={(u) => (
              <div className="user-card">
                <div className="user-card-head">
                  <span className="user-card-name">{u.displayName}</span>
                  <span className="muted">{u.username}</span>
                </div>
                <Space wrap size={4}>
                  {roleTags(u)}
                  {statusTags(u)}
                </Space>
                <div className="muted">
                  {[schoolOf(u), u.grade ? t('common:common.grade', { grade: u.grade }) : null, u.phone]
                    .filter((x) => x && x !== '—')
                    .join(' · ')}
                </div>
                {actions(u)}
              </div>
            )}
          />
        ) : (
          <Table<UserView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={users.isLoading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('user.empty') }}
          />
        )}
        {users.hasNextPage && (
          <div className="load-more">
            <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
              {t('common:common.loadMore')}
            </Button>
          </div>
        )}
      </Card>
      <Modal open={creating} title={t('user.create')} footer={null} onCancel={() => setCreating(false)} destroyOnHidden>
        <UserForm
          onCancel={() => setCreating(false)}
          onDone={(u) => {
            message.success(t('user.created', { name: u.displayName, username: u.username }));
            setCreating(false);
            refresh();
          }}
        />
      </Modal>
      <Modal
        open={!!editing}
        title={t('user.editOf', { name: editing?.displayName ?? '' })}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing && (
          <UserForm
            user={editing}
            onCancel={() => setEditing(null)}
            onDone={() => {
              message.success(t('common:common.saved'));
              setEditing(null);
              refresh();
            }}
          />
        )}
      </Modal>
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <LinkParentModal student={linking} onClose={() => setLinking(null)} onLinked={refresh} />
    </>
  );
}
