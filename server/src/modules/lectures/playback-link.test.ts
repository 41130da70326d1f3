import { randomUUID } from 'node:crypto';
import { PlaybackLinks } from './playback-link.js';

const claims = { episodeId: randomUUID(), userId: randomUUID(), sessionId: randomUUID() };
const links = new PlaybackLinks('a-secret-a-secret-a-secret-a-secret-0123');

describe('signed playback links', () => {
  it('round-trips episode, viewer and session in a 91-character URL-safe token', () => {
    const token = links.issue(claims, 3600, Date.UTC(2026, 10, 22, 8));
    expect(token).toMatch(/^[A-Za-z0-9_-]{91}$/);
    expect(links.verify(token, Date.UTC(2026, 10, 22, 8, 30))).toEqual({
      ...claims,
      expiresAt: Date.UTC(2026, 10, 22, 9) / 1000,
    });
  });

  it('expires', () => {
    const token = links.issue(claims, 60, Date.UTC(2026, 10, 22, 8));
    expect(links.verify(token, Date.UTC(2026, 10, 22, 8, 0, 59))).not.toBeNull();
    expect(links.verify(token, Date.UTC(2026, 10, 22, 8, 1, 0))).toBeNull();
  });

  it('refuses a changed token, another secret and garbage', () => {
    const now = Date.UTC(2026, 10, 22, 8);
    const token = links.issue(claims, 3600, now);
    // a change anywhere is caught, including the spare bits of the last character (next letter up)
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const i of [0, 30, 60, 70, 90]) {
      const c = abc[(abc.indexOf(token[i]) + 1) % 64];
      expect(links.verify(token.slice(0, i) + c + token.slice(i + 1), now)).toBeNull();
    }
    expect(new PlaybackLinks('another-secret-another-secret-another-1').verify(token, now)).toBeNull();
    for (const bad of ['', 'x', randomUUID(), token + 'A', token.slice(1), '../'.repeat(30) + 'a'])
      expect(links.verify(bad, now)).toBeNull();
  });
});
