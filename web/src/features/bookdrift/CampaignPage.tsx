import { Alert, Button, Card, List, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useToastedAction } from '../../components/useToastedAction';
import { useAccess } from '../../app/access';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/serverErrors';
import { useCampaign, usePlanRound, useSaveSchedule, type S } from './queries';
import { CampaignMembership } from './CampaignMembership';
import { SHIPMENT_COLOR } from './ShipmentsPage';
import { BatchEditor } from './BatchEditor';
import { Dashboard } from './CampaignDashboard';

export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['bookdrift', 'common']);
  const me = useMe();
  const access = useAccess();
  const runAction = useToastedAction();
  const c = useCampaign(id);
  const saveScheduleMutation = useSaveSchedule(id);
  const planRound = usePlanRound(id);
  const [edits, setEdits] = useState<Record<string, string>>({});
  if (c.error) return <Alert type="error" showIcon message={errorMessage(c.error)} />;
  const v = c.data;
  if (!v) return <Card loading />;
  const names = new Map(v.schools.map((s) => [s.schoolId, s.name]));
  const rounds = Array.from({ length: v.rounds }, (_, i) => i + 1);
  const shippedRounds = new Set(v.shipments.filter((s) => s.state !== 'cancelled').map((s) => s.round));
  const nextRound = rounds.find((r) => !shippedRounds.has(r)) ?? (shippedRounds.has(v.rounds + 1) ? null : v.rounds + 1);

  const canAdjust = access.canPlanCampaigns;
  const lastShipped = Math.max(0, ...v.shipments.filter((s) => s.state !== 'cancelled' && !s.isReturn).map((s) => s.round));
  const cellKey = (round: number, batch: string) => `${round}|${batch}`;

  /** Saves the admin's changes to rounds not shipped yet; the server checks the round-robin rules. */
  async function saveSchedule() {
    await runAction(async () => {
      const legs = v!.legs
        .filter((l) => l.round > lastShipped)
        .map((l) => ({
          round: l.round,
          batchSchoolId: l.batchSchoolId,
          toSchoolId: edits[cellKey(l.round, l.batchSchoolId)] ?? l.toSchoolId,
        }));
      await saveScheduleMutation.mutateAsync(legs);
      setEdits({});
    }, t('saved'));
  }

  async function plan(round: number) {
    await runAction(async () => {
      await planRound.mutateAsync(round);
    }, t('saved'));
  }

  return (
    <div>
      <PageHeader
        title={v.name}
        subtitle={`${v.startDate} · ${v.rounds} × ${v.roundWeeks} 周`}
        extra={
          <Space wrap>
            {me.schoolId && names.has(me.schoolId) && access.canManageLibrary && (
              <BatchEditor campaign={v} schoolId={me.schoolId} />
            )}
            {access.canPlanCampaigns && nextRound && (
              <Button type="primary" onClick={() => void plan(nextRound)}>
                {nextRound > v.rounds ? t('planReturn') : t('planRound', { n: nextRound })}
              </Button>
            )}
          </Space>
        }
      />
      <Card
        title={t('schedule')}
        extra={
          Object.keys(edits).length > 0 && (
            <Space>
              <Button onClick={() => setEdits({})}>{t('resetSchedule')}</Button>
              <Button type="primary" onClick={() => void saveSchedule()}>
                {t('saveSchedule')}
              </Button>
            </Space>
          )
        }
      >
        <Table
          size="small"
          rowKey="schoolId"
          pagination={false}
          scroll={{ x: true }}
          dataSource={v.schools}
          data-testid="schedule-grid"
          columns={[
            {
              title: t('batch'),
              dataIndex: 'name',
              fixed: 'left',
              render: (n: string, s) => (
                <span>
                  {n} <Tag>{s.batchCopies}</Tag>
                </span>
              ),
            },
            ...rounds.map((r) => ({
              title: t('round', { n: r }),
              key: `r${r}`,
              render: (_: unknown, s: S['CampaignSchoolView']) => {
                const leg = v.legs.find((l) => l.round === r && l.batchSchoolId === s.schoolId);
                if (!leg) return '—';
                if (!canAdjust || r <= lastShipped) return names.get(leg.toSchoolId);
                return (
                  <Select
                    size="small"
                    variant="borderless"
                    style={{ minWidth: 140 }}
                    value={edits[cellKey(r, s.schoolId)] ?? leg.toSchoolId}
                    options={v.schools
                      .filter((x) => x.schoolId !== s.schoolId)
                      .map((x) => ({ value: x.schoolId, label: x.name }))}
                    onChange={(to: string) => setEdits((e) => ({ ...e, [cellKey(r, s.schoolId)]: to }))}
                  />
                );
              },
            })),
          ]}
        />
      </Card>
      <CampaignMembership campaign={v} />
      <Card title={t('shipments')} style={{ marginTop: 16 }}>
        <List
          size="small"
          dataSource={v.shipments}
          locale={{ emptyText: t('empty') }}
          renderItem={(s) => (
            <List.Item>
              <Space wrap>
                <Tag>{s.isReturn ? t('returnTrip') : t('round', { n: s.round })}</Tag>
                <span>
                  {s.fromSchoolName} → {s.toSchoolName}
                </span>
                <Tag color={SHIPMENT_COLOR[s.state]}>{t(`shipmentStates.${s.state}`)}</Tag>
                <span>
                  {s.received}/{s.expected}
                  {s.missing > 0 && ` · ${t('missing')} ${s.missing}`}
                </span>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Dashboard id={id} />
    </div>
  );
}
