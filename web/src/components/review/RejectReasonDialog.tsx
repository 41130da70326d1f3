import { Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The reviewer's "reject with a reason" dialog, shared by every review page: the reason is
 * required (the author sees it); the caller closes the dialog once the server has taken it.
 */
export function RejectReasonDialog({
  open,
  onCancel,
  onReject,
}: {
  open: boolean;
  onCancel: () => void;
  onReject: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  return (
    <Modal
      open={open}
      title={t('common.rejectReason')}
      onCancel={onCancel}
      onOk={() => onReject(reason)}
      okButtonProps={{ danger: true, disabled: !reason.trim() }}
      okText={t('common.reject')}
    >
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={reason}
        placeholder={t('common.rejectReasonHint')}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
