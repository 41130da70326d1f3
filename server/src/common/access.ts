import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { langFromHeader, type Lang } from './i18n.js';
import type { Principal, Role } from './roles.js';
import { ROLES } from './roles.js';

export const ACCESS_KEY = 'mumian:access';

export interface AccessRule {
  /** null means public: no sign-in needed */
  roles: Role[] | null;
  /** a student under 14 without a guardian may call it */
  allowRestricted?: boolean;
}

/**
 * Every route states who may call it. A route with no rule is refused by the guard and
 * fails the route × role test in CI.
 */
export const Access = (roles: Role[] | 'public' | 'signed-in', opts: { allowRestricted?: boolean } = {}) =>
  SetMetadata(ACCESS_KEY, {
    roles: roles === 'public' ? null : roles === 'signed-in' ? [...ROLES] : roles,
    allowRestricted: opts.allowRestricted ?? false,
  } satisfies AccessRule);

export const Public = () => Access('public');

/** The signed-in caller; only on routes whose rule requires sign-in. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!req.principal) throw new Error('CurrentUser used on a public route');
  return req.principal;
});

/** The caller's language from Accept-Language (kept out of the OpenAPI document). */
export const RequestLang = createParamDecorator((_data: unknown, ctx: ExecutionContext): Lang =>
  langFromHeader(ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['accept-language']),
);
