import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type TextbookView = components['schemas']['TextbookView'];
export type ChapterNode = components['schemas']['ChapterNodeView'];
export type ChapterTree = components['schemas']['ChapterTreeView'];
export type ResourceSummary = components['schemas']['ResourceSummaryView'];
export type ResourceDetail = components['schemas']['ResourceDetailView'];
export type VersionView = components['schemas']['VersionView'];
export type PreviewView = components['schemas']['PreviewView'];
export type CreateResourceBody = components['schemas']['CreateResourceDto'];
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
export const VISIBILITIES = ['private', 'school', 'group', 'public'] as const;
export const AUDIENCES = ['teachers_only', 'everyone'] as const;
export const LICENSES = ['all_rights_reserved', 'cc_by', 'cc_by_sa', 'cc_by_nc', 'cc_by_nc_sa', 'cc0'] as const;

export interface ResourceFilters {
  textbookId?: string;
  chapterId?: string;
  kind?: ResourceKind[];
  schoolId?: string;
  subject?: string;
  q?: string;
  scope?: 'all' | 'mine' | 'favourites';
}

export const keys = {
  textbooks: ['textbooks'] as const,
  tree: (id: string) => ['textbooks', id, 'chapters'] as const,
  list: (f: ResourceFilters) => ['resources', 'list', f] as const,
  detail: (id: string) => ['resources', 'detail', id] as const,
  queue: (state: string) => ['resources', 'review-queue', state] as const,
  ratings: (id: string) => ['resources', 'ratings', id] as const,
  preview: (id: string, versionId: string | undefined, state: string | undefined) =>
    ['resources', 'preview', id, versionId, state] as const,
};

export function useTextbooks() {
  return useQuery({ queryKey: keys.textbooks, queryFn: () => call(api.GET('/api/textbooks')), staleTime: 10 * 60_000 });
}

export function useChapterTree(textbookId: string | undefined) {
  return useQuery({
    queryKey: keys.tree(textbookId ?? ''),
    queryFn: () => call(api.GET('/api/textbooks/{id}/chapters', { params: { path: { id: textbookId! } } })),
    enabled: !!textbookId,
  });
}

export function useResources(filters: ResourceFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: keys.list(filters),
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

export function useResource(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: () => call(api.GET('/api/resources/{id}', { params: { path: { id } } })),
    // previews of Office files are made in the background: look again while one is pending
    refetchInterval: (q) => (q.state.data?.files.some((f) => f.latest.previewState === 'pending') ? 4000 : false),
  });
}

export function usePreview(resourceId: string, versionId: string | undefined, state: string | undefined) {
  return useQuery({
    queryKey: keys.preview(resourceId, versionId, state),
    queryFn: () =>
      call(
        api.GET('/api/resources/{id}/versions/{versionId}/preview', {
          params: { path: { id: resourceId, versionId: versionId! } },
        }),
      ),
    enabled: !!versionId,
    // the URL is short-lived: fetch a fresh one before it expires
    staleTime: 60_000,
    refetchInterval: 4 * 60_000,
  });
}

export function useReviewQueue(state: 'pending' | 'approved' | 'rejected') {
  return useQuery({
    queryKey: keys.queue(state),
    queryFn: () => call(api.GET('/api/resources/review-queue', { params: { query: { state, limit: 100 } } })),
  });
}

export function useInvalidateResources() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['resources'] }).then(() => qc.invalidateQueries({ queryKey: ['textbooks'] }));
}

/** A change to resources: on success every resource list, detail and the catalogue counts are fetched again. */
function useResourceMutation<V, D>(mutationFn: (v: V) => Promise<D>, onSaved?: (d: D) => void) {
  const invalidate = useInvalidateResources();
  return useMutation({
    mutationFn,
    onSuccess: (d: D) => {
      onSaved?.(d);
      return invalidate();
    },
  });
}

export type UpdateResourceBody = components['schemas']['UpdateResourceDto'];
export type ReviewDecision = 'approve' | 'reject';

export function useCreateResource() {
  return useResourceMutation((body: CreateResourceBody) => call(api.POST('/api/resources', { body })));
}

export function useUpdateResource(id: string) {
  const qc = useQueryClient();
  return useResourceMutation(
    (body: UpdateResourceBody) => call(api.PATCH('/api/resources/{id}', { params: { path: { id } }, body })),
    (saved) => qc.setQueryData(keys.detail(id), saved),
  );
}

export function useDeleteResource(id: string) {
  return useResourceMutation(() => call(api.DELETE('/api/resources/{id}', { params: { path: { id } } })));
}

/** Approve, or reject with a reason (the reason is required then). */
export function useReviewResource() {
  return useResourceMutation(({ id, decision, reason }: { id: string; decision: ReviewDecision; reason: string }) =>
    call(api.POST('/api/resources/{id}/review', { params: { path: { id } }, body: { decision, reason } })),
  );
}

export function useSetFavourite(id: string) {
  return useResourceMutation((favourite: boolean) =>
    call(api.PUT('/api/resources/{id}/favourite', { params: { path: { id } }, body: { favourite } })),
  );
}

export function useRatings(id: string) {
  return useQuery({
    queryKey: keys.ratings(id),
    queryFn: () => call(api.GET('/api/resources/{id}/ratings', { params: { path: { id } } })),
  });
}

export function useRate(id: string) {
  return useResourceMutation((body: { stars: number; comment: string }) =>
    call(api.PUT('/api/resources/{id}/rating', { params: { path: { id } }, body })),
  );
}

export function useAddVersion(id: string) {
  return useResourceMutation(({ fileId, uploadId, changeNote }: { fileId: string; uploadId: string; changeNote: string }) =>
    call(
      api.POST('/api/resources/{id}/files/{fileId}/versions', {
        params: { path: { id, fileId } },
        body: { uploadId, changeNote },
      }),
    ),
  );
}

/** Asks for a short-lived download URL (the server counts the download), then opens it. */
export function useDownload(id: string) {
  return useResourceMutation(async (body: { fileId?: string; versionId?: string }) => {
    const d = await call(api.POST('/api/resources/{id}/download', { params: { path: { id } }, body }));
    window.location.assign(d.url);
  });
}

/** "1.2 有理数" stays as is; "小蝌蚪找妈妈" with number 1 becomes "1 小蝌蚪找妈妈". */
export function chapterLabel(c: { number?: string | null; title: string }) {
  return c.number && !c.title.startsWith(c.number) ? `${c.number} ${c.title}` : c.title;
}

export function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
