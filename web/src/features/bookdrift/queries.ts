import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export { useSchools } from '../../components/org/queries';

export type S = components['schemas'];
export type CopyView = S['CopyView'];
export type ShipmentView = S['ShipmentView'];
export type CampaignView = S['CampaignView'];
export type ShipmentAction = 'pack' | 'send' | 'cancel';

interface CopyFilters {
  q?: string;
  shared?: boolean;
  onShelf?: boolean;
}

export const keys = {
  all: ['bookdrift'] as const,
  copies: (schoolId: string | null | undefined, f: CopyFilters = {}) => ['bookdrift', 'copies', schoolId, f] as const,
  allCopies: ['bookdrift', 'copies'] as const,
  shipments: (schoolId: string | null | undefined) => ['bookdrift', 'shipments', schoolId] as const,
  shipment: (id: string) => ['bookdrift', 'shipment', id] as const,
  campaigns: ['bookdrift', 'campaigns'] as const,
  campaign: (id: string) => ['bookdrift', 'campaign', id] as const,
  dashboard: (id: string) => ['bookdrift', 'dashboard', id] as const,
  lists: ['bookdrift', 'lists'] as const,
  list: (id: string) => ['bookdrift', 'list', id] as const,
  drift: (code: string) => ['bookdrift', 'drift', code] as const,
  publicDrift: (code: string, lang: string) => ['bookdrift', 'public', code, lang] as const,
  pendingNotes: ['bookdrift', 'pending'] as const,
};

/** After any book-drift change: everything under `bookdrift` may have moved (copies, shipments, campaigns). */
function useInvalidate(queryKey: readonly unknown[] = keys.all) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey });
}

export function useCopies(schoolId: string | null | undefined, f: CopyFilters, enabled = true) {
  return useQuery({
    queryKey: keys.copies(schoolId, f),
    enabled: enabled && !!schoolId,
    queryFn: () =>
      call(
        api.GET('/api/bookdrift/copies', {
          params: {
            query: {
              schoolId: schoolId!,
              limit: 200,
              q: f.q || undefined,
              shared: f.shared ? 'true' : undefined,
              state: f.onShelf ? 'on_shelf' : undefined,
            },
          },
        }),
      ),
  });
}

/** Imports a catalogue file (CSV or Excel) into a school's library. */
export function useImportCatalogue() {
  const invalidate = useInvalidate(keys.allCopies);
  return useMutation({
    mutationFn: ({ schoolId, file }: { schoolId: string; file: File }) => {
      const form = new FormData();
      form.set('schoolId', schoolId);
      form.set('file', file);
      return call(
        api.POST('/api/bookdrift/catalogue/import', { body: form as never, bodySerializer: (b: unknown) => b as FormData }),
      );
    },
    onSuccess: () => void invalidate(),
  });
}

export function useShareCopies() {
  const invalidate = useInvalidate(keys.allCopies);
  return useMutation({
    mutationFn: (body: { copyIds: string[]; shared: boolean }) => call(api.POST('/api/bookdrift/copies/share', { body })),
    onSuccess: () => void invalidate(),
  });
}

/** The PDF of drift labels (QR codes) for the given copies. */
export function useLabelsPdf() {
  return useMutation({
    mutationFn: async (copyIds: string[]) => {
      const { data, response, error } = await api.POST('/api/bookdrift/copies/labels', {
        body: { copyIds },
        parseAs: 'blob',
      });
      if (!response.ok || !data)
        throw new Error((error as unknown as { message?: string } | undefined)?.message ?? response.statusText);
      return data as Blob;
    },
  });
}

export function useShipments(schoolId: string | null | undefined) {
  return useQuery({
    queryKey: keys.shipments(schoolId),
    enabled: !!schoolId,
    queryFn: () => call(api.GET('/api/bookdrift/shipments', { params: { query: { schoolId: schoolId! } } })),
  });
}

export function useShipment(id: string) {
  return useQuery({
    queryKey: keys.shipment(id),
    queryFn: () => call(api.GET('/api/bookdrift/shipments/{id}', { params: { path: { id } } })),
  });
}

export function useShipmentAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: ShipmentAction }) => {
      const params = { path: { id } };
      if (action === 'pack') return call(api.POST('/api/bookdrift/shipments/{id}/pack', { params }));
      if (action === 'send') return call(api.POST('/api/bookdrift/shipments/{id}/send', { params }));
      return call(api.POST('/api/bookdrift/shipments/{id}/cancel', { params }));
    },
    onSuccess: () => void invalidate(),
  });
}

/** Scans one drift code into a shipment being received. */
export function useScanIntoShipment(id: string) {
  const invalidate = useInvalidate(keys.shipment(id));
  return useMutation({
    mutationFn: (code: string) =>
      call(api.POST('/api/bookdrift/shipments/{id}/scan', { params: { path: { id } }, body: { code } })),
    onSuccess: () => void invalidate(),
  });
}

export function useCompleteShipment(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => call(api.POST('/api/bookdrift/shipments/{id}/complete', { params: { path: { id } } })),
    onSuccess: () => void invalidate(),
  });
}

export function useCampaigns() {
  return useQuery({ queryKey: keys.campaigns, queryFn: () => call(api.GET('/api/bookdrift/campaigns')) });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: keys.campaign(id),
    queryFn: () => call(api.GET('/api/bookdrift/campaigns/{id}', { params: { path: { id } } })),
  });
}

export function useCampaignDashboard(id: string) {
  return useQuery({
    queryKey: keys.dashboard(id),
    queryFn: () => call(api.GET('/api/bookdrift/campaigns/{id}/dashboard', { params: { path: { id } } })),
  });
}

export function useCreateCampaign() {
  return useMutation({ mutationFn: (body: S['CreateCampaignDto']) => call(api.POST('/api/bookdrift/campaigns', { body })) });
}

export function useSaveBatch(campaignId: string, schoolId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (copyIds: string[]) =>
      call(
        api.PUT('/api/bookdrift/campaigns/{id}/batches/{schoolId}', {
          params: { path: { id: campaignId, schoolId } },
          body: { copyIds },
        }),
      ),
    onSuccess: () => void invalidate(),
  });
}

export function useSaveSchedule(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (legs: S['ScheduleDto']['legs']) =>
      call(api.PUT('/api/bookdrift/campaigns/{id}/schedule', { params: { path: { id: campaignId } }, body: { legs } })),
    onSuccess: () => void invalidate(),
  });
}

export function usePlanRound(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (round: number) =>
      call(api.POST('/api/bookdrift/campaigns/{id}/rounds/{round}/plan', { params: { path: { id: campaignId, round } } })),
    onSuccess: () => void invalidate(),
  });
}

/** A school joins a running campaign, or leaves it, from the given round on. */
export function useChangeMembership(campaignId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ kind, schoolId, fromRound }: { kind: 'join' | 'leave'; schoolId: string; fromRound: number }) => {
      const body = { schoolId, fromRound };
      const params = { path: { id: campaignId } };
      return call(
        kind === 'join'
          ? api.POST('/api/bookdrift/campaigns/{id}/join', { params, body })
          : api.POST('/api/bookdrift/campaigns/{id}/leave', { params, body }),
      );
    },
    onSuccess: () => void invalidate(),
  });
}

export function useReadingLists() {
  return useQuery({ queryKey: keys.lists, queryFn: () => call(api.GET('/api/bookdrift/lists')) });
}

export function useReadingList(id: string) {
  return useQuery({
    queryKey: keys.list(id),
    queryFn: () => call(api.GET('/api/bookdrift/lists/{id}', { params: { path: { id } } })),
  });
}

export function useCreateList() {
  return useMutation({ mutationFn: (body: S['CreateListDto']) => call(api.POST('/api/bookdrift/lists', { body })) });
}

export function useFollowList(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (follow: boolean) =>
      call(
        follow
          ? api.POST('/api/bookdrift/lists/{id}/follow', { params: { path: { id } } })
          : api.DELETE('/api/bookdrift/lists/{id}/follow', { params: { path: { id } } }),
      ),
    onSuccess: () => void invalidate(),
  });
}

export function useCopyList(id: string) {
  return useMutation({ mutationFn: () => call(api.POST('/api/bookdrift/lists/{id}/copy', { params: { path: { id } } })) });
}

/** A copy's page by its drift code (signed in). */
export function useDriftCopy(code: string) {
  return useQuery({
    queryKey: keys.drift(code),
    queryFn: () => call(api.GET('/api/bookdrift/drift/{code}', { params: { path: { code } } })),
    retry: false,
  });
}

/** The public QR label page (signed out): book, home school, journey by school names. */
export function usePublicDriftCopy(code: string, lang: string) {
  return useQuery({
    queryKey: keys.publicDrift(code, lang),
    queryFn: () => call(api.GET('/api/bookdrift/public/drift/{code}', { params: { path: { code } } })),
    retry: false,
  });
}

export function useWriteNote(code: string) {
  const invalidate = useInvalidate(keys.drift(code));
  return useMutation({
    mutationFn: (body: S['CreateNoteDto']) =>
      call(api.POST('/api/bookdrift/drift/{code}/notes', { params: { path: { code } }, body })),
    onSuccess: () => void invalidate(),
  });
}

export function usePendingNotes() {
  return useQuery({ queryKey: keys.pendingNotes, queryFn: () => call(api.GET('/api/bookdrift/notes/pending')) });
}

export function useReviewNote() {
  const invalidate = useInvalidate(keys.pendingNotes);
  return useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      call(api.POST('/api/bookdrift/notes/{id}/review', { params: { path: { id } }, body: { approve } })),
    onSuccess: () => void invalidate(),
  });
}

export function formatCode(code: string | null | undefined): string {
  return code ? `${code.slice(0, 4)}-${code.slice(4)}` : '';
}

/** Saves a Blob as a download. */
export function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
