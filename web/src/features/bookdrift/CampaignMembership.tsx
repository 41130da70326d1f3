import { Alert, App, Button, Card, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../app/access';
import { errorMessage } from '../../components/serverErrors';
import { useGroup } from '../../components/org/queries';
import { useChangeMembership, type S } from './queries';

/** The first round that can still change: after the last round with shipments (not counting trips home). */
export function firstOpenRound(v: S['CampaignView']): number {
  return Math.max(0, ...v.shipments.filter((s) => s.state !== 'cancelled' && !s.isReturn).map((s) => s.round)) + 1;
}

/**
 * The campaign's schools, with joining (a school of the group not in the campaign) and leaving
 * (a participating school; its batch goes home) from the first round not shipped yet.
 */
export function CampaignMembership({ campaign: v }: { campaign: S['CampaignView'] }) {
  const { t } = useTranslation(['bookdrift', 'common']);
  const { message, modal } = App.useApp();
  // the join/leave API allows the campaign's group admin (CampaignsService.changeMembership)
  const canChange = useAccess().canPlanCampaigns;
  const fromRound = firstOpenRound(v);
  const group = useGroup(v.groupId, canChange);
  const changeMembership = useChangeMembership(v.id);
  const [joinOpen, setJoinOpen] = useState(false);
  const [joining, setJoining] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const active = new Set(v.schools.filter((s) => s.leftRound === null).map((s) => s.schoolId));
  const candidates = (group.data?.schools ?? []).filter((s) => !active.has(s.id));

  async function change(kind: 'join' | 'leave', schoolId: string) {
    setError(null);
    await changeMembership.mutateAsync({ kind, schoolId, fromRound });
    message.success(t('saved'));
  }

  async function join() {
    if (!joining) return;
    setBusy(true);
    try {
      await change('join', joining);
      setJoinOpen(false);
      setJoining(undefined);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function confirmLeave(s: S['CampaignSchoolView']) {
    modal.confirm({
      title: t('leaveTitle', { school: s.name }),
      content: t('leaveBody', { n: fromRound }),
      okText: t('leaveOk'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await change('leave', s.schoolId);
        } catch (err) {
          setError(errorMessage(err));
        }
      },
    });
  }

  return (
    <Card
      title={t('schools')}
      style={{ marginTop: 16 }}
      data-testid="campaign-schools"
      extra={
        canChange &&
        candidates.length > 0 && (
          <Button
            type="primary"
            onClick={() => {
              setError(null);
              setJoinOpen(true);
            }}
          >
            {t('join')}
          </Button>
        )
      }
    >
      {error && !joinOpen && (
        <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />
      )}
      <List
        size="small"
        dataSource={v.schools}
        renderItem={(s) => (
          <List.Item
            data-testid={`campaign-school-${s.schoolId}`}
            actions={
              canChange && s.leftRound === null && fromRound <= v.rounds
                ? [
                    <Button key="leave" size="small" danger onClick={() => confirmLeave(s)}>
                      {t('leave')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap>
              <span>{s.name}</span>
              {s.joinedRound > 1 && <Tag color="blue">{t('joinedFrom', { n: s.joinedRound })}</Tag>}
              {s.leftRound !== null && <Tag>{t('leftFrom', { n: s.leftRound })}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={joinOpen}
        title={t('join')}
        okText={t('join')}
        okButtonProps={{ disabled: !joining, loading: busy }}
        onOk={() => void join()}
        onCancel={() => setJoinOpen(false)}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">{t('joinHint', { n: fromRound })}</Typography.Paragraph>
        <Select
          style={{ width: '100%' }}
          aria-label={t('joinSchool')}
          placeholder={t('joinSchool')}
          value={joining}
          onChange={setJoining}
          options={candidates.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Modal>
    </Card>
  );
}
