import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AppError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { LoginFailure, Session, User } from './identity.entities.js';
import { verifyPassword } from './passwords.js';

registerMessages({
  'auth.badCredentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.throttled': {
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  'auth.disabled': { zh: '该账号已停用，请联系学校管理员', en: 'This account is disabled; contact your school admin' },
  'auth.sessionExpired': { zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
});

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  /** cookie value: `<sessionId>.<secret>` */
  refreshToken: string;
  refreshExpires: Date;
  user: User;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The age under which a student needs a guardian link. */
export const GUARDIAN_AGE = 14;

export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

@Injectable()
export class AuthService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly orgs: OrganizationsService,
  ) {
    // a group admin's new school must be in their scope at once, not after the cache expires
    orgs.onMembershipChange(() => this.forgetCached());
  }

  /** Finds the account by username or phone number. */
  private async findForLogin(login: string): Promise<User | null> {
    const normalized = login.trim().toLowerCase();
    return this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :l OR u.phone = :l', { l: normalized })
      .getOne();
  }

  async login(login: string, password: string, ip: string, userAgent: string): Promise<IssuedTokens> {
    const key = login.trim().toLowerCase().slice(0, 64);
    const windowStart = new Date(Date.now() - this.config.LOGIN_LOCK_MINUTES * 60_000);
    const [{ byLogin, byIp }] = await this.db.query(
      `SELECT (SELECT count(*) FROM login_failure WHERE login=$1 AND at > $3)::int AS "byLogin",
              (SELECT count(*) FROM login_failure WHERE ip=$2 AND at > $3)::int AS "byIp"`,
      [key, ip, windowStart],
    );
    if (byLogin >= this.config.LOGIN_MAX_FAILURES || byIp >= this.config.LOGIN_MAX_FAILURES * 10)
      throw new AppError(429, 'auth.throttled', { minutes: this.config.LOGIN_LOCK_MINUTES });

    const user = await this.findForLogin(key);
    // verify against a dummy hash when the user does not exist, so timing does not tell
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(DUMMY_HASH, password), false);
    if (!user || !ok) {
      await this.db.getRepository(LoginFailure).insert({ login: key, ip: ip.slice(0, 64) });
      throw AppError.unauthorized('auth.badCredentials');
    }
    if (user.status !== 'active') throw AppError.forbidden('auth.disabled');
    await this.db.getRepository(LoginFailure).delete({ login: key });
    return this.openSession(user, userAgent);
  }

  private async openSession(user: User, userAgent: string): Promise<IssuedTokens> {
    const secret = randomBytes(32).toString('base64url');
    const refreshExpires = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86400_000);
    const session = await this.db.getRepository(Session).save({
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

  /** Rotates the refresh token. A reused (stale) token revokes the whole session. */
  async refresh(cookie: string | undefined): Promise<IssuedTokens> {
    const [sessionId, secret] = (cookie ?? '').split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) throw AppError.unauthorized('auth.sessionExpired');
    const outcome = await this.db.transaction(async (m): Promise<IssuedTokens | 'reused'> => {
      const rows: Session[] = await m.query(
        `SELECT id, user_id AS "userId", refresh_hash AS "refreshHash", expires_at AS "expiresAt", revoked_at AS "revokedAt" FROM auth_session WHERE id=$1 FOR UPDATE`,
        [sessionId],
      );
      const session = rows[0];
      if (!session || session.revokedAt || new Date(session.expiresAt) < new Date())
        throw AppError.unauthorized('auth.sessionExpired');
      if (session.refreshHash !== sha256(secret)) return 'reused';
      const user = await m.getRepository(User).findOneBy({ id: session.userId });
      if (!user || user.status !== 'active') throw AppError.unauthorized('auth.sessionExpired');
      const next = randomBytes(32).toString('base64url');
      const refreshExpires = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86400_000);
      await m.query(`UPDATE auth_session SET refresh_hash=$2, expires_at=$3 WHERE id=$1`, [
        sessionId,
        sha256(next),
        refreshExpires,
      ]);
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

  async logout(sessionId: string): Promise<void> {
    await this.db.getRepository(Session).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.cache.delete(sessionId);
  }

  /** Revokes every session of a user (password reset, account disabled). */
  async revokeAll(userId: string): Promise<void> {
    await this.db.getRepository(Session).update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    for (const [sid, entry] of this.cache) if (entry.principal.userId === userId) this.cache.delete(sid);
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

  /**
   * Session check, account and group scope in one round trip: every request of a viewer whose cache
   * entry expired pays for this, and under load each round trip waits a whole event-loop turn.
   */
  private async loadPrincipal(userId: string, sessionId: string, checkSession = true): Promise<Principal | null> {
    const rows: {
      role: User['role'];
      display_name: string;
      school_id: string | null;
      titles: string[];
      birth_date: string | null;
      group_ids: string[];
      group_school_ids: string[];
      has_guardian: boolean;
    }[] = await this.db.query(
      `WITH u AS (
         SELECT u.* FROM app_user u
          WHERE u.id = $2 AND u.status = 'active'
            AND (NOT $3 OR EXISTS (SELECT 1 FROM auth_session s
                                    WHERE s.id = $1::uuid AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at >= now()))
       ), g AS (
         SELECT CASE WHEN u.role = 'group_admin' AND u.group_id IS NOT NULL THEN ARRAY[u.group_id]
                     ELSE ARRAY(SELECT m.group_id FROM group_membership m WHERE m.school_id = u.school_id) END AS ids
           FROM u
       )
       SELECT u.role, u.display_name, u.school_id, u.titles, u.birth_date::text AS birth_date,
              g.ids::text[] AS group_ids,
              ARRAY(SELECT DISTINCT m.school_id FROM group_membership m WHERE m.group_id = ANY(g.ids))::text[] AS group_school_ids,
              EXISTS (SELECT 1 FROM guardianship gd WHERE gd.student_id = $2) AS has_guardian
         FROM u, g`,
      [checkSession ? sessionId : null, userId, checkSession],
    );
    const r = rows[0];
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
      restricted: r.role === 'student' && !!r.birth_date && ageOn(r.birth_date) < GUARDIAN_AGE && !r.has_guardian,
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
