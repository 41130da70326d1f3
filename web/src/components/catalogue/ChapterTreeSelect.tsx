import { TreeSelect, type TreeSelectProps } from 'antd';
import { chapterLabel, useChapterTree } from './queries';

/** The chapters of one textbook as units with their lessons; the value is a chapter id. */
export function ChapterTreeSelect({
  textbookId,
  ...rest
}: { textbookId: string | null | undefined } & Omit<TreeSelectProps, 'treeData' | 'disabled' | 'loading'> & {
    'data-testid'?: string;
  }) {
  const tree = useChapterTree(textbookId ?? undefined);
  const chapters = tree.data?.chapters ?? [];
  const treeData = chapters
    .filter((c) => c.level === 1)
    .map((u) => ({
      value: u.id,
      title: chapterLabel(u),
      children: chapters.filter((c) => c.parentId === u.id).map((c) => ({ value: c.id, title: chapterLabel(c) })),
    }));
  return (
    <TreeSelect
      allowClear
      showSearch
      treeNodeFilterProp="title"
      {...rest}
      disabled={!textbookId}
      loading={tree.isLoading}
      treeData={treeData}
    />
  );
}
