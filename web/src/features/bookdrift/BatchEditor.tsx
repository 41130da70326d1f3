import { App, Button, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/serverErrors';
import { useCopies, useSaveBatch, type S } from './queries';

export function BatchEditor({ campaign, schoolId }: { campaign: S['CampaignView']; schoolId: string }) {
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
