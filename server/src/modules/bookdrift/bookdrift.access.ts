import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import { ADMIN_ROLES, STAFF_ROLES, type Principal, type Role } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { ReadingList } from './bookdrift.entities.js';

const roles = (...r: Role[]): Role[] => r;

/** Route rules of the module (the record-level rules are in BookdriftAccess below). */
export const BOOKDRIFT_ROLES = {
  /** school admins run the library; group and platform admins may act for them */
  librarians: ADMIN_ROLES,
  /** who plans campaigns */
  groupAdmins: roles('platform_admin', 'group_admin'),
  /** who writes reading notes */
  noteWriters: roles('student'),
  /** who reviews pupils' reading notes */
  noteReviewers: roles('platform_admin', 'school_admin', 'teacher'),
  /** who keeps reading lists for a school */
  listKeepers: roles('school_admin', 'teacher'),
  staff: STAFF_ROLES,
} as const;

/** The facts of a record that the rules read. */
interface CampaignFacts {
  groupId: string;
}
interface ShipmentFacts {
  fromSchoolId: string;
  toSchoolId: string;
}
interface CopyFacts {
  schoolId: string;
  locationSchoolId: string | null;
}

/**
 * Who may do what to which book-drift record. Services ask here instead of testing roles:
 * - campaigns belong to an education group: its members see them, its group admin (and a
 *   platform admin) plans, adjusts and cancels them;
 * - a shipment is seen and handled by the staff of its sending school (pack, send) and of its
 *   receiving school (scan, receive), i.e. whoever administers that school;
 * - a school's catalogue is kept by those who administer the school, and read by its group's teachers;
 * - a pupil's reading note is reviewed by the pupil's school (platform admins: any).
 * "Administers a school" is the organizations module's rule (school admin of it, group admin of its group, platform admin).
 */
@Injectable()
export class BookdriftAccess {
  constructor(private readonly orgs: OrganizationsService) {}

  administers(p: Principal, schoolId: string): boolean {
    return this.orgs.canAdministerSchool(p, schoolId);
  }

  assertAdministers(p: Principal, schoolId: string): void {
    if (!this.administers(p, schoolId)) throw AppError.forbidden();
  }

  /** A school the caller reaches through its groups (platform admins: every school). */
  reachesSchool(p: Principal, schoolId: string): boolean {
    return p.role === 'platform_admin' || p.groupSchoolIds.includes(schoolId);
  }

  // ---------------------------------------------------------------- campaigns

  /** The groups whose campaigns the caller sees; null for every group. */
  campaignGroups(p: Principal): string[] | null {
    return p.role === 'platform_admin' ? null : p.groupIds;
  }

  canSeeCampaign(p: Principal, c: CampaignFacts): boolean {
    return p.role === 'platform_admin' || p.groupIds.includes(c.groupId);
  }

  managesCampaign(p: Principal, c: CampaignFacts): boolean {
    return p.role === 'platform_admin' || (p.role === 'group_admin' && p.groupIds.includes(c.groupId));
  }

  assertManagesCampaign(p: Principal, c: CampaignFacts): void {
    if (!this.managesCampaign(p, c)) throw AppError.forbidden();
  }

  /** The group a new campaign of the caller must be in: a group admin's own; null when any group will do. */
  groupForNewCampaign(p: Principal): string | null {
    return p.role === 'group_admin' ? p.groupIds[0] : null;
  }

  mayPlanInGroup(p: Principal, groupId: string): boolean {
    return p.role !== 'group_admin' || p.groupIds.includes(groupId);
  }

  // ---------------------------------------------------------------- shipments

  canSeeShipment(p: Principal, s: ShipmentFacts): boolean {
    return this.administers(p, s.fromSchoolId) || this.administers(p, s.toSchoolId);
  }

  /** Packing and sending: the sending school's staff. */
  assertSender(p: Principal, s: ShipmentFacts): void {
    if (!this.administers(p, s.fromSchoolId)) throw AppError.forbidden('bookdrift.notSender');
  }

  /** Scanning and receiving: the receiving school's staff. */
  assertReceiver(p: Principal, s: ShipmentFacts): void {
    if (!this.administers(p, s.toSchoolId)) throw AppError.forbidden('bookdrift.notReceiver');
  }

  /** Cancelling: the sender, or whoever manages the campaign. */
  assertMayCancel(p: Principal, s: ShipmentFacts, c: CampaignFacts): void {
    if (!this.administers(p, s.fromSchoolId) && !this.managesCampaign(p, c)) throw AppError.forbidden('bookdrift.notSender');
  }

  // ---------------------------------------------------------------- catalogue and copies

  assertSeesCatalogue(p: Principal, schoolId: string): void {
    if (this.administers(p, schoolId)) return;
    if (p.role === 'teacher' && p.groupSchoolIds.includes(schoolId)) return;
    throw AppError.forbidden();
  }

  /** A copy (its page, "where does it belong?") is known within the groups of its owning school. */
  canSeeCopy(p: Principal, c: Pick<CopyFacts, 'schoolId'>): boolean {
    return this.reachesSchool(p, c.schoolId);
  }

  /** Sharing, labels, batches: the owning library only. */
  keepsCopy(p: Principal, c: Pick<CopyFacts, 'schoolId'>): boolean {
    return this.administers(p, c.schoolId);
  }

  /** Damage, loss, withdrawal: the owning library or the school that has the copy now. */
  mayReportCopy(p: Principal, c: CopyFacts): boolean {
    return this.administers(p, c.schoolId) || (!!c.locationSchoolId && this.administers(p, c.locationSchoolId));
  }

  // ---------------------------------------------------------------- copy pages and reading notes

  /** Staff see a copy's full history, with who did what. */
  seesCopyHistory(p: Principal): boolean {
    return STAFF_ROLES.includes(p.role);
  }

  canWriteNote(p: Principal): boolean {
    return p.role === 'student' && !!p.schoolId;
  }

  /** Whose notes the caller reviews: 'all', one school, or none. */
  noteReviewScope(p: Principal): 'all' | { schoolId: string } | null {
    if (p.role === 'platform_admin') return 'all';
    return p.schoolId ? { schoolId: p.schoolId } : null;
  }

  assertReviewsNote(p: Principal, note: { schoolId: string }): void {
    if (p.role !== 'platform_admin' && p.schoolId !== note.schoolId) throw AppError.forbidden('bookdrift.noteNotYourSchool');
  }

  // ---------------------------------------------------------------- reading lists

  canSeeList(p: Principal, l: Pick<ReadingList, 'visibility' | 'schoolId'>): boolean {
    if (p.role === 'platform_admin' || l.visibility === 'public') return true;
    if (l.visibility === 'group') return p.groupSchoolIds.includes(l.schoolId);
    return p.schoolId === l.schoolId || (p.role === 'group_admin' && p.groupSchoolIds.includes(l.schoolId));
  }

  /** The facts the list browser filters on (see ListsRepository.browse); null: every list. */
  listScope(p: Principal): { schoolId: string | null; groupSchoolIds: string[] } | null {
    return p.role === 'platform_admin' ? null : { schoolId: p.schoolId, groupSchoolIds: p.groupSchoolIds };
  }
}
