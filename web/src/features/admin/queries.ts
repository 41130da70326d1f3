import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import type { Role } from '../../app/auth';

export type SchoolView = components['schemas']['SchoolView'];
export type GroupView = components['schemas']['GroupView'];
export type UserView = components['schemas']['UserView'];
export type CreateUserBody = components['schemas']['CreateUserDto'];
export type UpdateUserBody = components['schemas']['UpdateUserDto'];
/** One row error of a CSV import (the generated schema types `errors` loosely). */
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}
export type ImportView = Omit<components['schemas']['ImportView'], 'errors'> & { errors: ImportRowError[] };
/** The server sends `{ row, field, message }` objects; its OpenAPI document calls them strings. */
export function asImport(v: components['schemas']['ImportView']): ImportView {
  return v as unknown as ImportView;
}

export const ROLES: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'];
export const LOCALITIES = ['urban', 'township', 'rural'] as const;
export const STAGES = ['primary', 'junior', 'nine_year', 'senior', 'complete'] as const;
export const TEACHER_TITLES = ['famous_teacher', 'chief_teacher', 'senior_teacher', 'special_grade_teacher'] as const;
export type TeacherTitle = (typeof TEACHER_TITLES)[number];

/** Which roles each admin may create or manage (mirrors the server's rule). */
export const MANAGEABLE: Record<Role, Role[]> = {
  platform_admin: ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'],
  group_admin: ['school_admin', 'teacher', 'student', 'parent'],
  school_admin: ['teacher', 'student', 'parent'],
  teacher: [],
  student: [],
  parent: [],
};

export const keys = {
  schools: ['schools'] as const,
  groups: ['groups'] as const,
  users: (filters: UserFilters) => ['users', filters] as const,
  userCount: (filters: UserFilters) => ['users', 'count', filters] as const,
  userImport: (id: string) => ['user-imports', id] as const,
};

export function useSchools(enabled = true) {
  return useQuery({ queryKey: keys.schools, queryFn: () => call(api.GET('/api/schools')), enabled });
}

export function useGroups(enabled = true) {
  return useQuery({ queryKey: keys.groups, queryFn: () => call(api.GET('/api/groups')), enabled });
}

export interface UserFilters {
  schoolId?: string;
  role?: Role;
  q?: string;
}

/** Keyset-paginated user list: each page continues after the previous page's cursor. */
export function useUsers(filters: UserFilters, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: keys.users(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/users', { params: { query: { ...filters, limit: pageSize, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const COUNT_CAP = 200;

/** How many users match: exact up to COUNT_CAP, then "200+" (one page of the real list, never a guess). */
export function useUserCount(filters: UserFilters, enabled = true) {
  return useQuery({
    queryKey: keys.userCount(filters),
    enabled,
    queryFn: async () => {
      const page = await call(api.GET('/api/users', { params: { query: { ...filters, limit: COUNT_CAP } } }));
      return { count: page.items.length, more: page.nextCursor !== null };
    },
  });
}
