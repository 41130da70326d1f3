import { ArrowDownOutlined, ArrowUpOutlined, BookOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Empty,
  Grid,
  Input,
  List,
  Row,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { errorMessage } from '../../components/serverErrors';
import { volumeLabel } from '../resources/LibraryPage';
import { ResourceCard, fileIcon } from '../resources/ResourceCard';
import {
  RESOURCE_KINDS,
  chapterLabel,
  useChapterTree,
  useResources,
  useTextbooks,
  type ResourceKind,
} from '../resources/queries';
import { CATALOGUE_SUBJECT, useEpisodeResources, type EpisodeView, type LinkedResource } from './queries';
import './strings';

const MAX_LINKS = 20;

function usePatchEpisode(episodeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { chapterId?: string | null; resourceIds?: string[] }) =>
      call(api.PATCH('/api/lectures/episodes/{id}', { params: { path: { id: episodeId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['lectures'] }),
  });
}

/** Textbook (edition / volume) then a chapter of its tree; the value is the chapter id. */
export function ChapterPicker({
  value,
  onChange,
  textbookId: initialTextbook,
  subject,
  grade,
}: {
  value?: string | null;
  onChange?: (chapterId: string | null) => void;
  /** the textbook of the current chapter */
  textbookId?: string | null;
  /** the series' subject and grade pick a likely textbook */
  subject?: string;
  grade?: number;
}) {
  const { t } = useTranslation();
  const books = useTextbooks();
  const all = useMemo(() => books.data ?? [], [books.data]);
  const catalogueSubject = subject ? CATALOGUE_SUBJECT[subject] : undefined;
  const sameSubject = all.filter((b) => b.subject === catalogueSubject);
  const choices = sameSubject.length ? sameSubject : all;
  const [textbookId, setTextbookId] = useState<string | undefined>(initialTextbook ?? undefined);
  useEffect(() => {
    if (initialTextbook) setTextbookId(initialTextbook);
  }, [initialTextbook]);
  useEffect(() => {
    // no chapter yet: the newest volume of the series' subject and grade
    if (textbookId || initialTextbook || !all.length) return;
    const likely =
      [...choices].reverse().find((b) => b.grade === grade && b.term === '上') ?? choices.find((b) => b.grade === grade);
    if (likely) setTextbookId(likely.id);
  }, [all.length, choices, grade, initialTextbook, textbookId]);
  const tree = useChapterTree(textbookId);
  const chapters = tree.data?.chapters ?? [];
  const treeData = chapters
    .filter((c) => c.level === 1)
    .map((u) => ({
      value: u.id,
      title: chapterLabel(u),
      children: chapters.filter((c) => c.parentId === u.id).map((c) => ({ value: c.id, title: chapterLabel(c) })),
    }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Select
        aria-label={t('lectures.details.textbook')}
        placeholder={t('lectures.details.textbook')}
        style={{ width: '100%' }}
        showSearch
        optionFilterProp="label"
        loading={books.isLoading}
        value={textbookId}
        onChange={(id) => {
          setTextbookId(id);
          onChange?.(null);
        }}
        options={choices.map((b) => ({ value: b.id, label: `${b.edition} ${b.subject} · ${volumeLabel(b, all)}` }))}
      />
      <TreeSelect
        aria-label={t('lectures.details.chapter')}
        placeholder={textbookId ? t('lectures.details.chapter') : t('lectures.details.pickTextbook')}
        style={{ width: '100%' }}
        allowClear
        showSearch
        treeNodeFilterProp="title"
        treeDefaultExpandAll={false}
        disabled={!textbookId}
        loading={tree.isLoading}
        value={value ?? undefined}
        onChange={(v) => onChange?.((v as string | undefined) ?? null)}
        treeData={treeData}
        data-testid="chapter-picker"
      />
    </Space>
  );
}

/** The manage page's chapter card: pick from the textbook tree, save. */
export function ChapterPanel({ episode, subject, grade }: { episode: EpisodeView; subject?: string; grade?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [chapterId, setChapterId] = useState<string | null>(episode.chapterId);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setChapterId(episode.chapterId), [episode.chapterId]);
  const save = usePatchEpisode(episode.id);
  return (
    <Card size="small" title={t('lectures.details.title')} data-testid="chapter-panel">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          <BookOutlined /> {episode.chapterTitle ?? t('lectures.details.none')}
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
                onSuccess: () => void message.success(t('lectures.details.saved')),
                onError: (e) => setError(errorMessage(e)),
              },
            )
          }
        >
          {t('lectures.details.save')}
        </Button>
      </Space>
    </Card>
  );
}

function ResourcePicker({
  open,
  onClose,
  linked,
  chapterId,
  onAdd,
}: {
  open: boolean;
  onClose: () => void;
  linked: string[];
  chapterId: string | null;
  onAdd: (r: LinkedResource) => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<ResourceKind[]>([]);
  const [inChapter, setInChapter] = useState(!!chapterId);
  const list = useResources({ q: q || undefined, kind, chapterId: inChapter && chapterId && !q ? chapterId : undefined }, open);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('lectures.links.pickerTitle')}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search
          allowClear
          placeholder={t('lectures.links.search')}
          aria-label={t('lectures.links.search')}
          onSearch={setQ}
          enterButton
        />
        <Space wrap>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('lectures.links.anyKind')}
            value={kind}
            onChange={setKind}
            options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`res.kind.${k}`) }))}
          />
          {chapterId && (
            <Checkbox checked={inChapter} onChange={(e) => setInChapter(e.target.checked)} disabled={!!q}>
              {t('lectures.links.thisChapter')}
            </Checkbox>
          )}
        </Space>
        <List
          loading={list.isLoading}
          dataSource={items}
          rowKey="id"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lectures.links.nothing')} /> }}
          renderItem={(r) => {
            const added = linked.includes(r.id);
            return (
              <List.Item
                data-testid={`pick-${r.id}`}
                actions={[
                  <Button
                    key="add"
                    size="small"
                    type={added ? 'default' : 'primary'}
                    icon={added ? undefined : <PlusOutlined />}
                    disabled={added || linked.length >= MAX_LINKS}
                    onClick={() => onAdd(r)}
                  >
                    {added ? t('lectures.links.added') : t('lectures.links.addOne')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  avatar={<span className="lecture-link-icon">{fileIcon(r.fileKind)}</span>}
                  title={r.title}
                  description={
                    <Space size={4} wrap>
                      <Tag color="blue">{t(`res.kind.${r.kind}`)}</Tag>
                      <span>{[r.authorName, r.schoolName].filter(Boolean).join(' · ')}</span>
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
        {list.hasNextPage && (
          <Button block onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('lectures.links.more')}
          </Button>
        )}
      </Space>
    </Drawer>
  );
}

/** The manage page's courseware and exercises: add from the library, reorder, remove; saved at once. */
export function ResourceLinksPanel({ episode }: { episode: EpisodeView }) {
  const { t } = useTranslation();
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
        onSuccess: () => void message.success(t('lectures.links.saved')),
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
      title={t('lectures.links.title')}
      data-testid="links-panel"
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} disabled={ids.length >= MAX_LINKS}>
          {t('lectures.links.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('lectures.links.hint')}
        {ids.length >= MAX_LINKS && ` ${t('lectures.links.max', { n: MAX_LINKS })}`}
      </Typography.Paragraph>
      {shown.length === 0 && !hidden.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lectures.links.empty')} />
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
                    aria-label={t('lectures.links.up')}
                    disabled={i === 0 || save.isPending}
                    onClick={() => move(i, -1)}
                  />,
                  <Button
                    key="down"
                    size="small"
                    type="text"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('lectures.links.down')}
                    disabled={i === shown.length - 1 || save.isPending}
                    onClick={() => move(i, 1)}
                  />,
                  <Button
                    key="rm"
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('lectures.links.remove')}
                    disabled={save.isPending}
                    onClick={() => commit(ids.filter((x) => x !== id))}
                  />,
                ]}
              >
                <List.Item.Meta
                  avatar={<span className="lecture-link-icon">{fileIcon(r.fileKind)}</span>}
                  title={<Link to={`/resources/${r.id}`}>{r.title}</Link>}
                  description={<Tag color="blue">{t(`res.kind.${r.kind}`)}</Tag>}
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
          title={t('lectures.links.hidden', { n: hidden.length })}
          action={
            <Button size="small" onClick={() => commit(shown)}>
              {t('lectures.links.removeHidden')}
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

/** The watch page's courseware and exercises, as cards; only what the viewer may see comes back. */
export function LinkedResourcesCard({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation();
  const { data } = useEpisodeResources(episodeId);
  if (!data?.length) return null;
  return (
    <Card
      size="small"
      title={t('lectures.links.watchTitle')}
      style={{ maxWidth: 1100, marginTop: 12 }}
      data-testid="linked-resources"
    >
      <Row gutter={[12, 12]}>
        {data.map((r) => (
          <Col key={r.id} xs={12} sm={8} md={6} lg={6} xl={4}>
            <ResourceCard r={r} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
