import { App as AntApp, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastedAction } from '../../components/useToastedAction';
import { ResumableUploader } from '../../components/upload';
import { useAddVersion, type ResourceDetail } from './queries';
import './strings';
import './styles.css';

export function NewVersion({ r, fileId }: { r: ResourceDetail; fileId: string }) {
  const { t } = useTranslation(['resources', 'common']);
  const { message } = AntApp.useApp();
  const runAction = useToastedAction();
  const addVersion = useAddVersion(r.id);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const save = async () => {
    await runAction(async () => {
      await addVersion.mutateAsync({ fileId, uploadId: uploadId!, changeNote: note });
      message.success(t('detail.versionAdded'));
      setUploadId(null);
      setNote('');
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ResumableUploader purpose="resource" onUploaded={(id) => setUploadId(id)} />
      <Input maxLength={500} placeholder={t('detail.changeNote')} value={note} onChange={(e) => setNote(e.target.value)} />
      <Button type="primary" disabled={!uploadId} onClick={() => void save()}>
        {t('detail.addVersion')}
      </Button>
    </Space>
  );
}
