import { CheckCircleFilled, CloseCircleFilled, InboxOutlined } from '@ant-design/icons';
import { Button, Progress as Bar, Space, Typography } from 'antd';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, type PartTransport, type UploadPurpose, type UploadView } from './engine';
import './strings';
import { useResumableUploads, type UploadItem } from './useResumableUploads';

export interface ResumableUploaderProps {
  purpose: UploadPurpose;
  /** called once per file when the server has verified it; pass the id to the feature's own API */
  onUploaded?: (uploadId: string, file: File, view: UploadView) => void;
  onRejected?: (file: File, reason: string) => void;
  /** the input's accept attribute (a hint only: the server checks the real type) */
  accept?: string;
  multiple?: boolean;
  /** for tests */
  transport?: PartTransport;
  backoffMs?: number;
  pollMs?: number;
}

function useDuration() {
  const { t } = useTranslation(['upload', 'common']);
  return (seconds: number) => {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return t('seconds', { s });
    if (s < 3600) return t('minutes', { m: Math.floor(s / 60), s: s % 60 });
    return t('hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  };
}

function ItemRow({
  item,
  onCancel,
  onRetry,
  onRemove,
}: {
  item: UploadItem;
  onCancel(): void;
  onRetry(): void;
  onRemove(): void;
}) {
  const { t } = useTranslation(['upload', 'common']);
  const duration = useDuration();
  const { loaded, total, speed, eta } = item.progress;
  const percent = total ? Math.floor((loaded / total) * 100) : 0;
  const active = item.state === 'uploading' || item.state === 'queued' || item.state === 'verifying';
  const status =
    item.state === 'ready' ? 'success' : item.state === 'rejected' || item.state === 'failed' ? 'exception' : 'active';
  return (
    <div className="mm-upload-item" data-state={item.state} aria-label={item.file.name}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text strong ellipsis style={{ maxWidth: 260 }}>
          {item.state === 'ready' && <CheckCircleFilled style={{ color: '#52c41a', marginRight: 6 }} />}
          {(item.state === 'rejected' || item.state === 'failed') && (
            <CloseCircleFilled style={{ color: '#ff4d4f', marginRight: 6 }} />
          )}
          {item.file.name}
        </Typography.Text>
        <Space size="small">
          {active && (
            <Button size="small" onClick={onCancel}>
              {t('cancel')}
            </Button>
          )}
          {item.state === 'failed' && (
            <Button size="small" type="primary" onClick={onRetry}>
              {t('retry')}
            </Button>
          )}
          {!active && (
            <Button size="small" type="text" onClick={onRemove}>
              {t('remove')}
            </Button>
          )}
        </Space>
      </Space>
      {item.state !== 'rejected' && item.state !== 'cancelled' && (
        <Bar
          percent={item.state === 'ready' ? 100 : percent}
          status={status}
          size="small"
          aria-label={`${item.file.name} ${percent}%`}
        />
      )}
      <Typography.Text
        type={item.state === 'rejected' || item.state === 'failed' ? 'danger' : 'secondary'}
        style={{ fontSize: 12 }}
      >
        {item.state === 'uploading' && (
          <span>
            {formatBytes(loaded)} / {formatBytes(total)}
            {speed > 0 && <> · {t('speed', { speed: formatBytes(speed) })}</>}
            {eta !== null && speed > 0 && <> · {t('left', { time: duration(eta) })}</>}
          </span>
        )}
        {item.state === 'queued' && t('queued')}
        {item.state === 'verifying' && t('verifying')}
        {item.state === 'ready' && `${t('ready')} · ${formatBytes(total)}`}
        {item.state === 'cancelled' && t('cancelled')}
        {(item.state === 'rejected' || item.state === 'failed') && (
          <span role="alert">
            {t(item.state === 'rejected' ? 'rejected' : 'failed')}：{item.message}
          </span>
        )}
      </Typography.Text>
    </div>
  );
}

/**
 * Resumable uploads straight to the object store, for any feature:
 * `<ResumableUploader purpose="resource" onUploaded={(uploadId, file) => …} />`.
 * Several files at once, parts in parallel with retries, progress with speed and time left,
 * resume after a reload when the same file is chosen again, and the server's verdict per file.
 */
export function ResumableUploader(props: ResumableUploaderProps) {
  const { t } = useTranslation(['upload', 'common']);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const { items, addFiles, cancel, retry, remove } = useResumableUploads({
    purpose: props.purpose,
    onUploaded: props.onUploaded,
    onRejected: props.onRejected,
    transport: props.transport,
    backoffMs: props.backoffMs,
    pollMs: props.pollMs,
  });
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) addFiles(props.multiple === false ? [e.dataTransfer.files[0]] : e.dataTransfer.files);
  };
  return (
    <div className="mm-uploader">
      <div
        role="button"
        tabIndex={0}
        onClick={() => input.current?.click()}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          border: `1px dashed ${dragging ? '#1677ff' : '#d9d9d9'}`,
          borderRadius: 8,
          padding: '20px 12px',
          textAlign: 'center',
          cursor: 'pointer',
          background: dragging ? '#e6f4ff' : '#fafafa',
        }}
      >
        <InboxOutlined style={{ fontSize: 32, color: '#1677ff' }} />
        <div>{t('drop')}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('resumeHint')}
        </Typography.Text>
        <input
          ref={input}
          type="file"
          aria-label={t('choose')}
          multiple={props.multiple !== false}
          accept={props.accept}
          style={{ display: 'none' }}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => {
            if (e.target.files?.length) addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }} size="middle">
        {items.map((item) => (
          <ItemRow
            key={item.key}
            item={item}
            onCancel={() => void cancel(item.key)}
            onRetry={() => retry(item.key)}
            onRemove={() => remove(item.key)}
          />
        ))}
      </Space>
    </div>
  );
}
