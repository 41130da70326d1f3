export const ROLES = ['platform_admin', 'group_admin', 'school_admin', 'teacher', 'student', 'parent'] as const;
export type Role = (typeof ROLES)[number];

export const TEACHER_TITLES = ['famous_teacher', 'chief_teacher', 'senior_teacher', 'special_grade_teacher'] as const;
export type TeacherTitle = (typeof TEACHER_TITLES)[number];

/** Who is calling: resolved once per request by the auth guard. */
export interface Principal {
  userId: string;
  sessionId: string;
  role: Role;
  displayName: string;
  /** the user's own school (teachers, students, school admins) */
  schoolId: string | null;
  /** groups the user acts in: a group admin's group, or every group of the user's school */
  groupIds: string[];
  /** schools reachable through those groups (own school included) */
  groupSchoolIds: string[];
  titles: string[];
  /** a student under 14 with no guardian link: may only watch public lectures */
  restricted: boolean;
  /** signed in with an initial or reset password: may only change it, read `me` and sign out */
  mustChangePassword?: boolean;
}

export const ADMIN_ROLES: Role[] = ['platform_admin', 'group_admin', 'school_admin'];
export const STAFF_ROLES: Role[] = ['platform_admin', 'group_admin', 'school_admin', 'teacher'];
