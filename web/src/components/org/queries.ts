import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type SchoolView = components['schemas']['SchoolView'];
export type GroupView = components['schemas']['GroupView'];

/** Schools, groups and the signed-in user's children: read by several feature areas and the home page. */
export const orgKeys = {
  schools: ['schools'] as const,
  groups: ['groups'] as const,
  group: (id: string) => ['groups', id] as const,
  children: ['me', 'children'] as const,
};

export function useSchools(enabled = true) {
  return useQuery({ queryKey: orgKeys.schools, queryFn: () => call(api.GET('/api/schools')), enabled });
}

export function useGroups(enabled = true) {
  return useQuery({ queryKey: orgKeys.groups, queryFn: () => call(api.GET('/api/groups')), enabled });
}

export function useGroup(id: string, enabled = true) {
  return useQuery({
    queryKey: orgKeys.group(id),
    enabled,
    queryFn: () => call(api.GET('/api/groups/{id}', { params: { path: { id } } })),
  });
}

/** A parent's linked children. */
export function useMyChildren() {
  return useQuery({ queryKey: orgKeys.children, queryFn: () => call(api.GET('/api/me/children')) });
}
