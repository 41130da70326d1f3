import type { Principal, Role } from '../../common/roles.js';

/**
 * Who may see and manage which school and group. Platform admins reach everything; a group admin
 * the schools of their group; a school admin their own school; everyone sees the schools and
 * groups they act in (`p.groupSchoolIds`, `p.groupIds`).
 */

/** Roles that create schools (a group admin's new school joins their group). */
export const SCHOOL_CREATOR_ROLES: Role[] = ['platform_admin', 'group_admin'];
/** Roles that add schools to a group or take them out. */
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

/** The group a new school of this caller joins at once: a group admin's own group. */
export const groupOfNewSchool = (p: Principal): string | null => (p.role === 'group_admin' ? (p.groupIds[0] ?? null) : null);
