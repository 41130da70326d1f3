import type { Principal, Role } from '../../common/roles.js';
import type { OrganizationsService } from '../organizations/organizations.service.js';
import { BookdriftAccess } from './bookdrift.access.js';

/** The rules of bookdrift.access.ts, with the organizations module's "administers a school" rule. */
const orgs = {
  canAdministerSchool: (p: Principal, schoolId: string) =>
    p.role === 'platform_admin' ||
    (p.role === 'group_admin' && p.groupSchoolIds.includes(schoolId)) ||
    (p.role === 'school_admin' && p.schoolId === schoolId),
} as unknown as OrganizationsService;
const access = new BookdriftAccess(orgs);

const who = (role: Role, schoolId: string | null, groupIds = ['g1'], groupSchoolIds = ['a', 'b']): Principal => ({
  userId: `${role}-${schoolId}`,
  sessionId: 's',
  role,
  displayName: role,
  schoolId,
  groupIds,
  groupSchoolIds,
  titles: [],
  restricted: false,
});
const platform = who('platform_admin', null, [], []);
const groupAdmin = who('group_admin', null);
const otherGroupAdmin = who('group_admin', null, ['g2'], ['c']);
const librarianA = who('school_admin', 'a');
const librarianB = who('school_admin', 'b');
const teacherA = who('teacher', 'a');
const student = who('student', 'a');

describe('book drift access policy', () => {
  it('campaigns: the group sees them, its group admin and platform admins manage them', () => {
    const c = { groupId: 'g1' };
    expect([platform, groupAdmin, librarianA, teacherA].map((p) => access.canSeeCampaign(p, c))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(access.canSeeCampaign(otherGroupAdmin, c)).toBe(false);
    expect([platform, groupAdmin, otherGroupAdmin, librarianA].map((p) => access.managesCampaign(p, c))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(() => access.assertManagesCampaign(librarianA, c)).toThrow();
    expect(access.campaignGroups(platform)).toBeNull();
    expect(access.groupForNewCampaign(groupAdmin)).toBe('g1');
    expect(access.groupForNewCampaign(platform)).toBeNull();
  });

  it('shipments: the sending school packs and sends, the receiving school scans and receives, the campaign’s admin may cancel', () => {
    const s = { fromSchoolId: 'a', toSchoolId: 'b' };
    expect(access.canSeeShipment(librarianA, s) && access.canSeeShipment(librarianB, s)).toBe(true);
    expect(access.canSeeShipment(teacherA, s)).toBe(false);
    expect(() => access.assertSender(librarianA, s)).not.toThrow();
    expect(() => access.assertSender(librarianB, s)).toThrow(expect.objectContaining({ key: 'bookdrift.notSender' }));
    expect(() => access.assertReceiver(librarianB, s)).not.toThrow();
    expect(() => access.assertReceiver(librarianA, s)).toThrow(expect.objectContaining({ key: 'bookdrift.notReceiver' }));
    expect(() => access.assertMayCancel(librarianB, s, { groupId: 'g1' })).toThrow();
    expect(() => access.assertMayCancel(who('group_admin', null, ['g1'], []), s, { groupId: 'g1' })).not.toThrow();
  });

  it('catalogue: kept by the school’s admins, read by its group’s teachers; damage reported where the copy is too', () => {
    expect(() => access.assertSeesCatalogue(teacherA, 'b')).not.toThrow();
    expect(() => access.assertSeesCatalogue(student, 'a')).toThrow();
    expect(access.keepsCopy(librarianA, { schoolId: 'a' })).toBe(true);
    expect(access.keepsCopy(librarianB, { schoolId: 'a' })).toBe(false);
    expect(access.mayReportCopy(librarianB, { schoolId: 'a', locationSchoolId: 'b' })).toBe(true);
    expect(access.mayReportCopy(librarianB, { schoolId: 'a', locationSchoolId: null })).toBe(false);
  });

  it('reading notes: pupils write, their own school reviews (platform admins any)', () => {
    expect(access.canWriteNote(student)).toBe(true);
    expect(access.canWriteNote(teacherA)).toBe(false);
    expect(access.noteReviewScope(platform)).toBe('all');
    expect(access.noteReviewScope(teacherA)).toEqual({ schoolId: 'a' });
    expect(access.noteReviewScope(groupAdmin)).toBeNull();
    expect(() => access.assertReviewsNote(teacherA, { schoolId: 'b' })).toThrow(
      expect.objectContaining({ key: 'bookdrift.noteNotYourSchool' }),
    );
    expect(access.seesCopyHistory(teacherA) && !access.seesCopyHistory(student)).toBe(true);
  });

  it('reading lists: public to all, group lists to the group, school lists to the school and its group admin', () => {
    expect(access.canSeeList(student, { visibility: 'group', schoolId: 'b' })).toBe(true);
    expect(access.canSeeList(otherGroupAdmin, { visibility: 'group', schoolId: 'b' })).toBe(false);
    expect(access.canSeeList(teacherA, { visibility: 'school', schoolId: 'b' })).toBe(false);
    expect(access.canSeeList(groupAdmin, { visibility: 'school', schoolId: 'b' })).toBe(true);
    expect(access.canSeeList(otherGroupAdmin, { visibility: 'public', schoolId: 'b' })).toBe(true);
  });
});
