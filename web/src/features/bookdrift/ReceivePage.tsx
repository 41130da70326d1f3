import { CameraOutlined, CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, List, Progress, Space, Tag, Typography } from 'antd';
import jsQR from 'jsqr';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useToastedAction } from '../../components/useToastedAction';
import { errorMessage } from '../../components/serverErrors';
import { formatCode, useCompleteShipment, useScanIntoShipment, useShipment } from './queries';
import { SHIPMENT_COLOR } from './ShipmentsPage';

interface LogLine {
  ok: boolean;
  warn?: boolean;
  text: string;
}

/** Reads QR codes from the phone's back camera and hands each new text to `onCode`. */
function QrScanner({ onCode, onClose }: { onCode: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation(['bookdrift', 'common']);
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let last = '';
    let lastAt = 0;
    const canvas = document.createElement('canvas');
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (!video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        timer = setInterval(() => {
          const v = video.current;
          if (!v || !v.videoWidth) return;
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          const ctx = canvas.getContext('2d', { willReadFrequently: true });
          if (!ctx) return;
          ctx.drawImage(v, 0, 0);
          const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
          const qr = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
          if (qr?.data && (qr.data !== last || Date.now() - lastAt > 4000)) {
            last = qr.data;
            lastAt = Date.now();
            onCode(qr.data);
          }
        }, 250);
      } catch (err) {
        setError((err as Error).message);
      }
    })();
    return () => {
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [onCode]);
  return (
    <div style={{ marginTop: 12 }}>
      {error ? (
        <Alert type="error" showIcon message={t('cameraError', { msg: error })} />
      ) : (
        <video
          ref={video}
          muted
          playsInline
          data-testid="camera"
          style={{ width: '100%', maxHeight: 320, background: '#000', borderRadius: 8 }}
        />
      )}
      <Button block style={{ marginTop: 8 }} onClick={onClose}>
        {t('stopCamera')}
      </Button>
    </div>
  );
}

/** Phone-first receipt: type or scan each drift code, then close the check. */
export function ReceivePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['bookdrift', 'common']);
  const { modal } = App.useApp();
  const runAction = useToastedAction();
  const [code, setCode] = useState('');
  const [log, setLog] = useState<LogLine[]>([]);
  const [camera, setCamera] = useState(false);
  const detail = useShipment(id);
  const { mutateAsync: scanCode } = useScanIntoShipment(id);
  const complete = useCompleteShipment(id);
  const s = detail.data;

  const scan = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      if (!text) return;
      try {
        const r = await scanCode(text);
        const key = r.result === 'received' ? 'scanOk' : r.result === 'found' ? 'scanFound' : 'scanAgain';
        setLog((l) => [{ ok: true, warn: r.result === 'already_received', text: t(`${key}`, r) }, ...l].slice(0, 30));
      } catch (err) {
        setLog((l) => [{ ok: false, text: errorMessage(err) }, ...l].slice(0, 30));
      }
    },
    [scanCode, t],
  );

  async function finish() {
    // count from fresh data: the last scans may still be refreshing the list
    const fresh = (await detail.refetch()).data ?? s;
    const left = fresh ? fresh.items.filter((i) => i.status === 'expected').length : 0;
    const run = () => runAction(() => complete.mutateAsync(), t('saved'));
    if (left > 0) modal.confirm({ title: t('finishConfirm', { n: left }), onOk: run });
    else void run();
  }

  if (!s) return <Card loading />;
  const canScan = ['in_transit', 'received', 'returned_home'].includes(s.state);
  return (
    <div className="receive-page" style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('receiveTitle')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }} size={4}>
          <Space wrap>
            <Typography.Text strong>{s.campaignName}</Typography.Text>
            <Tag color={SHIPMENT_COLOR[s.state]} data-testid="shipment-state">
              {t(`shipmentStates.${s.state}`)}
            </Tag>
          </Space>
          <Typography.Text>
            {s.fromSchoolName} → {s.toSchoolName}
          </Typography.Text>
          <Progress
            percent={s.expected ? Math.round((s.received / s.expected) * 100) : 0}
            format={() => `${s.received}/${s.expected}`}
          />
        </Space>
      </Card>
      {canScan && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void scan(code);
              setCode('');
            }}
          >
            <Space.Compact style={{ width: '100%' }}>
              <Input
                size="large"
                aria-label={t('typeCode')}
                placeholder={t('typeCode')}
                value={code}
                autoCapitalize="characters"
                autoComplete="off"
                maxLength={40}
                onChange={(e) => setCode(e.target.value)}
              />
              <Button size="large" type="primary" htmlType="submit">
                {t('add')}
              </Button>
            </Space.Compact>
          </form>
          {camera ? (
            <QrScanner onCode={(text) => void scan(text)} onClose={() => setCamera(false)} />
          ) : (
            <Button block size="large" icon={<CameraOutlined />} style={{ marginTop: 8 }} onClick={() => setCamera(true)}>
              {t('scanQr')}
            </Button>
          )}
          <List
            size="small"
            data-testid="scan-log"
            dataSource={log}
            renderItem={(l) => (
              <List.Item>
                <Typography.Text type={l.ok ? (l.warn ? 'warning' : 'success') : 'danger'}>
                  {l.ok ? l.warn ? <ExclamationCircleFilled /> : <CheckCircleFilled /> : <CloseCircleFilled />} {l.text}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={`${t('expected')} ${s.expected}`}>
        <List
          size="small"
          dataSource={s.items}
          renderItem={(i) => (
            <List.Item data-testid={`item-${i.driftCode}`}>
              <Space direction="vertical" size={0}>
                <Typography.Text>{i.title}</Typography.Text>
                <Typography.Text code>{formatCode(i.driftCode)}</Typography.Text>
              </Space>
              <Tag color={i.status === 'received' ? 'green' : i.status === 'missing' ? 'red' : 'default'}>
                {i.status === 'expected' ? t('notYetScanned') : t(`${i.status}`)}
              </Tag>
            </List.Item>
          )}
        />
      </Card>
      {s.state === 'in_transit' && (
        <Button block size="large" type="primary" style={{ marginTop: 12 }} onClick={() => void finish()}>
          {t('finish')}
        </Button>
      )}
    </div>
  );
}
