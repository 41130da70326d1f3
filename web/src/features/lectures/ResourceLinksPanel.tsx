import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, List, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fileIcon } from '../../components/catalogue/fileIcon';
import { errorMessage } from '../../components/serverErrors';
import { MAX_LINKS, useEpisodeResources, usePatchEpisode, type EpisodeView, type LinkedResource } from './queries';
import { ResourcePicker } from './ResourcePicker';
import './strings';

/** The manage page's courseware and exercises: add from the library, reorder, remove; saved at once. */
export function ResourceLinksPanel({ episode }: { episode: EpisodeView }) {
  const { t } = useTranslation(['lectures', 'common']);
  const { message } = App.useApp();
  const visible = useEpisodeResources(episode.id);
  const [ids, setIds] = useState<string[]>(episode.resourceIds);
  const [known, setKnown] = useState<Map<string, LinkedResource>>(new Map());
  const [open, setOpen] = useState(false);
  useEffect(() => setIds(episode.resourceIds), [episode.resourceIds]);
  const byId = useMemo(() => {
    const m = new Map(known);
    for (const r of visible.data ?? []) m.set(r.id, r);
    return m;
  }, [known, visible.data]);
  const shown = ids.filter((id) => byId.has(id));
  const hidden = ids.filter((id) => !byId.has(id));
  const save = usePatchEpisode(episode.id);
  const commit = (next: string[]) => {
    const before = ids;
    setIds(next);
    save.mutate(
      { resourceIds: next },
      {
        onSuccess: () => void message.success(t('links.saved')),
        onError: (e) => {
          setIds(before);
          void message.error(errorMessage(e));
        },
      },
    );
  };
  // reordering moves the visible ones; those the teacher may not see keep their place at the end
  const move = (i: number, d: number) => {
    const next = [...shown];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    commit([...next, ...hidden]);
  };
  return (
    <Card
      size="small"
      title={t('links.title')}
      data-testid="links-panel"
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} disabled={ids.length >= MAX_LINKS}>
          {t('links.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('links.hint')}
        {ids.length >= MAX_LINKS && ` ${t('links.max', { n: MAX_LINKS })}`}
      </Typography.Paragraph>
      {shown.length === 0 && !hidden.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('links.empty')} />
      ) : (
        <List
          size="small"
          dataSource={shown}
          rowKey={(id) => id}
          renderItem={(id, i) => {
            const r = byId.get(id)!;
            return (
              <List.Item
                data-testid={`linked-${id}`}
                actions={[
                  <Button
                    key="up"
                    size="small"
                    type="text"
                    icon={<ArrowUpOutlined />}
                    aria-label={t('links.up')}
                    disabled={i === 0 || save.isPending}
                    onClick={() => move(i, -1)}
                  />,
                  <Button
                    key="down"
                    size="small"
                    type="text"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('links.down')}
                    disabled={i === shown.length - 1 || save.isPending}
                    onClick={() => move(i, 1)}
                  />,
                  <Button
                    key="rm"
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('links.remove')}
                    disabled={save.isPending}
                    onClick={() => commit(ids.filter((x) => x !== id))}
                  />,
                ]}
              >
                <List.Item.Meta
                  avatar={<span className="lecture-link-icon">{fileIcon(r.fileKind)}</span>}
                  title={<Link to={`/resources/${r.id}`}>{r.title}</Link>}
                  description={<Tag color="blue">{t(`common:catalogue.kind.${r.kind}`)}</Tag>}
                />
              </List.Item>
            );
          }}
        />
      )}
      {hidden.length > 0 && !visible.isLoading && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          title={t('links.hidden', { n: hidden.length })}
          action={
            <Button size="small" onClick={() => commit(shown)}>
              {t('links.removeHidden')}
            </Button>
          }
        />
      )}
      <ResourcePicker
        open={open}
        onClose={() => setOpen(false)}
        linked={ids}
        chapterId={episode.chapterId}
        onAdd={(r) => {
          setKnown((m) => new Map(m).set(r.id, r));
          commit([...shown, r.id, ...hidden]);
        }}
      />
    </Card>
  );
}
