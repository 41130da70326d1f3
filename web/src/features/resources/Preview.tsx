import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePreview, type VersionView } from './queries';

/** PDFs in the browser's own viewer, images, audio and video players; Office files as their PDF. */
export function Preview({ resourceId, version, title }: { resourceId: string; version: VersionView; title: string }) {
  const { t } = useTranslation(['resources', 'common']);
  const preview = usePreview(resourceId, version.id, version.previewState);
  if (preview.isLoading) return <Skeleton.Node active style={{ width: '100%', height: 320 }} />;
  const p = preview.data;
  if (!p || !p.url || p.mode === 'none') {
    const state = p?.state ?? version.previewState;
    return (
      <Alert
        type={state === 'pending' ? 'info' : 'warning'}
        showIcon
        message={t(`preview.${state === 'ready' ? 'unavailable' : state}`)}
        data-testid="preview-unavailable"
      />
    );
  }
  switch (p.mode) {
    case 'pdf':
    case 'text':
      return <iframe className="res-preview" src={p.url} title={`${t('preview.title')}: ${title}`} data-testid="preview-frame" />;
    case 'image':
      return <img className="res-preview-image" src={p.url} alt={title} data-testid="preview-image" />;
    case 'audio':
      return <audio controls src={p.url} style={{ width: '100%' }} data-testid="preview-audio" />;
    case 'video':
      return <video controls src={p.url} style={{ width: '100%', maxHeight: '72vh' }} data-testid="preview-video" />;
  }
}
