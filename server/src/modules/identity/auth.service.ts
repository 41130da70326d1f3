import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { isRestricted } from './identity.access.js';
import type { User } from './identity.entities.js';
import { verifyPassword } from './passwords.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  /** cookie value: `<sessionId>.<secret>` */
  refreshToken: string;
  refreshExpires: Date;
  user: User;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * How long after a rotation the secret it replaced is still answered: two tabs (or a tab and a retry)
 * that refresh with the same cookie at the same moment must not look like a stolen token.
 */
export const REFRESH_GRACE_SECONDS = 30;

/** Sign-in, refresh-token rotation, sign-out, and who a bearer token belongs to. */
@Injectable()
export class AuthService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    orgs: OrganizationsService,
  ) {
    // a group admin's new school must be in their scope at once, not after the cache expires
    orgs.onMembershipChange(() => this.forgetCached());
  }

  async login(login: string, password: string, ip: string, userAgent: string): Promise<IssuedTokens> {
    const key = login.trim().toLowerCase().slice(0, 64);
    const since = new Date(Date.now() - this.config.LOGIN_LOCK_MINUTES * 60_000);
    const { byLogin, byIp } = await this.sessions.recentFailures(key, ip, since);
    if (byLogin >= this.config.LOGIN_MAX_FAILURES || byIp >= this.config.LOGIN_MAX_FAILURES * 10)
      throw new AppError(429, 'auth.throttled', { minutes: this.config.LOGIN_LOCK_MINUTES });

    const user = await this.users.withPasswordByLogin(key);
    // verify against a dummy hash when the user does not exist, so timing does not tell
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(DUMMY_HASH, password), false);
    if (!user || !ok) {
      await this.sessions.recordFailure(key, ip.slice(0, 64));
      throw AppError.unauthorized('auth.badCredentials');
    }
    if (user.status !== 'active') throw AppError.forbidden('auth.disabled');
    await this.sessions.clearFailures(key);
    return this.openSession(user, userAgent);
  }

  private async openSession(user: User, userAgent: string): Promise<IssuedTokens> {
    const secret = randomBytes(32).toString('base64url');
    const refreshExpires = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86400_000);
    const session = await this.sessions.open({
      userId: user.id,
      refreshHash: sha256(secret),
      expiresAt: refreshExpires,
      userAgent: userAgent.slice(0, 300),
    });
    return {
      accessToken: await this.sign(user.id, session.id),
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: `${session.id}.${secret}`,
      refreshExpires,
      user,
    };
  }

  private sign(userId: string, sessionId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId, sid: sessionId }, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS });
  }

  /**
   * Rotates the refresh token. The secret replaced by the last rotation is still answered for
   * REFRESH_GRACE_SECONDS (a second tab refreshing at the same moment); any other stale secret, or that
   * one after the window, revokes the whole session.
   *
   * The next secret is derived from the presented one (HMAC under the server key), so a refresh inside
   * the grace window hands out the very token the first refresh did, rather than rotating again. That is
   * the safer choice: no second live token is minted for a replayed secret, the chain never branches, and
   * whichever response the browser stores last, its cookie holds the current token (rotating again would
   * leave the slower tab's cookie one step behind, and its next refresh would sign the user out). The
   * database still keeps only hashes, so reading it gives no usable token.
   */
  async refresh(cookie: string | undefined): Promise<IssuedTokens> {
    const [sessionId, secret] = (cookie ?? '').split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) throw AppError.unauthorized('auth.sessionExpired');
    const outcome = await this.sessions.transaction(async (m): Promise<IssuedTokens | 'reused'> => {
      const session = await this.sessions.lockForRefresh(m, sessionId, REFRESH_GRACE_SECONDS);
      if (!session || session.revokedAt || new Date(session.expiresAt) < new Date())
        throw AppError.unauthorized('auth.sessionExpired');
      const next = this.nextSecret(sessionId, secret);
      const current = session.refreshHash === sha256(secret);
      // the secret just replaced, inside the window, and the current one is still the one derived from it
      const concurrent =
        !current &&
        session.previousFresh &&
        session.previousRefreshHash === sha256(secret) &&
        session.refreshHash === sha256(next);
      if (!current && !concurrent) return 'reused';
      const user = await this.users.byId(session.userId, m);
      if (!user || user.status !== 'active') throw AppError.unauthorized('auth.sessionExpired');
      let refreshExpires = new Date(session.expiresAt);
      if (current) {
        refreshExpires = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86400_000);
        await this.sessions.rotate(m, sessionId, sha256(next), refreshExpires);
      }
      return {
        accessToken: await this.sign(user.id, sessionId),
        expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
        refreshToken: `${sessionId}.${next}`,
        refreshExpires,
        user,
      };
    });
    if (outcome === 'reused') {
      // a stale token came back: someone holds a copy, so the whole session dies
      await this.logout(sessionId);
      throw AppError.unauthorized('auth.sessionExpired');
    }
    return outcome;
  }

  /** The secret that follows `secret` in this session's chain: unguessable without the server key. */
  private nextSecret(sessionId: string, secret: string): string {
    return createHmac('sha256', this.config.JWT_SECRET).update(`refresh-rotation\0${sessionId}\0${secret}`).digest('base64url');
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.cache.delete(sessionId);
  }

  /** Revokes every session of a user (password reset, account disabled). */
  async revokeAll(userId: string): Promise<void> {
    await this.sessions.revokeAllOf(userId);
    for (const [sid, entry] of this.cache) if (entry.principal.userId === userId) this.cache.delete(sid);
  }

  /** Signs the user's other devices out (own password changed); this session stays. */
  async revokeOthers(userId: string, keepSessionId: string): Promise<void> {
    await this.sessions.revokeOthers(userId, keepSessionId);
    this.forgetCached();
  }

  /** Verifies an access token and resolves who is calling; null when invalid or revoked. */
  async authenticate(token: string): Promise<Principal | null> {
    let claims: { sub: string; sid: string };
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    return this.principalForSession(claims.sub, claims.sid);
  }

  /** Who holds that session, if it is alive (cached for a few seconds); also used by signed playback links. */
  async principalForSession(userId: string, sessionId: string): Promise<Principal | null> {
    const cached = this.cache.get(sessionId);
    if (cached && cached.until > Date.now() && cached.principal.userId === userId) return cached.principal;
    const principal = await this.loadPrincipal(userId, sessionId);
    // 4–6 s: entries made in the same second (a class pressing play together) do not all expire together
    if (principal) this.cache.set(sessionId, { principal, until: Date.now() + 4000 + Math.random() * 2000 });
    else this.cache.delete(sessionId);
    return principal;
  }

  private async loadPrincipal(userId: string, sessionId: string, checkSession = true): Promise<Principal | null> {
    const r = await this.sessions.principalRow(userId, sessionId, checkSession);
    if (!r) return null;
    return {
      userId,
      sessionId,
      role: r.role,
      displayName: r.display_name,
      schoolId: r.school_id,
      groupIds: r.group_ids,
      groupSchoolIds: [...new Set([...(r.school_id ? [r.school_id] : []), ...r.group_school_ids])],
      titles: r.titles,
      restricted: isRestricted({ role: r.role, birthDate: r.birth_date }, r.has_guardian),
      mustChangePassword: r.must_change_password,
    };
  }

  /** The principal of a user who just signed in (no session check). */
  async principalOf(user: User, sessionId: string): Promise<Principal> {
    const principal = await this.loadPrincipal(user.id, sessionId, false);
    if (!principal) throw AppError.unauthorized('auth.sessionExpired');
    return principal;
  }

  /** Drops cached principals (after group membership or guardianship changes). */
  forgetCached(): void {
    this.cache.clear();
  }
}

// argon2id hash of a random string, used to spend equal time on unknown users
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0gS9+2sV3KzjlBq4Hh8z2Wb9o9vG5c1l3A6yq8Hn0mE';
