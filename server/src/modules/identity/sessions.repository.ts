import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { Role } from '../../common/roles.js';
import { LoginFailure, Session } from './identity.entities.js';

/** What the guard needs to know about a caller, read in one round trip. */
export interface PrincipalRow {
  role: Role;
  display_name: string;
  school_id: string | null;
  titles: string[];
  birth_date: string | null;
  group_ids: string[];
  group_school_ids: string[];
  has_guardian: boolean;
  must_change_password: boolean;
}

/** All I/O of sessions, refresh tokens and failed sign-ins. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Failed sign-ins since `since`, for that login and from that address. */
  async recentFailures(login: string, ip: string, since: Date): Promise<{ byLogin: number; byIp: number }> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*) FROM login_failure WHERE login=$1 AND at > $3)::int AS "byLogin",
              (SELECT count(*) FROM login_failure WHERE ip=$2 AND at > $3)::int AS "byIp"`,
      [login, ip, since],
    );
    return row;
  }

  async recordFailure(login: string, ip: string): Promise<void> {
    await this.db.getRepository(LoginFailure).insert({ login, ip });
  }

  async clearFailures(login: string): Promise<void> {
    await this.db.getRepository(LoginFailure).delete({ login });
  }

  open(session: Pick<Session, 'userId' | 'refreshHash' | 'expiresAt' | 'userAgent'>): Promise<Session> {
    return this.db.getRepository(Session).save(session);
  }

  /**
   * The session row, locked for a refresh in the caller's transaction; `previousFresh` tells whether its
   * last rotation is under `graceSeconds` old (judged by the database clock, the one `rotate` stamps with).
   */
  async lockForRefresh(
    m: EntityManager,
    id: string,
    graceSeconds: number,
  ): Promise<(Session & { previousFresh: boolean }) | undefined> {
    const rows: (Session & { previousFresh: boolean })[] = await m.query(
      `SELECT id, user_id AS "userId", refresh_hash AS "refreshHash", previous_refresh_hash AS "previousRefreshHash",
              rotated_at AS "rotatedAt", coalesce(rotated_at > now() - make_interval(secs => $2), false) AS "previousFresh",
              expires_at AS "expiresAt", revoked_at AS "revokedAt"
         FROM auth_session WHERE id=$1 FOR UPDATE`,
      [id, graceSeconds],
    );
    return rows[0];
  }

  /** Stores the next secret's hash; the one it replaces stays as `previous`, stamped with the rotation time. */
  async rotate(m: EntityManager, id: string, refreshHash: string, expiresAt: Date): Promise<void> {
    await m.query(
      `UPDATE auth_session SET previous_refresh_hash=refresh_hash, rotated_at=now(), refresh_hash=$2, expires_at=$3 WHERE id=$1`,
      [id, refreshHash, expiresAt],
    );
  }

  async revoke(id: string): Promise<void> {
    await this.db.getRepository(Session).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.db.getRepository(Session).update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Every live session of the user but `keep` (their other devices). */
  async revokeOthers(userId: string, keep: string): Promise<void> {
    await this.db.query(`UPDATE auth_session SET revoked_at=now() WHERE user_id=$1 AND id<>$2 AND revoked_at IS NULL`, [
      userId,
      keep,
    ]);
  }

  /**
   * Session check, account and group scope in one round trip: every request of a viewer whose cache
   * entry expired pays for this, and under load each round trip waits a whole event-loop turn.
   */
  async principalRow(userId: string, sessionId: string | null, checkSession: boolean): Promise<PrincipalRow | undefined> {
    const rows: PrincipalRow[] = await this.db.query(
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
       SELECT u.role, u.display_name, u.school_id, u.titles, u.birth_date::text AS birth_date, u.must_change_password,
              g.ids::text[] AS group_ids,
              ARRAY(SELECT DISTINCT m.school_id FROM group_membership m WHERE m.group_id = ANY(g.ids))::text[] AS group_school_ids,
              EXISTS (SELECT 1 FROM guardianship gd WHERE gd.student_id = $2) AS has_guardian
         FROM u, g`,
      [checkSession ? sessionId : null, userId, checkSession],
    );
    return rows[0];
  }
}
