import { BookOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChapterPicker } from '../../components/catalogue/ChapterPicker';
import type { Subject } from '../../components/vocabulary';
import { errorMessage } from '../../components/serverErrors';
import { usePatchEpisode, type EpisodeView } from './queries';
import './strings';

/** The manage page's chapter card: pick from the textbook tree, save. */
export function ChapterPanel({ episode, subject, grade }: { episode: EpisodeView; subject?: Subject; grade?: number }) {
  const { t } = useTranslation(['lectures', 'common']);
  const { message } = App.useApp();
  const [chapterId, setChapterId] = useState<string | null>(episode.chapterId);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setChapterId(episode.chapterId), [episode.chapterId]);
  const save = usePatchEpisode(episode.id);
  return (
    <Card size="small" title={t('details.title')} data-testid="chapter-panel">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          <BookOutlined /> {episode.chapterTitle ?? t('details.none')}
        </Typography.Text>
        <ChapterPicker
          value={chapterId}
          onChange={(v) => {
            setError(null);
            setChapterId(v);
          }}
          textbookId={episode.chapter?.textbookId}
          subject={subject}
          grade={grade}
        />
        {error && <Alert type="error" showIcon title={error} />}
        <Button
          type="primary"
          disabled={chapterId === episode.chapterId}
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { chapterId },
              {
                onSuccess: () => void message.success(t('details.saved')),
                onError: (e) => setError(errorMessage(e)),
              },
            )
          }
        >
          {t('details.save')}
        </Button>
      </Space>
    </Card>
  );
}
