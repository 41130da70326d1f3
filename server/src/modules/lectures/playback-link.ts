import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Playlist links that carry their own proof, for players that cannot send an Authorization header
 * (Safari's and iOS's native HLS, smart-TV browsers): `/api/lectures/play/<token>/master.m3u8`.
 * The token binds one episode to the viewer's session and expires; every request still checks
 * that the session is alive and the viewer may watch, so signing out or losing access ends it.
 *
 * Compact on purpose (it sits in every playlist URL): 3 raw UUIDs + expiry + 128-bit MAC, base64url.
 */
export interface PlaybackClaims {
  episodeId: string;
  userId: string;
  sessionId: string;
  expiresAt: number; // epoch seconds
}

const MAC_BYTES = 16;

export class PlaybackLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('mumian/playback-link/v1').digest();
  }

  issue(claims: Omit<PlaybackClaims, 'expiresAt'>, ttlSeconds: number, now = Date.now()): string {
    const body = Buffer.alloc(52);
    uuidBytes(claims.episodeId).copy(body, 0);
    uuidBytes(claims.userId).copy(body, 16);
    uuidBytes(claims.sessionId).copy(body, 32);
    body.writeUInt32BE(Math.floor(now / 1000) + Math.ceil(ttlSeconds), 48);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  /** The claims of a genuine, unexpired token; null otherwise. */
  verify(token: string, now = Date.now()): PlaybackClaims | null {
    if (!/^[A-Za-z0-9_-]{91}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    // canonical form only: the last character has 2 spare bits that decoding would ignore
    if (raw.length !== 52 + MAC_BYTES || raw.toString('base64url') !== token) return null;
    const body = raw.subarray(0, 52);
    if (!timingSafeEqual(raw.subarray(52), this.mac(body))) return null;
    const expiresAt = body.readUInt32BE(48);
    if (expiresAt * 1000 <= now) return null;
    return {
      episodeId: uuidString(body.subarray(0, 16)),
      userId: uuidString(body.subarray(16, 32)),
      sessionId: uuidString(body.subarray(32, 48)),
      expiresAt,
    };
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(hex, 'hex');
}

function uuidString(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
