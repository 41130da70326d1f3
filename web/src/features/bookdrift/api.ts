import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type S = components['schemas'];
export type CopyView = S['CopyView'];
export type ShipmentView = S['ShipmentView'];
export type CampaignView = S['CampaignView'];

export function useSchools() {
  return useQuery({ queryKey: ['schools'], queryFn: () => call(api.GET('/api/schools')) });
}

export function useShipments(schoolId: string | null | undefined) {
  return useQuery({
    queryKey: ['bookdrift', 'shipments', schoolId],
    enabled: !!schoolId,
    queryFn: () => call(api.GET('/api/bookdrift/shipments', { params: { query: { schoolId: schoolId! } } })),
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
