import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthService } from '../modules/identity/auth.service.js';
import { ROUTES_BEFORE_PASSWORD_CHANGE } from '../modules/identity/identity.access.js';
import { ACCESS_KEY, type AccessRule } from './access.js';
import { AppError } from './errors.js';
import type { Principal } from './roles.js';

/** Enforces each route's access rule. A route without a rule is refused (and fails CI's route test). */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (!rule) {
      this.logger.error(`route ${req.method} ${req.path} has no access rule; refused`);
      throw AppError.forbidden();
    }
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const principal = token ? await this.auth.authenticate(token) : null;
    if (principal) req.principal = principal;
    if (rule.roles === null) return true;
    if (!principal) throw AppError.unauthorized();
    if (!rule.roles.includes(principal.role)) throw AppError.forbidden('auth.roleForbidden');
    if (principal.restricted && !rule.allowRestricted) throw AppError.forbidden('auth.guardianRequired');
    if (principal.mustChangePassword && !ROUTES_BEFORE_PASSWORD_CHANGE.has(`${req.method} ${routePath(req)}`))
      throw AppError.forbidden('auth.mustChangePassword');
    return true;
  }
}

/** The matched route's pattern (`/api/users/:id`), not the URL. */
const routePath = (req: Request): string => (req.route as { path?: string } | undefined)?.path ?? req.path;
