import { Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCampaignDashboard, type S } from './queries';

export function Dashboard({ id }: { id: string }) {
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
