import { Button, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastedAction } from '../../components/useToastedAction';
import { useCopies, useSaveBatch, type S } from './queries';

export function BatchEditor({ campaign, schoolId }: { campaign: S['CampaignView']; schoolId: string }) {
  const { t } = useTranslation(['bookdrift', 'common']);
  const runAction = useToastedAction();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const copies = useCopies(schoolId, { shared: true, onShelf: true }, open);
  const saveBatch = useSaveBatch(campaign.id, schoolId);
  async function save() {
    await runAction(async () => {
      await saveBatch.mutateAsync(picked);
      setOpen(false);
    }, t('saved'));
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
