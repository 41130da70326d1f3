import { useMe, type Role } from './auth';

const ADMINS: Role[] = ['platform_admin', 'group_admin', 'school_admin'];
const GROUP_ADMINS: Role[] = ['platform_admin', 'group_admin'];
const STAFF: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher'];
const EVERYONE: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'];

/**
 * What the signed-in user may do, by name (after ant-design-pro's `src/access.ts`). Routes, menus,
 * home cards and pages ask for a capability, never for a list of roles. The server checks again
 * on every call; these only decide what the web shows. Each mirrors the server's rule.
 */
const CAPABILITIES = {
  signedIn: EVERYONE,
  /** users, CSV imports, schools list, the admin overview */
  canAdministerSchools: ADMINS,
  /** education groups: their members; creating schools */
  canAdministerGroups: GROUP_ADMINS,
  /** creating education groups */
  canCreateGroups: ['platform_admin'],
  /** attaching an existing school to a group (a school joins a group only through the platform admin) */
  canAttachSchools: ['platform_admin'],
  /** act for any school of their group (not tied to their own school) */
  canActForManySchools: ['platform_admin', 'group_admin', 'teacher', 'student', 'parent'],
  /** pick a group to act for (the platform admin belongs to none) */
  canPickAnyGroup: ['platform_admin'],
  /** every role in the account filters (others see the roles they manage) */
  canSeeAllAccounts: ['platform_admin'],
  /** read their education groups (GET /api/groups) */
  canReadGroups: STAFF,
  /** a parent's linked children */
  canSeeChildren: ['parent'],
  /** lecture series and episodes: create, upload, edit */
  canManageLectures: STAFF,
  /** term calendars of a group */
  canEditCalendars: GROUP_ADMINS,
  /** retry a failed transcode */
  canRetryTranscodes: ADMINS,
  /** this week's lectures and continue watching on the home page */
  canWatchThisWeek: ['student', 'parent', 'teacher'],
  /** upload resources, see one's uploads, rate, filter the library by school */
  canContributeResources: STAFF,
  /** review resources shared with the group or the public */
  canReviewResources: ADMINS,
  /** library catalogue, labels, shipments (receiving too) */
  canManageLibrary: ADMINS,
  /** reading campaigns: see and take part */
  canSeeCampaigns: STAFF,
  /** plan campaigns, adjust the schedule, plan rounds, add or take out schools */
  canPlanCampaigns: GROUP_ADMINS,
  /** review students' reading notes */
  canReviewReadingNotes: ['platform_admin', 'school_admin', 'teacher'],
  /** write, follow and copy reading lists */
  canWriteReadingLists: ['school_admin', 'teacher'],
  /** open a copy by its drift code from the home page */
  canOpenDriftCodes: ['student', 'school_admin', 'teacher'],
} satisfies Record<string, Role[]>;

export type Capability = keyof typeof CAPABILITIES;
export type Access = Record<Capability, boolean> & { role: Role };

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as Role[]).includes(role);
}

/** The roles that have a capability (for declarations such as home cards). */
export function rolesWith(capability: Capability): Role[] {
  return [...CAPABILITIES[capability]];
}

export function accessFor(role: Role): Access {
  const access = { role } as Access;
  for (const c of Object.keys(CAPABILITIES) as Capability[]) access[c] = can(role, c);
  return access;
}

/** The signed-in user's capabilities. */
export function useAccess(): Access {
  return accessFor(useMe().role);
}
