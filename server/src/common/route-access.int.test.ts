import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { ACCESS_KEY, type AccessRule } from './access.js';
import { ROLES, type Role } from './roles.js';

/**
 * Walks every route of the API × every role (and anonymous) and checks the guard's answer
 * against the route's declared rule. A route without a rule fails here, so a new endpoint
 * cannot ship without one.
 */
interface RouteInfo {
  method: string;
  path: string;
  rule: AccessRule | undefined;
  name: string;
}

const DEMO_USER: Record<Role, string> = {
  platform_admin: 'admin',
  group_admin: 'group.admin',
  school_admin: 'school.admin',
  teacher: 'teacher.li',
  student: 'student.chen',
  parent: 'parent.chen',
};

function discoverRoutes(t: TestApp): RouteInfo[] {
  const reflector = new Reflector();
  const routes: RouteInfo[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!ctrl) continue;
      const basePaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const methodNo = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (methodNo === undefined) continue;
        const subPaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler as () => void, ctrl]);
        for (const base of basePaths)
          for (const sub of subPaths) {
            const path = ('/api/' + [base, sub].filter(Boolean).join('/')).replace(/\/+/g, '/').replace(/\/$/, '');
            routes.push({ method: RequestMethod[methodNo], path, rule, name: `${ctrl.name}.${name}` });
          }
      }
    }
  }
  return routes;
}

describe('route × role authorization', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    routes = discoverRoutes(t);
    for (const role of ROLES) tokens[role] = await t.login(DEMO_USER[role]);
  });
  afterAll(() => t.close());

  it('finds the API routes', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/auth/login');
  });

  it('gives every route an access rule', () => {
    const missing = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path} (${r.name})`);
    expect(missing).toEqual([]);
  });

  it('lets exactly the allowed roles through the guard on every route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.rule)) {
      const url = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      const send = (token?: string) => {
        const m = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        let req = t.http()[m](url);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        return ['post', 'put', 'patch'].includes(m) ? req.send({}) : req;
      };
      const anon = await send();
      const deniedAnon = anon.status === 401 && anon.body?.code === 'AUTH_REQUIRED';
      if (route.rule!.roles === null ? deniedAnon : !deniedAnon)
        wrong.push(`${route.method} ${route.path} anonymous → ${anon.status}`);
      if (route.rule!.roles === null) continue;
      for (const role of ROLES) {
        const res = await send(tokens[role]);
        const allowed = route.rule!.roles.includes(role);
        const deniedByRole = res.status === 403 && res.body?.code === 'AUTH_ROLE_FORBIDDEN';
        if (allowed ? deniedByRole || res.status === 401 : !deniedByRole)
          wrong.push(`${route.method} ${route.path} as ${role} → ${res.status} ${res.body?.code ?? ''} (allowed: ${allowed})`);
        // a route that ends this session (logout) must not spoil the next calls
        if (res.status < 300 && route.path === '/api/auth/logout') tokens[role] = await t.login(DEMO_USER[role]);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps a student under 14 without a guardian to the routes marked for them', async () => {
    const admin = tokens.school_admin;
    const created = await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`).send({
      username: 'young.one',
      displayName: '林小树',
      password: 'Start12345',
      role: 'student',
      schoolId: t.seed.schools.core,
      grade: 3,
      birthDate: '2018-09-01',
    });
    expect(created.status).toBe(201);
    expect(created.body.needsGuardian).toBe(true);
    const token = await t.login('young.one', 'Start12345');
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body.restricted).toBe(true);
    const restrictedRoutes = routes.filter((r) => r.rule?.roles?.includes('student') && !r.rule.allowRestricted);
    for (const route of restrictedRoutes) {
      const url = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      const m = route.method.toLowerCase() as 'get' | 'post';
      const res = await t.http()[m](url).set('Authorization', `Bearer ${token}`);
      expect({ route: `${route.method} ${route.path}`, code: res.body?.code }).toEqual({
        route: `${route.method} ${route.path}`,
        code: 'AUTH_GUARDIAN_REQUIRED',
      });
    }
    // once a parent is linked, the account opens up
    const parent = await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`).send({
      username: 'young.parent',
      displayName: '林大山',
      password: 'Start12345',
      role: 'parent',
      schoolId: t.seed.schools.core,
    });
    expect(parent.status).toBe(201);
    const link = await t
      .http()
      .post(`/api/users/${created.body.id}/guardians`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ parentId: parent.body.id, relation: 'father' });
    expect(link.status).toBe(204);
    const after = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(after.body.restricted).toBe(false);
  });

  it('treats a student without a birth date as under 14: restricted to public lectures like an under-14 one', async () => {
    const created = await t.http().post('/api/users').set('Authorization', `Bearer ${tokens.school_admin}`).send({
      username: 'ageless.one',
      displayName: '林小草',
      password: 'Start12345',
      role: 'student',
      schoolId: t.seed.schools.core,
      grade: 3,
    });
    expect(created.status).toBe(201);
    expect(created.body.needsGuardian).toBe(true);
    const first = await t.login('ageless.one', 'Start12345');
    const changed = await t
      .http()
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${first}`)
      .send({ currentPassword: 'Start12345', newPassword: 'Mine2026ok' });
    expect(changed.status).toBe(204);
    const token = await t.login('ageless.one', 'Mine2026ok');
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(me.body.restricted).toBe(true);
    // public lectures stay open to them
    expect((await t.http().get('/api/lectures/series').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const restrictedRoutes = routes.filter((r) => r.rule?.roles?.includes('student') && !r.rule.allowRestricted);
    expect(restrictedRoutes.length).toBeGreaterThan(0);
    for (const route of restrictedRoutes) {
      const url = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      const m = route.method.toLowerCase() as 'get' | 'post';
      const res = await t.http()[m](url).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'zh-CN');
      expect({ route: `${route.method} ${route.path}`, status: res.status, code: res.body?.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
        code: 'AUTH_GUARDIAN_REQUIRED',
      });
    }
  });
});
