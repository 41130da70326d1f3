import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAccess } from '../../app/access';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors, errorMessage } from '../../components/serverErrors';
import {
  useCampaign,
  useCampaignDashboard,
  useCampaigns,
  useCopies,
  useCreateCampaign,
  usePlanRound,
  useSaveBatch,
  useSaveSchedule,
  useSchools,
  type S,
} from './queries';
import { CampaignMembership } from './CampaignMembership';
import { SHIPMENT_COLOR } from './ShipmentsPage';

export function CampaignsPage() {
  const { t } = useTranslation(['bookdrift', 'common']);
  const access = useAccess();
  const navigate = useNavigate();
  const schools = useSchools();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const campaigns = useCampaigns();
  const createCampaign = useCreateCampaign();

  async function create(v: {
    name: string;
    schoolIds: string[];
    start: { format(f: string): string };
    roundWeeks: number;
    rounds: number;
  }) {
    setError(null);
    try {
      const c = await createCampaign.mutateAsync({
        name: v.name,
        schoolIds: v.schoolIds,
        startDate: v.start.format('YYYY-MM-DD'),
        roundWeeks: v.roundWeeks,
        rounds: v.rounds,
      });
      setOpen(false);
      navigate(`/bookdrift/campaigns/${c.id}`);
    } catch (err) {
      setError(applyServerErrors(form, err, ['name', 'schoolIds', 'roundWeeks', 'rounds']));
    }
  }

  return (
    <div>
      <PageHeader
        title={t('campaigns')}
        extra={
          access.canPlanCampaigns && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('newCampaign')}
            </Button>
          )
        }
      />
      <Card>
        {!campaigns.data?.length ? (
          <Empty description={t('empty')} />
        ) : (
          <List
            dataSource={campaigns.data}
            renderItem={(c) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/bookdrift/campaigns/${c.id}`}>{c.name}</Link>}
                  description={`${c.startDate} · ${c.rounds} × ${c.roundWeeks} 周 · ${c.schools.map((s) => s.name).join('、')}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Modal open={open} title={t('newCampaign')} onCancel={() => setOpen(false)} onOk={() => form.submit()}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ roundWeeks: 4, rounds: 2 }} onFinish={(v) => void create(v)}>
          <Form.Item name="name" label={t('campaignName')} rules={[{ required: true, min: 2, max: 100 }]}>
            <Input placeholder="2026 春季图书漂流" />
          </Form.Item>
          <Form.Item name="schoolIds" label={t('schools')} rules={[{ required: true }]}>
            <Select mode="multiple" options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="start" label={t('startDate')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Space>
            <Form.Item name="roundWeeks" label={t('roundWeeks')}>
              <InputNumber min={1} max={26} />
            </Form.Item>
            <Form.Item name="rounds" label={t('rounds')}>
              <InputNumber min={1} max={60} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}

function Dashboard({ id }: { id: string }) {
  const { t } = useTranslation(['bookdrift', 'common']);
  const d = useCampaignDashboard(id);
  if (!d.data) return null;
  const cols = (['booksDrifting', 'copiesReceived', 'copiesRead', 'notesWritten', 'lost', 'damaged'] as const).map((k) => ({
    title: t(k),
    dataIndex: k,
  }));
  const table = (title: string, rows: S['DashboardRowView'][]) => (
    <Card size="small" title={title} style={{ marginTop: 12 }}>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[{ title: '', dataIndex: 'label' }, ...cols]}
      />
    </Card>
  );
  return (
    <Card title={t('dashboard')} style={{ marginTop: 16 }}>
      <Row gutter={[12, 12]}>
        {(['booksDrifting', 'schoolsReached', 'copiesRead', 'notesWritten', 'lost', 'damaged'] as const).map((k) => (
          <Col xs={12} md={4} key={k}>
            <Statistic title={t(`${k}`)} value={d.data[k]} />
          </Col>
        ))}
      </Row>
      {table(t('perLocality'), d.data.perLocality)}
      {table(t('perSchool'), d.data.perSchool)}
      {table(t('perRound'), d.data.perRound)}
    </Card>
  );
}

function BatchEditor({ campaign, schoolId }: { campaign: S['CampaignView']; schoolId: string }) {
  const { t } = useTranslation(['bookdrift', 'common']);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const copies = useCopies(schoolId, { shared: true, onShelf: true }, open);
  const saveBatch = useSaveBatch(campaign.id, schoolId);
  async function save() {
    try {
      await saveBatch.mutateAsync(picked);
      setOpen(false);
      message.success(t('saved'));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('editBatch')}</Button>
      <Modal open={open} title={t('editBatch')} onCancel={() => setOpen(false)} onOk={() => void save()}>
        <Table
          size="small"
          rowKey="id"
          dataSource={copies.data?.items ?? []}
          rowSelection={{ selectedRowKeys: picked, onChange: (k) => setPicked(k as string[]) }}
          pagination={false}
          columns={[
            { title: t('title'), dataIndex: 'title' },
            { title: t('driftCode'), dataIndex: 'driftCode' },
          ]}
        />
      </Modal>
    </>
  );
}

export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['bookdrift', 'common']);
  const me = useMe();
  const access = useAccess();
  const { message } = App.useApp();
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
    try {
      const legs = v!.legs
        .filter((l) => l.round > lastShipped)
        .map((l) => ({
          round: l.round,
          batchSchoolId: l.batchSchoolId,
          toSchoolId: edits[cellKey(l.round, l.batchSchoolId)] ?? l.toSchoolId,
        }));
      await saveScheduleMutation.mutateAsync(legs);
      setEdits({});
      message.success(t('saved'));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function plan(round: number) {
    try {
      await planRound.mutateAsync(round);
      message.success(t('saved'));
    } catch (err) {
      message.error(errorMessage(err));
    }
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
