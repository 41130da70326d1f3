import { ApartmentOutlined, BankOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Skeleton, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import './strings';
import { useNavigate } from 'react-router';
import { useAccess } from '../../app/access';
import { type Role } from '../../app/auth';
import { COUNT_CAP, useGroups, useSchools, useUserCount } from './queries';

function UserCount({ role, label }: { role: Role; label: string }) {
  const { t } = useTranslation(['admin', 'common']);
  const navigate = useNavigate();
  const count = useUserCount({ role });
  return (
    <Card size="small" hoverable onClick={() => navigate(`/admin/users?role=${role}`)} className="stat-card">
      {count.isLoading ? (
        <Skeleton active paragraph={false} />
      ) : (
        <Statistic
          title={label}
          value={count.data ? (count.data.more ? t('common:home.capped', { n: COUNT_CAP }) : count.data.count) : '—'}
        />
      )}
    </Card>
  );
}

function ListCount({ label, value, loading, to }: { label: string; value?: number; loading: boolean; to: string }) {
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable onClick={() => navigate(to)} className="stat-card">
      {loading ? <Skeleton active paragraph={false} /> : <Statistic title={label} value={value ?? '—'} />}
    </Card>
  );
}

/** Admins' home card: real counts from the lists they administer, and the way to their admin pages. */
export function AdminOverview() {
  const { t } = useTranslation(['admin', 'common']);
  const navigate = useNavigate();
  const access = useAccess();
  const wide = access.canActForManySchools;
  const schools = useSchools(wide);
  const groups = useGroups(access.canCreateGroups);
  const cols = { xs: 12, sm: 8, lg: 6 } as const;
  return (
    <Card title={t('common:home.overview')}>
      <Row gutter={[12, 12]}>
        {access.canCreateGroups && (
          <Col {...cols}>
            <ListCount
              label={t('common:home.groups')}
              value={groups.data?.length}
              loading={groups.isLoading}
              to="/admin/groups"
            />
          </Col>
        )}
        {wide && (
          <Col {...cols}>
            <ListCount
              label={t('common:home.schools')}
              value={schools.data?.length}
              loading={schools.isLoading}
              to="/admin/schools"
            />
          </Col>
        )}
        <Col {...cols}>
          <UserCount role="teacher" label={t('common:home.teachers')} />
        </Col>
        <Col {...cols}>
          <UserCount role="student" label={t('common:home.students')} />
        </Col>
        {!wide && (
          <Col {...cols}>
            <UserCount role="parent" label={t('common:home.parents')} />
          </Col>
        )}
      </Row>
      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" icon={<TeamOutlined />} onClick={() => navigate('/admin/users')}>
          {t('nav.users')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => navigate('/admin/imports')}>
          {t('nav.import')}
        </Button>
        <Button icon={<BankOutlined />} onClick={() => navigate('/admin/schools')}>
          {t('nav.schools')}
        </Button>
        {wide && (
          <Button icon={<ApartmentOutlined />} onClick={() => navigate('/admin/groups')}>
            {t('nav.groups')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
