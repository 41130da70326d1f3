import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedBookdrift } from '../modules/bookdrift/bookdrift.seed.js';
import { Guardianship, User } from '../modules/identity/identity.entities.js';
import { hashPassword } from '../modules/identity/passwords.js';
import { seedLectures } from '../modules/lectures/lectures.seed.js';
import { EducationGroup, GroupMembership, School } from '../modules/organizations/organization.entities.js';
import { seedResources } from '../modules/resources/resources.seed.js';
import { DEMO_PASSWORD, type SeedContext } from './seed-context.js';

export const DEMO_ACCOUNTS: { username: string; role: string; label: string }[] = [
  { username: 'admin', role: 'platform_admin', label: '平台管理员 platform admin' },
  { username: 'group.admin', role: 'group_admin', label: '集团管理员 group admin' },
  { username: 'school.admin', role: 'school_admin', label: '学校管理员（核心校）school admin' },
  { username: 'rural.admin', role: 'school_admin', label: '学校管理员（村小）rural school admin' },
  { username: 'teacher.li', role: 'teacher', label: '教师·名师（核心校）famous teacher' },
  { username: 'teacher.wang', role: 'teacher', label: '教师（村小）rural teacher' },
  { username: 'student.chen', role: 'student', label: '学生（八年级）student' },
  { username: 'parent.chen', role: 'parent', label: '家长 parent' },
];

/** Seeds the demo group once; returns false when data already exists. */
export async function seedDemo(
  app: INestApplicationContext,
  log: (line: string) => void = console.log,
  opts: { modules?: boolean } = {},
): Promise<SeedContext | null> {
  const db = app.get(DataSource);
  if (await db.getRepository(User).exists()) return null;
  const hash = await hashPassword(DEMO_PASSWORD);
  const ctx = await db.transaction(async (m) => {
    const schools = m.getRepository(School);
    const core = await schools.save({
      name: '木棉县第一实验学校',
      code: 'MM-SY1',
      locality: 'urban',
      stage: 'nine_year',
      district: '木棉县城关镇',
    });
    const township = await schools.save({
      name: '青石镇中心小学',
      code: 'MM-QSX',
      locality: 'township',
      stage: 'primary',
      district: '木棉县青石镇',
    });
    const rural = await schools.save({
      name: '柳溪村小学',
      code: 'MM-LXC',
      locality: 'rural',
      stage: 'primary',
      district: '木棉县青石镇柳溪村',
    });
    const townshipMiddle = await schools.save({
      name: '青石镇初级中学',
      code: 'MM-QSZ',
      locality: 'township',
      stage: 'junior',
      district: '木棉县青石镇',
    });
    const group = await m.getRepository(EducationGroup).save({
      name: '木棉县城乡教育共同体',
      kind: 'urban_rural',
      region: '木棉县',
      coreSchoolId: core.id,
    });
    await m.getRepository(GroupMembership).insert([
      { groupId: group.id, schoolId: core.id, role: 'core' },
      { groupId: group.id, schoolId: township.id, role: 'member' },
      { groupId: group.id, schoolId: rural.id, role: 'member' },
      { groupId: group.id, schoolId: townshipMiddle.id, role: 'member' },
    ]);
    const users = m.getRepository(User);
    const mk = (u: Partial<User>) =>
      users.save(users.create({ passwordHash: hash, titles: [], mustChangePassword: false, ...u }));
    const platformAdmin = await mk({ username: 'admin', displayName: '平台管理员', role: 'platform_admin' });
    const groupAdmin = await mk({ username: 'group.admin', displayName: '周主任', role: 'group_admin', groupId: group.id });
    const schoolAdmin = await mk({ username: 'school.admin', displayName: '赵校长', role: 'school_admin', schoolId: core.id });
    const ruralSchoolAdmin = await mk({
      username: 'rural.admin',
      displayName: '孙老师',
      role: 'school_admin',
      schoolId: rural.id,
    });
    const teacher = await mk({
      username: 'teacher.li',
      displayName: '李明华',
      role: 'teacher',
      schoolId: core.id,
      titles: ['famous_teacher', 'special_grade_teacher'],
      phone: '13800000001',
    });
    const ruralTeacher = await mk({ username: 'teacher.wang', displayName: '王芳', role: 'teacher', schoolId: rural.id });
    const student = await mk({
      username: 'student.chen',
      displayName: '陈小雨',
      role: 'student',
      schoolId: townshipMiddle.id,
      grade: 8,
      birthDate: '2012-03-15',
    });
    const parent = await mk({
      username: 'parent.chen',
      displayName: '陈建国',
      role: 'parent',
      phone: '13800000002',
    });
    await m.getRepository(Guardianship).insert({ parentId: parent.id, studentId: student.id, relation: 'father' });
    return {
      groupId: group.id,
      schools: { core: core.id, township: township.id, rural: rural.id, townshipMiddle: townshipMiddle.id },
      users: {
        platformAdmin: platformAdmin.id,
        groupAdmin: groupAdmin.id,
        schoolAdmin: schoolAdmin.id,
        ruralSchoolAdmin: ruralSchoolAdmin.id,
        teacher: teacher.id,
        ruralTeacher: ruralTeacher.id,
        student: student.id,
        parent: parent.id,
      },
    };
  });
  const full: SeedContext = { app, db, ...ctx, log };
  if (opts.modules === false) return full;
  for (const [name, seeder] of [
    ['resources', seedResources],
    ['lectures', seedLectures],
    ['bookdrift', seedBookdrift],
  ] as const) {
    try {
      await seeder(full);
    } catch (err) {
      log(`demo data for ${name} failed: ${(err as Error).stack ?? err}`);
    }
  }
  return full;
}
