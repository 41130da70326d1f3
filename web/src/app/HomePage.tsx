import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ItemList } from '../components/ItemList';
import { useGroups, useMyChildren } from '../components/org/queries';
import { errorMessage } from '../components/serverErrors';
import { useAccess } from './access';
import { useMe, type Me, type Role } from './auth';
import type { HomeCard } from './feature';
import type { CommonKey } from './i18n';
import { features } from './features';

const LOCALITY_COLOR: Record<string, string> = { urban: 'blue', township: 'cyan', rural: 'green' };

/** Feature cards for a role, in their declared order. */
export function homeCardsFor(role: Role, all: HomeCard[] = features.flatMap((f) => f.home ?? [])): HomeCard[] {
  return all
    .filter((c) => c.roles.includes(role))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.order ?? 100) - (b.c.order ?? 100) || a.i - b.i)
    .map(({ c }) => c);
}

function Welcome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card className="home-welcome">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.greeting', { name: me.displayName })}
      </Typography.Title>
      <Space wrap size={[8, 8]}>
        <Tag color="red">{t(`roles.${me.role}`)}</Tag>
        {me.titles.map((x) => (
          <Tag key={x} color="gold">
            {t(`titles.${x as CommonKey<'titles'>}`)}
          </Tag>
        ))}
        {me.schoolName && <Typography.Text>{me.schoolName}</Typography.Text>}
        {me.grade && <Typography.Text type="secondary">{t('common.grade', { grade: me.grade })}</Typography.Text>}
      </Space>
      {me.mustChangePassword && (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          title={t('home.mustChangePassword')}
          action={
            <Button size="small" type="primary" icon={<KeyOutlined />} onClick={() => navigate('/account/password')}>
              {t('home.changeNow')}
            </Button>
          }
        />
      )}
      {me.restricted && <Alert style={{ marginTop: 16 }} type="info" showIcon title={t('home.restricted')} />}
    </Card>
  );
}

function GroupsCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const groups = useGroups();
  return (
    <Card title={t('home.myGroups')}>
      {groups.isLoading && <Skeleton active />}
      {groups.error && <Alert type="error" showIcon title={t('common.loadFailed', { message: errorMessage(groups.error) })} />}
      {groups.data && !groups.data.length && <Empty description={t('home.noGroup')} />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {(groups.data ?? []).map((g) => (
          <div key={g.id}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>{g.name}</Typography.Text>
              <Tag>{t(`org.kind.${g.kind}`)}</Tag>
              <Typography.Text type="secondary">{t('home.groupSchools', { count: g.schools.length })}</Typography.Text>
            </Space>
            <ItemList
              bordered
              items={g.schools}
              rowKey={(s) => s.id}
              rowClassName={(s) => (s.id === me.schoolId ? 'own-school' : undefined)}
              render={(s) => (
                <div className="school-row">
                  <span className="school-name">{s.name}</span>
                  <Space wrap size={4}>
                    <Tag color={s.role === 'core' ? 'red' : 'default'}>{t(`org.role.${s.role}`)}</Tag>
                    <Tag color={LOCALITY_COLOR[s.locality]}>{t(`org.locality.${s.locality}`)}</Tag>
                    <Tag>{t(`org.stage.${s.stage}`)}</Tag>
                  </Space>
                </div>
              )}
            />
          </div>
        ))}
      </Space>
    </Card>
  );
}

function ChildrenCard() {
  const { t } = useTranslation();
  const children = useMyChildren();
  return (
    <Card title={t('home.children')}>
      {children.isLoading && <Skeleton active />}
      {children.error && (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: errorMessage(children.error) })} />
      )}
      {children.data && !children.data.length && <Empty description={t('home.noChildren')} />}
      {!!children.data?.length && (
        <ItemList
          items={children.data}
          rowKey={(c) => c.id}
          render={(c) => (
            <div>
              <div className="child-name">{c.displayName}</div>
              <Typography.Text type="secondary">
                {[c.schoolName ?? t('home.noSchool'), c.grade ? t('common.grade', { grade: c.grade }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          )}
        />
      )}
    </Card>
  );
}

/** A home page per role; each shows only what exists (feature areas add their cards via `Feature.home`). */
export function HomePage() {
  const me = useMe();
  const access = useAccess();
  const cards = homeCardsFor(me.role);
  return (
    <div className="home">
      <Welcome me={me} />
      {access.canSeeChildren && <ChildrenCard />}
      {cards.map((c) => (
        <div key={c.key}>{c.element}</div>
      ))}
      {access.canReadGroups && <GroupsCard me={me} />}
    </div>
  );
}
