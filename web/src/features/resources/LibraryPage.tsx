import { CloudUploadOutlined, HeartOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Drawer, Grid, Input, Row, Select, Skeleton, Space, Tree, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAccess } from '../../app/access';
import { useSchools } from '../../components/org/queries';
import { PageHeader } from '../../components/PageHeader';
import { useVocabulary } from '../../components/vocabulary';
import { ResourceGrid } from './ResourceGrid';
import {
  RESOURCE_KINDS,
  chapterLabel,
  useChapterTree,
  useResources,
  useTextbooks,
  volumeLabel,
  type ChapterNode,
  type ResourceKind,
} from './queries';
import './strings';
import './styles.css';

/** Short label of a volume; the revision is added when two books share the volume name. */
interface TreeNode {
  key: string;
  title: React.ReactNode;
  children?: TreeNode[];
}

function buildTree(chapters: ChapterNode[], allLabel: string, total: number): TreeNode[] {
  const count = (n: number) => <span className="res-count">{n}</span>;
  const units = chapters.filter((c) => c.level === 1);
  return [
    {
      key: '',
      title: (
        <span>
          {allLabel}
          {count(total)}
        </span>
      ),
    },
    ...units.map((u) => ({
      key: u.id,
      title: (
        <span>
          {chapterLabel(u)}
          {count(u.resourceCount)}
        </span>
      ),
      children: chapters
        .filter((c) => c.parentId === u.id)
        .map((c) => ({
          key: c.id,
          title: (
            <span>
              {chapterLabel(c)}
              {count(c.resourceCount)}
            </span>
          ),
        })),
    })),
  ];
}

/** Browse by subject → edition → volume → chapter tree with counts; filter by kind and school; search. */
export function LibraryPage() {
  const { t } = useTranslation(['resources', 'common']);
  const { subjectName } = useVocabulary();
  const access = useAccess();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const books = useTextbooks();
  const all = useMemo(() => books.data ?? [], [books.data]);
  const textbookId = params.get('textbook') ?? undefined;
  const chapterId = params.get('chapter') ?? undefined;
  const q = params.get('q') ?? '';
  const kind = (params.get('kind')?.split(',').filter(Boolean) ?? []) as ResourceKind[];
  const schoolId = params.get('school') ?? undefined;
  const [drawer, setDrawer] = useState(false);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const current = all.find((b) => b.id === textbookId);
  // first visit: open the first volume
  useEffect(() => {
    if (!textbookId && all.length && !q) set({ textbook: all[0].id });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [all.length]);

  const subjects = [...new Set(all.map((b) => b.subject))];
  const subject = current?.subject ?? subjects[0];
  const editions = [...new Set(all.filter((b) => b.subject === subject).map((b) => b.edition))];
  const edition = current?.edition ?? editions[0];
  const volumes = all.filter((b) => b.subject === subject && b.edition === edition);

  const tree = useChapterTree(textbookId);
  const [expanded, setExpanded] = useState<string[]>([]);
  // open the unit of the chosen lesson (links from a resource page, a reload)
  useEffect(() => {
    const parent = tree.data?.chapters.find((c) => c.id === chapterId)?.parentId;
    if (parent) setExpanded((keys) => (keys.includes(parent) ? keys : [...keys, parent]));
  }, [tree.data, chapterId]);
  const schools = useSchools(access.canContributeResources);
  const list = useResources({
    textbookId: q ? undefined : textbookId,
    chapterId: q ? undefined : chapterId,
    kind,
    schoolId,
    q: q || undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  const treeView = tree.isLoading ? (
    <Skeleton active />
  ) : tree.data ? (
    <>
      {tree.data.textbook.confidence === 'low' && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('library.lowConfidence')} />
      )}
      <Tree
        className="res-tree"
        blockNode
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys as string[])}
        selectedKeys={[chapterId ?? '']}
        treeData={buildTree(tree.data.chapters, t('library.allChapters'), tree.data.resourceCount)}
        onSelect={(keys, info) => {
          const key = (keys[0] as string | undefined) ?? String(info.node.key);
          // choosing a unit also opens it, so its lessons are one tap away
          if (key && !expanded.includes(key) && tree.data?.chapters.some((c) => c.parentId === key))
            setExpanded([...expanded, key]);
          set({ chapter: key || undefined, q: undefined });
          setDrawer(false);
        }}
      />
    </>
  ) : null;

  const pickVolume = (id: string | undefined) => set({ textbook: id, chapter: undefined, q: undefined });

  return (
    <>
      <PageHeader
        title={t('library.title')}
        extra={
          <Space wrap>
            <Link to="/resources/favourites">
              <Button icon={<HeartOutlined />}>{t('nav.favourites')}</Button>
            </Link>
            {access.canContributeResources && (
              <Link to="/resources/upload">
                <Button type="primary" icon={<CloudUploadOutlined />}>
                  {t('nav.upload')}
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Input.Search
        allowClear
        enterButton
        placeholder={t('library.search')}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onSearch={(v) => set({ q: v.trim() || undefined })}
        style={{ marginBottom: 12 }}
        maxLength={100}
      />
      <div className="res-selectors">
        <Select
          aria-label={t('library.subject')}
          value={subject}
          options={subjects.map((s) => ({ value: s, label: subjectName(s) }))}
          onChange={(s) => pickVolume(all.find((b) => b.subject === s)?.id)}
        />
        <Select
          aria-label={t('library.edition')}
          value={edition}
          options={editions.map((e) => ({ value: e, label: e }))}
          onChange={(e) => pickVolume(all.find((b) => b.subject === subject && b.edition === e)?.id)}
        />
        <Select
          aria-label={t('library.volume')}
          value={textbookId}
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 200 }}
          options={volumes.map((b) => ({ value: b.id, label: volumeLabel(b, all) }))}
          onChange={pickVolume}
        />
        <Select
          mode="multiple"
          allowClear
          aria-label={t('library.kinds')}
          placeholder={t('library.kinds')}
          value={kind}
          maxTagCount="responsive"
          options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`common:catalogue.kind.${k}`) }))}
          onChange={(v: string[]) => set({ kind: v.join(',') || undefined })}
        />
        {schools.data && (
          <Select
            allowClear
            aria-label={t('library.school')}
            placeholder={t('library.allSchools')}
            value={schoolId}
            options={schools.data.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(v) => set({ school: v })}
          />
        )}
      </div>
      <Row gutter={16}>
        {screens.md ? (
          <Col md={8} lg={7}>
            <Card size="small" title={t('library.chapters')}>
              {treeView}
            </Card>
          </Col>
        ) : (
          <Drawer open={drawer} onClose={() => setDrawer(false)} title={t('library.chapters')} placement="left">
            {treeView}
          </Drawer>
        )}
        <Col xs={24} md={16} lg={17}>
          <Space style={{ marginBottom: 12 }} wrap>
            {!screens.md && (
              <Button icon={<UnorderedListOutlined />} onClick={() => setDrawer(true)}>
                {t('library.chapters')}
              </Button>
            )}
            <Typography.Text type="secondary">
              {q
                ? t('library.results', { n: total ?? items.length })
                : (tree.data?.chapters.find((c) => c.id === chapterId)?.title ?? current?.volume ?? '')}
            </Typography.Text>
          </Space>
          <ResourceGrid
            items={items}
            loading={list.isLoading || list.isFetchingNextPage}
            hasMore={list.hasNextPage}
            onMore={() => void list.fetchNextPage()}
          />
        </Col>
      </Row>
    </>
  );
}
