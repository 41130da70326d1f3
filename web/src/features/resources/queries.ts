import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export {
  RESOURCE_KINDS,
  catalogueKeys,
  chapterLabel,
  useChapterTree,
  useResources,
  useTextbooks,
  volumeLabel,
  type ChapterNode,
  type ChapterTree,
  type ResourceFilters,
  type ResourceKind,
  type ResourceSummary,
  type TextbookView,
} from '../../components/catalogue/queries';
import { catalogueKeys } from '../../components/catalogue/queries';

export type ResourceDetail = components['schemas']['ResourceDetailView'];
export type VersionView = components['schemas']['VersionView'];
export type CreateResourceBody = components['schemas']['CreateResourceDto'];

export const VISIBILITIES = ['private', 'school', 'group', 'public'] as const;
export const AUDIENCES = ['teachers_only', 'everyone'] as const;
export const LICENSES = ['all_rights_reserved', 'cc_by', 'cc_by_sa', 'cc_by_nc', 'cc_by_nc_sa', 'cc0'] as const;

export const keys = {
  ...catalogueKeys,
  detail: (id: string) => ['resources', 'detail', id] as const,
  queue: (state: string) => ['resources', 'review-queue', state] as const,
  ratings: (id: string) => ['resources', 'ratings', id] as const,
  preview: (id: string, versionId: string | undefined, state: string | undefined) =>
    ['resources', 'preview', id, versionId, state] as const,
};

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

function useInvalidateResources() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['resources'] }).then(() => qc.invalidateQueries({ queryKey: ['textbooks'] }));
}

/** A change to resources: on success every resource list, detail and the catalogue counts are fetched again. */
function useResourceMutation<V, D>(mutationFn: (v: V) => Promise<D>, onSaved?: (d: D) => void) {
  const invalidate = useInvalidateResources();
  return useMutation({
    mutationFn,
    // the caller goes on as soon as the change is saved (a dialog closes at once); lists refetch behind it
    onSuccess: (d: D) => {
      onSaved?.(d);
      void invalidate();
    },
  });
}

type UpdateResourceBody = components['schemas']['UpdateResourceDto'];
type ReviewDecision = 'approve' | 'reject';

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

export function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
