import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { langFromHeader, type Lang } from './i18n.js';
import { BEARER_SCHEME, ErrorResponse } from './openapi.js';
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
 * fails the route × role test in CI. The same rule writes the operation's security
 * requirement into the OpenAPI document: none for a public route, the bearer token with its
 * 401 and 403 responses for the others.
 */
export const Access = (roles: Role[] | 'public' | 'signed-in', opts: { allowRestricted?: boolean } = {}) => {
  const rule: AccessRule = {
    roles: roles === 'public' ? null : roles === 'signed-in' ? [...ROLES] : roles,
    allowRestricted: opts.allowRestricted ?? false,
  };
  return applyDecorators(SetMetadata(ACCESS_KEY, rule), ...documentedAccess(rule));
};

function documentedAccess(rule: AccessRule): MethodDecorator[] {
  // summary: undefined keeps ApiOperation's default '' from replacing the route's own summary
  if (rule.roles === null) return [ApiOperation({ security: [], summary: undefined })];
  const refused = [
    rule.roles.length < ROLES.length ? "the caller's role may not call this" : null,
    'the record is outside what the caller may see or change',
    rule.allowRestricted ? null : "the caller is a pupil under 14 whose guardian's consent is still missing",
  ].filter((s) => s !== null);
  return [
    ApiBearerAuth(BEARER_SCHEME),
    ErrorResponse(401, 'Not signed in, or the session has expired: send `Authorization: Bearer <accessToken>`'),
    ErrorResponse(403, `Refused: ${refused.slice(0, -1).join(', ')}${refused.length > 1 ? ' or ' : ''}${refused.at(-1)}`),
  ];
}

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
