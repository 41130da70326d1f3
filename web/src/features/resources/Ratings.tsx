import { Button, Card, Input, List, Rate, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastedAction } from '../../components/useToastedAction';
import { useAccess } from '../../app/access';
import { useRate, useRatings, type ResourceDetail } from './queries';
import './strings';
import './styles.css';

export function Ratings({ r }: { r: ResourceDetail }) {
  const { t } = useTranslation(['resources', 'common']);
  const runAction = useToastedAction();
  const rate = useRate(r.id);
  const [stars, setStars] = useState(r.myRating?.stars ?? 0);
  const [comment, setComment] = useState(r.myRating?.comment ?? '');
  const list = useRatings(r.id);
  const canRate = useAccess().canContributeResources;
  const submit = async () => {
    await runAction(async () => {
      await rate.mutateAsync({ stars, comment });
    }, t('detail.rated'));
  };
  return (
    <Card size="small" title={t('detail.ratings')}>
      {canRate && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Rate value={stars} onChange={setStars} aria-label={t('detail.rate')} />
          <Input.TextArea
            rows={2}
            maxLength={200}
            showCount
            value={comment}
            placeholder={t('detail.comment')}
            onChange={(e) => setComment(e.target.value)}
          />
          <Button disabled={!stars} onClick={() => void submit()}>
            {t('detail.submitRating')}
          </Button>
        </Space>
      )}
      <List
        size="small"
        locale={{ emptyText: t('detail.noRatings') }}
        dataSource={list.data ?? []}
        renderItem={(x) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Rate disabled value={x.stars} style={{ fontSize: 12 }} />
                  <Typography.Text type="secondary">
                    {x.userName}
                    {x.schoolName ? ` · ${x.schoolName}` : ''}
                  </Typography.Text>
                </Space>
              }
              description={x.comment}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
