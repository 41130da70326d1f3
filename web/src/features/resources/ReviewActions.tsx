import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastedAction } from '../../components/useToastedAction';
import { RejectReasonDialog } from '../../components/review/RejectReasonDialog';
import { useReviewResource, type ResourceDetail } from './queries';
import './strings';
import './styles.css';

export function ReviewActions({ r }: { r: ResourceDetail }) {
  const { t } = useTranslation(['resources', 'common']);
  const { message } = AntApp.useApp();
  const runAction = useToastedAction();
  const review = useReviewResource();
  const [rejecting, setRejecting] = useState(false);
  const decide = async (decision: 'approve' | 'reject', reason = '') => {
    await runAction(async () => {
      await review.mutateAsync({ id: r.id, decision, reason });
      message.success(t(decision === 'approve' ? 'queue.approved' : 'queue.rejected'));
      setRejecting(false);
    });
  };
  return (
    <>
      <Button type="primary" onClick={() => void decide('approve')}>
        {t('detail.approve')}
      </Button>
      <Button danger onClick={() => setRejecting(true)}>
        {t('detail.reject')}
      </Button>
      <RejectReasonDialog
        open={rejecting}
        onCancel={() => setRejecting(false)}
        onReject={(reason) => void decide('reject', reason)}
      />
    </>
  );
}
