import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import type { Subject } from '../vocabulary';

/** The shared catalogue: textbooks, their chapter trees and the resource search, read by resources and lectures. */
export type TextbookView = components['schemas']['TextbookView'];
export type ChapterNode = components['schemas']['ChapterNodeView'];
export type ChapterTree = components['schemas']['ChapterTreeView'];
export type ResourceSummary = components['schemas']['ResourceSummaryView'];
export type ResourceKind = ResourceSummary['kind'];

export const RESOURCE_KINDS: ResourceKind[] = [
  'lesson_plan',
  'courseware',
  'exercise',
  'exam_paper',
  'teaching_design',
  'micro_lesson',
  'image',
  'audio',
  'other',
];

export interface ResourceFilters {
  textbookId?: string;
  chapterId?: string;
  kind?: ResourceKind[];
  schoolId?: string;
  subject?: Subject;
  q?: string;
  scope?: 'all' | 'mine' | 'favourites';
}

export const catalogueKeys = {
  textbooks: ['textbooks'] as const,
  tree: (id: string) => ['textbooks', id, 'chapters'] as const,
  list: (f: ResourceFilters) => ['resources', 'list', f] as const,
};

export function useTextbooks() {
  return useQuery({ queryKey: catalogueKeys.textbooks, queryFn: () => call(api.GET('/api/textbooks')), staleTime: 10 * 60_000 });
}

export function useChapterTree(textbookId: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.tree(textbookId ?? ''),
    queryFn: () => call(api.GET('/api/textbooks/{id}/chapters', { params: { path: { id: textbookId! } } })),
    enabled: !!textbookId,
  });
}

export function useResources(filters: ResourceFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: catalogueKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/resources', {
          params: {
            query: {
              ...filters,
              q: filters.q?.trim() || undefined,
              kind: filters.kind?.length ? filters.kind : undefined,
              limit: 24,
              cursor: pageParam,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** "1.2 有理数" stays as is; "小蝌蚪找妈妈" with number 1 becomes "1 小蝌蚪找妈妈". */
export function chapterLabel(c: { number?: string | null; title: string }) {
  return c.number && !c.title.startsWith(c.number) ? `${c.number} ${c.title}` : c.title;
}

/** A volume's short name; twins of the same volume (two revisions) also show the revision. */
export function volumeLabel(b: TextbookView, all: TextbookView[]) {
  const twins = all.filter((x) => x.subject === b.subject && x.edition === b.edition && x.volume === b.volume);
  if (twins.length < 2) return `${b.stage} ${b.volume}`;
  const rev = b.revision.replace(/（.*$/, '').replace(/\(.*$/, '').slice(0, 12);
  return `${b.stage} ${b.volume}（${rev}）`;
}
