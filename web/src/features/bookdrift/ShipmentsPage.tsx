import { Button, Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useToastedAction } from '../../components/useToastedAction';
import { PageHeader } from '../../components/PageHeader';
import { useShipmentAction, useShipments, type ShipmentAction, type ShipmentView } from './queries';
import { useActingSchool } from './CataloguePage';

export const SHIPMENT_COLOR: Record<string, string> = {
  planned: 'default',
  packed: 'gold',
  in_transit: 'blue',
  received: 'green',
  passed_on: 'cyan',
  returned_home: 'purple',
  cancelled: 'red',
};

export function ShipmentsPage() {
  const { t } = useTranslation(['bookdrift', 'common']);
  const runAction = useToastedAction();
  const [schoolId, setSchool, options] = useActingSchool();
  const shipments = useShipments(schoolId);
  const shipmentAction = useShipmentAction();

  async function act(s: ShipmentView, action: ShipmentAction) {
    await runAction(async () => {
      await shipmentAction.mutateAsync({ id: s.id, action });
    }, t('saved'));
  }

  return (
    <div>
      <PageHeader
        title={t('myShipments')}
        extra={
          options.length > 0 && (
            <Select style={{ minWidth: 200 }} value={schoolId ?? undefined} options={options} onChange={setSchool} />
          )
        }
      />
      <Card>
        {!shipments.data?.length ? (
          <Empty description={t('empty')} />
        ) : (
          <List
            dataSource={shipments.data}
            renderItem={(s) => {
              const outgoing = s.fromSchoolId === schoolId;
              return (
                <List.Item
                  data-testid={`shipment-${s.id}`}
                  actions={[
                    outgoing && s.state === 'planned' && (
                      <Button key="pack" onClick={() => void act(s, 'pack')}>
                        {t('pack')}
                      </Button>
                    ),
                    outgoing && s.state === 'packed' && (
                      <Button key="send" type="primary" onClick={() => void act(s, 'send')}>
                        {t('send')}
                      </Button>
                    ),
                    outgoing && ['planned', 'packed', 'in_transit'].includes(s.state) && (
                      <Button key="cancel" danger type="link" onClick={() => void act(s, 'cancel')}>
                        {t('cancel')}
                      </Button>
                    ),
                    !outgoing && ['in_transit', 'received'].includes(s.state) && (
                      <Link key="receive" to={`/bookdrift/shipments/${s.id}/receive`}>
                        <Button type="primary">{t('receive')}</Button>
                      </Link>
                    ),
                  ].filter(Boolean)}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Typography.Text strong>{s.campaignName}</Typography.Text>
                        <Tag>{s.isReturn ? t('returnTrip') : t('round', { n: s.round })}</Tag>
                        <Tag color={SHIPMENT_COLOR[s.state]}>{t(`shipmentStates.${s.state}`)}</Tag>
                      </Space>
                    }
                    description={
                      <span>
                        {s.fromSchoolName} → {s.toSchoolName} · {t('expected')} {s.expected} · {t('received')} {s.received}
                        {s.missing > 0 && ` · ${t('missing')} ${s.missing}`}
                      </span>
                    }
                  />
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </div>
  );
}
