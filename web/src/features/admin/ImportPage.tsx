import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import { useAccess } from '../../app/access';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/serverErrors';
import { ImportReport } from './ImportReport';
import {
  useInvalidateSchoolImports,
  useSchoolImports,
  useSchools,
  useStartImport,
  useUserImport,
  type ImportView,
} from './queries';

const TEMPLATE =
  '\uFEFF用户名,姓名,角色,年级,出生日期,手机号,初始密码\nzhang.san,张三,学生,3,2017-09-01,,\nli.si,李四,家长,,,13800000000,\n';
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

function downloadTemplate() {
  const url = URL.createObjectURL(new Blob([TEMPLATE], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'mumian-users-template.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Bulk-creates accounts from a CSV: all rows or none; progress, then a row-by-row report. */
export function ImportPage({ pollMs = 1000 }: { pollMs?: number }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const me = useMe();
  const access = useAccess();
  const fixedSchool = access.canActForManySchools ? null : me.schoolId;
  const schools = useSchools(!fixedSchool);
  const [schoolId, setSchoolId] = useState<string | null>(fixedSchool);
  const [file, setFile] = useState<File | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const current = useUserImport(importId, pollMs);
  const history = useSchoolImports(schoolId);
  const startImport = useStartImport();
  const invalidateHistory = useInvalidateSchoolImports();
  const finished = current.data && ['done', 'failed'].includes(current.data.status);

  const start = async () => {
    if (!schoolId || !file) return;
    setBusy(true);
    setError(null);
    try {
      const started = await startImport.mutateAsync({ schoolId, file, language: i18n.language });
      setImportId(started.id);
      setFile(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (finished) invalidateHistory(schoolId);
  }, [finished, invalidateHistory, schoolId]);

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Typography.Paragraph>{t('import.columns')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('import.rules')}</Typography.Paragraph>
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate} style={{ marginBottom: 16 }}>
            {t('import.template')}
          </Button>
          {!fixedSchool && (
            <div style={{ marginBottom: 16 }}>
              <Select
                aria-label={t('user.school')}
                placeholder={t('import.pickSchool')}
                style={{ width: '100%', maxWidth: 360 }}
                loading={schools.isLoading}
                value={schoolId ?? undefined}
                onChange={(v: string) => setSchoolId(v)}
                showSearch={{ optionFilterProp: 'label' }}
                options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </div>
          )}
          <Upload.Dragger
            accept=".csv,text/csv"
            maxCount={1}
            fileList={file ? [{ uid: 'csv', name: file.name, status: 'done' }] : []}
            beforeUpload={(f) => {
              if (f.size > MAX_CSV_BYTES) setError(t('import.tooLarge'));
              else {
                setError(null);
                setFile(f);
              }
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
          </Upload.Dragger>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
          <Button
            type="primary"
            style={{ marginTop: 16 }}
            disabled={!file || !schoolId}
            loading={busy}
            onClick={() => void start()}
          >
            {t('import.start')}
          </Button>
        </Card>
        {importId && (
          <Card title={t('import.result')}>
            {current.data ? (
              <ImportReport imp={current.data} />
            ) : current.error ? (
              <Alert type="error" showIcon title={errorMessage(current.error)} />
            ) : null}
          </Card>
        )}
        {!!history.data?.length && (
          <Card title={t('import.history')}>
            <Table<ImportView>
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={history.data}
              columns={[
                {
                  title: t('import.when'),
                  dataIndex: 'createdAt',
                  render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm'),
                },
                {
                  title: t('user.status'),
                  dataIndex: 'status',
                  render: (s: ImportView['status']) => (
                    <Tag color={s === 'done' ? 'green' : s === 'failed' ? 'red' : 'blue'}>{t(`import.status.${s}`)}</Tag>
                  ),
                },
                { title: t('import.rows'), dataIndex: 'total' },
                { title: t('import.created'), dataIndex: 'createdCount' },
                {
                  title: t('common:common.actions'),
                  key: 'a',
                  render: (_, r) => (
                    <Button size="small" type="link" onClick={() => setImportId(r.id)}>
                      {t('import.view')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        )}
      </Space>
    </>
  );
}
