import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAccess } from '../../app/access';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { useCampaigns, useCreateCampaign, useSchools } from './queries';

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
