import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastedAction } from '../../components/useToastedAction';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/serverErrors';
import {
  download,
  formatCode,
  useCopies,
  useImportCatalogue,
  useLabelsPdf,
  useSchools,
  useShareCopies,
  type CopyView,
  type S,
} from './queries';
import type { zh } from './strings';

const STATE_COLOR: Record<string, string> = {
  on_shelf: 'green',
  drifting: 'blue',
  missing: 'orange',
  lost: 'red',
  damaged: 'volcano',
  withdrawn: 'default',
};

/** Picks the school to act for: a school admin's own, or one chosen by a group admin. */
export function useActingSchool(): [string | null, (id: string) => void, { value: string; label: string }[]] {
  const me = useMe();
  const schools = useSchools();
  const [chosen, setChosen] = useState<string | null>(null);
  const options = (schools.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  return [me.schoolId ?? chosen ?? options[0]?.value ?? null, setChosen, me.schoolId ? [] : options];
}

export function CataloguePage() {
  const { t } = useTranslation(['bookdrift', 'common']);
  const runAction = useToastedAction();
  const [schoolId, setSchool, options] = useActingSchool();
  const [q, setQ] = useState('');
  const [sharedOnly, setSharedOnly] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [report, setReport] = useState<S['ImportReportView'] | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const copies = useCopies(schoolId, { q, shared: sharedOnly });
  const importCatalogue = useImportCatalogue();
  const shareCopies = useShareCopies();
  const labelsPdf = useLabelsPdf();

  async function upload(file: File) {
    setImportError(null);
    setReport(null);
    setBusy(true);
    try {
      setReport(await importCatalogue.mutateAsync({ schoolId: schoolId!, file }));
    } catch (err) {
      setImportError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function share(shared: boolean) {
    await runAction(async () => {
      await shareCopies.mutateAsync({ copyIds: selected, shared });
    }, t('saved'));
  }

  async function labels() {
    await runAction(async () => {
      download(await labelsPdf.mutateAsync(selected), 'drift-labels.pdf');
    });
  }

  return (
    <div>
      <PageHeader
        title={t('catalogue')}
        extra={
          options.length > 0 && (
            <Select style={{ minWidth: 200 }} value={schoolId ?? undefined} options={options} onChange={setSchool} />
          )
        }
      />
      <Card title={t('importTitle')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
        <Upload
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} disabled={!schoolId}>
            {t('chooseFile')}
          </Button>
        </Upload>
        {importError && (
          <Alert style={{ marginTop: 12 }} type="error" showIcon message={importError} data-testid="import-error" />
        )}
        {report && (
          <>
            <Alert
              style={{ marginTop: 12 }}
              type="success"
              showIcon
              message={t('importDone', {
                rows: report.rows,
                titles: report.titlesCreated,
                copies: report.copiesCreated,
              })}
            />
            <Table
              size="small"
              style={{ marginTop: 12 }}
              rowKey="row"
              dataSource={report.report}
              pagination={{ pageSize: 10 }}
              scroll={{ x: true }}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 60 },
                { title: 'ISBN', dataIndex: 'isbn' },
                { title: t('title'), dataIndex: 'title' },
                {
                  title: t('outcome'),
                  dataIndex: 'outcome',
                  render: (o: string) => (
                    <Tag color={o === 'merged' ? 'gold' : 'green'}>{t(`${o === 'merged' ? 'merged' : 'newTitle'}`)}</Tag>
                  ),
                },
                { title: t('copies'), dataIndex: 'copies', width: 70 },
              ]}
            />
          </>
        )}
      </Card>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('search')} onSearch={setQ} style={{ maxWidth: 320 }} />
          <Checkbox checked={sharedOnly} onChange={(e) => setSharedOnly(e.target.checked)}>
            {t('onlyShared')}
          </Checkbox>
          <Typography.Text type="secondary">{t('selected', { n: selected.length })}</Typography.Text>
          <Button disabled={!selected.length} type="primary" onClick={() => void share(true)}>
            {t('share')}
          </Button>
          <Button disabled={!selected.length} onClick={() => void share(false)}>
            {t('unshare')}
          </Button>
          <Button disabled={!selected.length} onClick={() => void labels()}>
            {t('printLabels')}
          </Button>
        </Space>
        <Table<CopyView>
          size="small"
          rowKey="id"
          loading={copies.isLoading}
          dataSource={copies.data?.items ?? []}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          pagination={{ pageSize: 20 }}
          scroll={{ x: true }}
          columns={[
            { title: t('title'), dataIndex: 'title' },
            { title: t('author'), dataIndex: 'author', responsive: ['md'] },
            { title: 'ISBN', dataIndex: 'isbn', responsive: ['lg'] },
            { title: t('shelf'), dataIndex: 'shelf', responsive: ['md'] },
            {
              title: t('state'),
              dataIndex: 'state',
              render: (s: string) => <Tag color={STATE_COLOR[s]}>{t(`states.${s as keyof typeof zh.states}`)}</Tag>,
            },
            {
              title: t('driftCode'),
              dataIndex: 'driftCode',
              render: (c: string | null) => (c ? <Typography.Text code>{formatCode(c)}</Typography.Text> : '—'),
            },
          ]}
        />
      </Card>
    </div>
  );
}
