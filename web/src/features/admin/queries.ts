import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import type { Role } from '../../app/auth';
import { orgKeys } from '../../components/org/queries';

export { useGroups, useSchools, type GroupView, type SchoolView } from '../../components/org/queries';

export type UserView = components['schemas']['UserView'];
type CreateUserBody = components['schemas']['CreateUserDto'];
type UpdateUserBody = components['schemas']['UpdateUserDto'];
/** One row error of a CSV import (the generated schema types `errors` loosely). */
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}
export type ImportView = Omit<components['schemas']['ImportView'], 'errors'> & { errors: ImportRowError[] };
/** The server sends `{ row, field, message }` objects; its OpenAPI document calls them strings. */
function asImport(v: components['schemas']['ImportView']): ImportView {
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
  schools: orgKeys.schools,
  groups: orgKeys.groups,
  users: (filters: UserFilters) => ['users', filters] as const,
  userCount: (filters: UserFilters) => ['users', 'count', filters] as const,
  parents: (q: string) => ['users', 'parents', q] as const,
  userImport: (id: string | null) => ['user-imports', id] as const,
  schoolImports: (schoolId: string | null) => ['user-imports', 'school', schoolId] as const,
};

type Schemas = components['schemas'];
export type GroupSchool = Schemas['GroupSchoolView'];

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

/** Parents to link a student to, found by name or username. */
export function useParentSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: keys.parents(q),
    enabled,
    queryFn: () => call(api.GET('/api/users', { params: { query: { role: 'parent', q: q || undefined, limit: 20 } } })),
  });
}

export function useCreateUser() {
  return useMutation({ mutationFn: (body: CreateUserBody) => call(api.POST('/api/users', { body })) });
}

export function useUpdateUser() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
      call(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      call(api.POST('/api/users/{id}/password', { params: { path: { id } }, body: { newPassword } })),
  });
}

export function useLinkGuardian() {
  return useMutation({
    mutationFn: ({ studentId, body }: { studentId: string; body: Schemas['LinkGuardianDto'] }) =>
      call(api.POST('/api/users/{id}/guardians', { params: { path: { id: studentId } }, body })),
  });
}

/** The signed-in user changes their own password. */
export function useChangeOwnPassword() {
  return useMutation({
    mutationFn: (body: Schemas['ChangePasswordDto']) => call(api.POST('/api/auth/password', { body })),
  });
}

export function useSaveSchool() {
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Schemas['CreateSchoolDto'] }) =>
      id
        ? call(
            api.PATCH('/api/schools/{id}', {
              params: { path: { id } },
              body: { name: body.name, locality: body.locality, stage: body.stage, district: body.district ?? '' },
            }),
          )
        : call(api.POST('/api/schools', { body: { ...body, district: body.district || undefined } })),
  });
}

export function useCreateGroup() {
  return useMutation({ mutationFn: (body: Schemas['CreateGroupDto']) => call(api.POST('/api/groups', { body })) });
}

export function useAddGroupSchool() {
  return useMutation({
    mutationFn: ({ groupId, schoolId }: { groupId: string; schoolId: string }) =>
      call(api.POST('/api/groups/{id}/schools', { params: { path: { id: groupId } }, body: { schoolId } })),
  });
}

export function useRemoveGroupSchool() {
  return useMutation({
    mutationFn: ({ groupId, schoolId }: { groupId: string; schoolId: string }) =>
      call(api.DELETE('/api/groups/{id}/schools/{schoolId}', { params: { path: { id: groupId, schoolId } } })),
  });
}

export function useInvalidateGroups() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: keys.groups });
}

export function useInvalidateSchoolsAndGroups() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: keys.schools });
    void qc.invalidateQueries({ queryKey: keys.groups });
  };
}

export function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: ['users'] });
}

/** One CSV import, polled every `pollMs` until it is done or failed. */
export function useUserImport(id: string | null, pollMs: number) {
  return useQuery({
    queryKey: keys.userImport(id),
    enabled: !!id,
    queryFn: async () => asImport(await call(api.GET('/api/user-imports/{id}', { params: { path: { id: id! } } }))),
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : pollMs),
  });
}

export function useSchoolImports(schoolId: string | null) {
  return useQuery({
    queryKey: keys.schoolImports(schoolId),
    enabled: !!schoolId,
    queryFn: async () => (await call(api.GET('/api/user-imports', { params: { query: { schoolId: schoolId! } } }))).map(asImport),
  });
}

/** Starts an import of a CSV file (multipart); the server answers in the given language. */
export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ schoolId, file, language }: { schoolId: string; file: File; language: string }) => {
      const form = new FormData();
      form.append('schoolId', schoolId);
      form.append('file', file, file.name);
      return asImport(
        await call(
          api.POST('/api/user-imports', {
            params: { header: { 'accept-language': language } },
            body: {},
            bodySerializer: () => form,
          }),
        ),
      );
    },
    onSuccess: (started) => qc.setQueryData(keys.userImport(started.id), started),
  });
}

export function useInvalidateSchoolImports() {
  const qc = useQueryClient();
  return useCallback((schoolId: string | null) => void qc.invalidateQueries({ queryKey: keys.schoolImports(schoolId) }), [qc]);
}
