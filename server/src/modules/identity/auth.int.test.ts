import { User } from './identity.entities.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

describe('sign-in, tokens and sessions (real Postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => t.close());

  it('signs in by username or phone and returns the caller', async () => {
    const byName = await t.http().post('/api/auth/login').send({ login: 'Teacher.Li', password: 'Mumian2026' });
    expect(byName.status).toBe(200);
    expect(byName.body.user).toMatchObject({ username: 'teacher.li', role: 'teacher', schoolName: '木棉县第一实验学校' });
    expect(byName.headers['set-cookie'][0]).toMatch(/mumian_refresh=.*HttpOnly/);
    const byPhone = await t.http().post('/api/auth/login').send({ login: '13800000001', password: 'Mumian2026' });
    expect(byPhone.status).toBe(200);
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${byPhone.body.accessToken}`);
    expect(me.body.displayName).toBe('李明华');
  });

  it('answers a wrong password in the caller language and throttles after repeated failures', async () => {
    const zh = await t.http().post('/api/auth/login').send({ login: 'teacher.wang', password: 'nope' });
    expect(zh.status).toBe(401);
    expect(zh.body).toMatchObject({ code: 'AUTH_BAD_CREDENTIALS', message: '用户名或密码错误' });
    const en = await t
      .http()
      .post('/api/auth/login')
      .set('Accept-Language', 'en-US')
      .send({ login: 'teacher.wang', password: 'nope' });
    expect(en.body.message).toBe('Wrong username or password');
    await t.http().post('/api/auth/login').send({ login: 'teacher.wang', password: 'nope' });
    const locked = await t.http().post('/api/auth/login').send({ login: 'teacher.wang', password: 'Mumian2026' });
    expect(locked.status).toBe(429);
    expect(locked.body.message).toContain('分钟后再试');
  });

  it('rotates the refresh token, refuses a reused one and revokes on logout', async () => {
    const login = await t.http().post('/api/auth/login').send({ login: 'school.admin', password: 'Mumian2026' });
    const cookie = login.headers['set-cookie'][0].split(';')[0];
    const first = await t.http().post('/api/auth/refresh').set('Cookie', cookie);
    expect(first.status).toBe(200);
    const rotated = first.headers['set-cookie'][0].split(';')[0];
    expect(rotated).not.toBe(cookie);
    // past the grace window for concurrent tabs (simulated: the rotation moved a minute back)
    await t.db.query(`UPDATE auth_session SET rotated_at = rotated_at - interval '1 minute' WHERE id = $1`, [
      cookie.split('=')[1].split('.')[0],
    ]);
    // the old token again: theft suspected, the session dies
    const reuse = await t.http().post('/api/auth/refresh').set('Cookie', cookie);
    expect(reuse.status).toBe(401);
    const after = await t.http().post('/api/auth/refresh').set('Cookie', rotated);
    expect(after.status).toBe(401);

    const token = await t.login('school.admin');
    expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(204);
    expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('answers two refreshes sent at once with the same cookie, and the session stays usable', async () => {
    const login = await t.http().post('/api/auth/login').send({ login: 'teacher.li', password: 'Mumian2026' });
    expect(login.status).toBe(200);
    const cookie = login.headers['set-cookie'][0].split(';')[0];
    // two tabs whose access tokens expired together
    const [a, b] = await Promise.all([
      t.http().post('/api/auth/refresh').set('Cookie', cookie),
      t.http().post('/api/auth/refresh').set('Cookie', cookie),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const cookieA = a.headers['set-cookie'][0].split(';')[0];
    const cookieB = b.headers['set-cookie'][0].split(';')[0];
    // whichever response the browser stored last, its cookie is the current token
    expect(cookieA).toBe(cookieB);
    expect(cookieA).not.toBe(cookie);
    for (const r of [a, b])
      expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${r.body.accessToken}`)).status).toBe(200);
    const later = await t.http().post('/api/auth/refresh').set('Cookie', cookieA);
    expect(later.status).toBe(200);
    expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${later.body.accessToken}`)).status).toBe(200);
    // a token two rotations old is stale even inside the window: the session dies
    const stale = await t.http().post('/api/auth/refresh').set('Cookie', cookie);
    expect(stale.status).toBe(401);
    expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${later.body.accessToken}`)).status).toBe(401);
  });

  it('still revokes the session when the previous token comes back after the grace window', async () => {
    const login = await t.http().post('/api/auth/login').send({ login: 'teacher.li', password: 'Mumian2026' });
    const cookie = login.headers['set-cookie'][0].split(';')[0];
    const first = await t.http().post('/api/auth/refresh').set('Cookie', cookie);
    expect(first.status).toBe(200);
    const rotated = first.headers['set-cookie'][0].split(';')[0];
    await t.db.query(`UPDATE auth_session SET rotated_at = rotated_at - interval '31 seconds' WHERE id = $1`, [
      cookie.split('=')[1].split('.')[0],
    ]);
    const reuse = await t.http().post('/api/auth/refresh').set('Cookie', cookie);
    expect(reuse.status).toBe(401);
    expect(reuse.body.message).toBe('登录已过期，请重新登录');
    expect((await t.http().post('/api/auth/refresh').set('Cookie', rotated)).status).toBe(401);
    expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${first.body.accessToken}`)).status).toBe(401);
  });

  it('rejects malformed JSON, unknown fields, wrong types and over-long strings with a 400', async () => {
    const malformed = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"login":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST_MALFORMED_JSON');
    const unknown = await t.http().post('/api/auth/login').send({ login: 'a', password: 'b', isAdmin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([{ field: 'isAdmin', message: '不允许的字段 isAdmin' }]);
    const wrongType = await t.http().post('/api/auth/login').send({ login: 42, password: 'b' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.fields[0].field).toBe('login');
    const long = await t
      .http()
      .post('/api/auth/login')
      .send({ login: 'x'.repeat(65), password: 'b' });
    expect(long.body.fields[0].message).toBe('login 不能超过 64 个字符');
  });

  it('refuses deeply nested JSON at once with a 400 in the caller language, and still signs in', async () => {
    const post = (body: string, lang = 'zh-CN') =>
      t.http().post('/api/auth/login').set('Content-Type', 'application/json').set('Accept-Language', lang).send(body);
    // 1 MB of nested arrays, and a 30 KB object 5,000 levels deep
    const arrays = '['.repeat(500_000) + ']'.repeat(500_000);
    const objects = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    expect(objects.length).toBeGreaterThan(30_000);
    for (const body of [arrays, objects, `{"login":${'['.repeat(40)}${']'.repeat(40)},"password":"x"}`]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'REQUEST_TOO_DEEP', message: '请求内容嵌套层级过深（最多 32 层）' });
    }
    const en = await post(arrays, 'en');
    expect(en.body.message).toBe('The request body is nested too deeply (at most 32 levels)');
    // brackets inside strings are text, not nesting
    const brackets = await post(JSON.stringify({ login: 'teacher.li', password: '['.repeat(100) }));
    expect(brackets.body.code).toBe('AUTH_BAD_CREDENTIALS');
    const ok = await post(JSON.stringify({ login: 'teacher.li', password: 'Mumian2026' }));
    expect(ok.status).toBe(200);
    expect(ok.body.user.username).toBe('teacher.li');
  });

  it('signs in from JSON only: a cross-site form post is refused and sets no cookie', async () => {
    const form = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('login=teacher.li&password=Mumian2026');
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ code: 'REQUEST_JSON_ONLY', message: '请求内容必须是 JSON（上传文件时为 multipart）' });
    expect(form.headers['set-cookie']).toBeUndefined();
    // text/plain is the other body a form (or fetch without preflight) can send
    const text = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'text/plain')
      .set('Accept-Language', 'en')
      .send(JSON.stringify({ login: 'teacher.li', password: 'Mumian2026' }));
    expect(text.status).toBe(415);
    expect(text.body.message).toBe('The request body must be JSON (multipart when uploading a file)');
    const multipart = await t.http().post('/api/auth/login').field('login', 'teacher.li').field('password', 'Mumian2026');
    expect(multipart.status).toBe(400);
    expect(multipart.headers['set-cookie']).toBeUndefined();
  });

  it('lets an account that must change its password only change it, read me and sign out', async () => {
    await t.db.getRepository(User).update({ username: 'parent.chen' }, { mustChangePassword: true });
    const token = await t.login('parent.chen');
    const auth = { Authorization: `Bearer ${token}` };
    const me = await t.http().get('/api/auth/me').set(auth);
    expect(me.status).toBe(200);
    expect(me.body.mustChangePassword).toBe(true);
    for (const path of ['/api/resources', '/api/lectures/series', '/api/me/children']) {
      const res = await t.http().get(path).set(auth);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'AUTH_MUST_CHANGE_PASSWORD' });
    }
    const refused = await t.http().get('/api/resources').set(auth).set('Accept-Language', 'en');
    expect(refused.body.message).toBe('You are using an initial password; change it before you continue');
    // another device may sign out
    const other = await t.login('parent.chen');
    expect((await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${other}`)).status).toBe(204);
    const changed = await t
      .http()
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: 'Mumian2026', newPassword: 'Xinmima2026' });
    expect(changed.status).toBe(204);
    expect((await t.http().get('/api/auth/me').set(auth)).body.mustChangePassword).toBe(false);
    expect((await t.http().get('/api/resources').set(auth)).status).toBe(200);
  });
});
