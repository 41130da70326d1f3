import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Result, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import './strings';
import type { ImportRowError, ImportView } from './queries';

const FIELD_KEYS = ['username', 'displayName', 'role', 'grade', 'birthDate', 'phone', 'password'] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

/** Where an import stands: a progress bar while it runs, then the row errors or what was created. */
export function ImportReport({ imp }: { imp: ImportView }) {
  const { t } = useTranslation(['admin', 'common']);
  const fieldLabel = (f: string) => ((FIELD_KEYS as readonly string[]).includes(f) ? t(`import.column.${f as FieldKey}`) : f);

  if (imp.status === 'queued' || imp.status === 'running') {
    const percent = imp.total ? Math.floor((imp.processed / imp.total) * 100) : 0;
    return (
      <div aria-live="polite">
        <Typography.Text>
          {imp.status === 'queued' ? t('import.queued') : t('import.running', { processed: imp.processed, total: imp.total })}
        </Typography.Text>
        <Progress percent={percent} status="active" aria-label={t('import.progress')} />
      </div>
    );
  }

  if (imp.status === 'done') {
    return (
      <Result
        status="success"
        title={t('import.done', { count: imp.createdCount })}
        subTitle={imp.credentialsUrl ? t('import.credentialsHint') : t('import.passwordsFromFile')}
        extra={
          imp.credentialsUrl ? (
            <Button type="primary" icon={<DownloadOutlined />} href={imp.credentialsUrl} download>
              {t('import.downloadCredentials')}
            </Button>
          ) : null
        }
      />
    );
  }

  // the import failed as a whole (its job gave up), not on a row
  if (imp.failureReason) return <Alert type="error" showIcon title={imp.failureReason} />;

  const errors = (imp.errors ?? []).map((e, i) => ({ ...e, key: `${e.row}-${e.field}-${i}` }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="error"
        showIcon
        title={t('import.failed', { rows: new Set(errors.map((e) => e.row)).size, errors: errors.length })}
        description={t('import.nothingCreated')}
      />
      <Table<ImportRowError & { key: string }>
        size="small"
        rowKey="key"
        dataSource={errors}
        pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 150, render: (r: number) => t('import.rowN', { n: r }) },
          { title: t('import.field'), dataIndex: 'field', width: 120, render: fieldLabel },
          { title: t('import.problem'), dataIndex: 'message' },
        ]}
      />
    </Space>
  );
}
