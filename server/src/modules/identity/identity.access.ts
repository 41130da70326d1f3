import { AppError } from '../../common/errors.js';
import { ADMIN_ROLES, type Principal, type Role } from '../../common/roles.js';
import { canAdministerSchool } from '../organizations/organizations.access.js';
import type { User, UserImport } from './identity.entities.js';

/**
 * Who may see and manage which accounts. A platform admin reaches every account; a group admin the
 * accounts of their group's schools and the group admins of their group; a school admin the
 * accounts of their school. Parents need not belong to a school. Guardianship: a student under
 * GUARDIAN_AGE (or of unknown age: no birth date) without a linked parent is restricted.
 */

/** Which roles each admin may create or manage. */
const MANAGEABLE: Record<Role, readonly Role[]> = {
  platform_admin: ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'],
  group_admin: ['school_admin', 'teacher', 'student', 'parent'],
  school_admin: ['teacher', 'student', 'parent'],
  teacher: [],
  student: [],
  parent: [],
};

/**
 * The routes an account that must change its password (initial or reset password) may still call, as
 * `METHOD path`; the guard refuses every other with `auth.mustChangePassword`. Sign-in and refresh are public.
 */
export const ROUTES_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  'GET /api/auth/me',
  'POST /api/auth/password',
  'POST /api/auth/logout',
]);

/** Roles that manage accounts and run CSV imports. */
export const ACCOUNT_ADMIN_ROLES: Role[] = ADMIN_ROLES;
/** Roles whose accounts must belong to a school. */
export const SCHOOL_BOUND_ROLES: readonly Role[] = ['school_admin', 'teacher', 'student'];

/** Throws unless `p` may create or manage an account of `role` in `schoolId`/`groupId`. */
export function assertCanManage(p: Principal, role: Role, schoolId: string | null, groupId: string | null): void {
  if (!MANAGEABLE[p.role].includes(role)) throw AppError.forbidden('user.roleNotAllowed');
  if (p.role === 'platform_admin') return;
  if (role === 'group_admin') {
    if (!groupId || !p.groupIds.includes(groupId)) throw AppError.forbidden();
    return;
  }
  if (role === 'parent' && !schoolId) {
    if (p.role === 'school_admin' || p.role === 'group_admin') return; // parents may exist without a school
  }
  if (!schoolId || !canAdministerSchool(p, schoolId)) throw AppError.forbidden();
}

/** May `p` see that account? (A hidden one answers as not found.) */
export function canSeeUser(p: Principal, u: Pick<User, 'role' | 'groupId' | 'schoolId'>): boolean {
  if (p.role === 'platform_admin') return true;
  if (u.role === 'group_admin') return p.role === 'group_admin' && p.groupIds.includes(u.groupId ?? '');
  return !!u.schoolId && canAdministerSchool(p, u.schoolId);
}

/** Which accounts a listing may show: all (optionally of one school), or those of some schools. */
export type UserListScope = { all: true; schoolId?: string } | { all: false; schoolIds: string[] };

/** The listing scope of `p`, narrowed to `schoolId` when asked; asking for another school is forbidden. */
export function userListScope(p: Principal, schoolId?: string): UserListScope {
  if (p.role === 'platform_admin') return { all: true, schoolId };
  const allowed = p.role === 'school_admin' ? (p.schoolId ? [p.schoolId] : []) : p.groupSchoolIds;
  const schoolIds = schoolId ? allowed.filter((s) => s === schoolId) : allowed;
  if (schoolId && !schoolIds.length) throw AppError.forbidden();
  return { all: false, schoolIds };
}

/** May `p` link that parent to one of their students? A parent of no school may be linked by any admin. */
export const canLinkParent = (p: Principal, parent: Pick<User, 'schoolId'>): boolean =>
  !parent.schoolId || canAdministerSchool(p, parent.schoolId);

/** May `p` see that import? Its school's admins may. */
export const canSeeImport = (p: Principal, imp: Pick<UserImport, 'schoolId'>): boolean => canAdministerSchool(p, imp.schoolId);

/** The generated initial passwords go only to whoever started the import. */
export const canDownloadCredentials = (p: Principal, imp: Pick<UserImport, 'status' | 'createdBy'>): boolean =>
  imp.status === 'done' && imp.createdBy === p.userId;

/** The age under which a student needs a guardian link. */
export const GUARDIAN_AGE = 14;

export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

/**
 * A student under GUARDIAN_AGE needs a linked guardian. A student without a birth date (it is
 * optional on create and in CSV import) counts as under GUARDIAN_AGE: an unknown age never lifts
 * the restriction.
 */
export function needsGuardian(u: Pick<User, 'role' | 'birthDate'>): boolean {
  return u.role === 'student' && (!u.birthDate || ageOn(u.birthDate) < GUARDIAN_AGE);
}

/** Restricted: needs a guardian and has none (may only watch public lectures). */
export const isRestricted = (u: Pick<User, 'role' | 'birthDate'>, hasGuardian: boolean): boolean =>
  needsGuardian(u) && !hasGuardian;
