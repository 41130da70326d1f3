import type { Principal, Role } from '../../common/roles.js';

/**
 * Who may see and manage which school and group. Platform admins reach everything; a group admin
 * the schools of their group; a school admin their own school; everyone sees the schools and
 * groups they act in (`p.groupSchoolIds`, `p.groupIds`).
 */

/** Roles that create schools (a group admin's new school joins their group). */
export const SCHOOL_CREATOR_ROLES: Role[] = ['platform_admin', 'group_admin'];
/**
 * Roles that reach the member routes of a group: a group admin may take a school out of their own group;
 * attaching one needs the platform admin (`canAttachSchool`).
 */
export const GROUP_MEMBERSHIP_ROLES: Role[] = ['platform_admin', 'group_admin'];

export const seesAllOrganizations = (p: Principal): boolean => p.role === 'platform_admin';

/** May this caller administer that school? */
export function canAdministerSchool(p: Principal, schoolId: string): boolean {
  if (p.role === 'platform_admin') return true;
  if (p.role === 'group_admin') return p.groupSchoolIds.includes(schoolId);
  if (p.role === 'school_admin') return p.schoolId === schoolId;
  return false;
}

/** May this caller see that group (its schools, its kind)? */
export const canSeeGroup = (p: Principal, groupId: string): boolean => seesAllOrganizations(p) || p.groupIds.includes(groupId);

/** May this caller change the member schools of that group? (The route admits only GROUP_MEMBERSHIP_ROLES.) */
export const canManageGroupMembers = (p: Principal, groupId: string): boolean =>
  p.role !== 'group_admin' || p.groupIds.includes(groupId);

/**
 * May this caller attach an existing school to a group? Only the platform admin: a group admin who could
 * attach any school would reach its accounts (minors included), reset a teacher's password and act as them.
 * (A school a group admin creates joins their group at once, see `groupOfNewSchool`.)
 */
export const canAttachSchool = (p: Principal): boolean => p.role === 'platform_admin';

/** The group a new school of this caller joins at once: a group admin's own group. */
export const groupOfNewSchool = (p: Principal): string | null => (p.role === 'group_admin' ? (p.groupIds[0] ?? null) : null);
