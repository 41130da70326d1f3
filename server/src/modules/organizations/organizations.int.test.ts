import { createTestApp, type TestApp } from '../../testing/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('education groups and schools', () => {
  let t: TestApp;
  let admin: string;
  let groupAdmin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    groupAdmin = await t.login('group.admin');
  });
  afterAll(() => t.close());

  it('shows a teacher their group with the core school first', async () => {
    const teacher = await t.login('teacher.wang');
    const res = await t.http().get('/api/groups').set(auth(teacher));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ name: '木棉县城乡教育共同体', kind: 'urban_rural' });
    expect(
      res.body[0].schools.map((s: { name: string; role: string; locality: string }) => [s.name, s.role, s.locality])[0],
    ).toEqual(['木棉县第一实验学校', 'core', 'urban']);
    expect(res.body[0].schools).toHaveLength(4);
  });

  it('lets a school belong to two groups (an alliance across groups)', async () => {
    const school = await t
      .http()
      .post('/api/schools')
      .set(auth(admin))
      .send({ name: '邻县实验中学', code: 'LX-SYZ', locality: 'urban', stage: 'junior', district: '邻县' });
    expect(school.status).toBe(201);
    const alliance = await t
      .http()
      .post('/api/groups')
      .set(auth(admin))
      .send({ name: '两县初中数学教学联盟', kind: 'alliance', coreSchoolId: school.body.id });
    expect(alliance.status).toBe(201);
    const join = await t
      .http()
      .post(`/api/groups/${alliance.body.id}/schools`)
      .set(auth(admin))
      .send({ schoolId: t.seed.schools.townshipMiddle });
    expect(join.status).toBe(201);
    expect(join.body.schools).toHaveLength(2);
    // the township middle school's teachers now see both groups
    const student = await t.login('student.chen');
    const me = await t.http().get('/api/auth/me').set(auth(student));
    expect(me.body.groupIds).toHaveLength(2);
    // the other county's group admin has no say in it
    const denied = await t
      .http()
      .post(`/api/groups/${alliance.body.id}/schools`)
      .set(auth(groupAdmin))
      .send({ schoolId: t.seed.schools.rural });
    expect(denied.status).toBe(403);
    const hidden = await t.http().get(`/api/groups/${alliance.body.id}`).set(auth(groupAdmin));
    expect(hidden.status).toBe(404);
  });

  it("lets only the platform admin attach an existing school to a group (a group admin cannot take another group's school)", async () => {
    const school = await t
      .http()
      .post('/api/schools')
      .set(auth(admin))
      .send({ name: '邻县第二中学', code: 'LX-EZ', locality: 'urban', stage: 'junior', district: '邻县' });
    const other = await t
      .http()
      .post('/api/groups')
      .set(auth(admin))
      .send({ name: '邻县教育集团', kind: 'tight', coreSchoolId: school.body.id });
    expect(other.status).toBe(201);
    const before = await t.http().get(`/api/groups/${t.seed.groupId}`).set(auth(groupAdmin));
    const taken = await t
      .http()
      .post(`/api/groups/${t.seed.groupId}/schools`)
      .set(auth(groupAdmin))
      .send({ schoolId: school.body.id });
    expect(taken.status).toBe(403);
    expect(taken.body.message).toBe('只有平台管理员可以把已有学校加入集团');
    const en = await t
      .http()
      .post(`/api/groups/${t.seed.groupId}/schools`)
      .set(auth(groupAdmin))
      .set('Accept-Language', 'en')
      .send({ schoolId: school.body.id });
    expect(en.body.message).toBe('Only the platform administrator can add an existing school to a group');
    // nothing changed: the group keeps its schools and the group admin still cannot see the other school
    const after = await t.http().get(`/api/groups/${t.seed.groupId}`).set(auth(groupAdmin));
    expect(after.body.schools).toEqual(before.body.schools);
    const seen = await t.http().get('/api/schools').set(auth(groupAdmin));
    expect(seen.body.map((s: { id: string }) => s.id)).not.toContain(school.body.id);
    // the platform admin can
    const attached = await t
      .http()
      .post(`/api/groups/${t.seed.groupId}/schools`)
      .set(auth(admin))
      .send({ schoolId: school.body.id });
    expect(attached.status).toBe(201);
    expect(attached.body.schools.map((s: { id: string }) => s.id)).toContain(school.body.id);
    await t.http().delete(`/api/groups/${t.seed.groupId}/schools/${school.body.id}`).set(auth(admin)).expect(204);
  });

  it('refuses bad school input, a duplicate code and removing the core school', async () => {
    const bad = await t
      .http()
      .post('/api/schools')
      .set(auth(groupAdmin))
      .send({ name: '某校', code: 'X Y', locality: 'city', stage: 'primary' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'locality']);
    const dup = await t
      .http()
      .post('/api/schools')
      .set(auth(groupAdmin))
      .send({ name: '重复学校', code: 'MM-SY1', locality: 'rural', stage: 'primary' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe('学校代码 MM-SY1 已被使用');
    const core = await t.http().delete(`/api/groups/${t.seed.groupId}/schools/${t.seed.schools.core}`).set(auth(groupAdmin));
    expect(core.status).toBe(400);
    // a group admin's new school joins their group
    const created = await t
      .http()
      .post('/api/schools')
      .set(auth(groupAdmin))
      .send({ name: '白鹭村小学', code: 'MM-BLC', locality: 'rural', stage: 'primary' });
    expect(created.status).toBe(201);
    const group = await t.http().get(`/api/groups/${t.seed.groupId}`).set(auth(groupAdmin));
    expect(group.body.schools.map((s: { code: string }) => s.code)).toContain('MM-BLC');
  });

  it('lets a school admin edit only their own school', async () => {
    const ruralAdmin = await t.login('rural.admin');
    const own = await t
      .http()
      .patch(`/api/schools/${t.seed.schools.rural}`)
      .set(auth(ruralAdmin))
      .send({ district: '青石镇柳溪村委会' });
    expect(own.status).toBe(200);
    const other = await t.http().patch(`/api/schools/${t.seed.schools.core}`).set(auth(ruralAdmin)).send({ name: '改名' });
    expect(other.status).toBe(403);
  });
});
