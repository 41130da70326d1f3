import { Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { shortDate, teachingWeeks } from './queries';
import './strings';

export function WeekTable({ week1Monday, weeks }: { week1Monday: string; weeks: number }) {
  const { t, i18n } = useTranslation(['lectures', 'common']);
  const rows = teachingWeeks(week1Monday, weeks);
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="week"
      dataSource={rows}
      data-testid="week-table"
      rowClassName={(r) => (r.current ? 'lecture-week-current' : '')}
      columns={[
        { title: t('calendar.weekCol'), dataIndex: 'week', width: 96, render: (n: number) => t('week', { n }) },
        {
          title: t('calendar.datesCol'),
          key: 'dates',
          render: (_: unknown, r) => (
            <Space size={6} wrap>
              <span>
                {shortDate(r.start, i18n.language)} – {shortDate(r.end, i18n.language)}
              </span>
              {r.current && <Tag color="red">{t('calendar.thisWeek')}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}
