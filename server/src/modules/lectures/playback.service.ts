import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { gzipSync } from 'node:zlib';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { isComplete, masterPlaylist, rewritePlaylist } from '../media/hls.js';
import type { Rendition } from '../media/ladder.js';
import { AuthService } from '../identity/auth.service.js';
import { StorageService } from '../storage/storage.service.js';
import { authorizeEpisode } from './lectures.access.js';
import type { LectureEpisode, LectureSeries, LectureVideo } from './lectures.entities.js';
import type { Playback } from './lectures.present.js';
import { LectureViews } from './lecture-views.service.js';
import { PlaybackLinks } from './playback-link.js';
import { SeriesRepository } from './series.repository.js';
import { WatchRepository, type Beat } from './watch.repository.js';

interface Grant {
  series: LectureSeries;
  episode: LectureEpisode;
  manage: boolean;
  video: LectureVideo;
}

/** A media playlist with its segment URIs signed, kept with its gzip form (675 signed URIs ≈ 270 KB, gzipped ≈ 70 KB). */
export interface SignedPlaylist {
  text: string;
  gzipped: Buffer;
}

/**
 * Playlists behind a permission check, every segment URI a short-lived presigned URL (bytes
 * never pass through Node); watch-progress heartbeats buffered and written in batches; views.
 * The hot path makes one query per grant (episode, series and video together) and none per segment.
 */
@Injectable()
export class PlaybackService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Playback');
  private readonly signed = new Map<string, { playlist: SignedPlaylist; until: number }>();
  private readonly access = new Map<string, { until: number; duration: number }>();
  private buffer = new Map<string, Beat>();
  private readonly lastBeat = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** permission + current video per viewer and episode, for a few seconds (players poll playlists) */
  private readonly grants = new Map<string, { until: number; value: Promise<Grant> }>();
  private readonly links: PlaybackLinks;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly series: SeriesRepository,
    private readonly watches: WatchRepository,
    private readonly views: LectureViews,
    private readonly storage: StorageService,
    private readonly auth: AuthService,
  ) {
    this.links = new PlaybackLinks(config.JWT_SECRET);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush().catch((e) => this.logger.error(`flush: ${(e as Error).message}`)), 2000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  /** Episode, series and current video in one query, then the permission check. */
  private async playableVideo(p: Principal, episodeId: string): Promise<Grant> {
    const row = await this.series.episodeForPlayback(episodeId);
    if (!row) throw AppError.notFound('lecture.episodeNotFound');
    const { series, episode, video } = row;
    const manage = authorizeEpisode(p, series, episode);
    if (!video || !video.playable || !video.outputPrefix || !video.renditions.length) throw AppError.conflict('lecture.notReady');
    return { series, episode, manage, video };
  }

  /** playableVideo, remembered for about 10 s per viewer (2 s while the ladder is still being encoded). */
  private grant(p: Principal, episodeId: string): Promise<Grant> {
    const key = `${p.userId}:${p.role}:${episodeId}`;
    const hit = this.grants.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = this.playableVideo(p, episodeId);
    this.grants.set(key, { until: Date.now() + 5000, value });
    value.then(
      // spread over 8–12 s so that viewers who started together do not all reload together
      (g) =>
        this.grants.set(key, { until: Date.now() + (g.video.state === 'ready' ? 8000 + Math.random() * 4000 : 2000), value }),
      () => this.grants.delete(key),
    );
    if (this.grants.size > 20_000) for (const [k, g] of this.grants) if (g.until < Date.now()) this.grants.delete(k);
    return value;
  }

  /** Signed URLs live long enough to play the whole lecture from one playlist fetch. */
  private ttl(v: LectureVideo): number {
    return this.config.HLS_URL_TTL_SECONDS + Math.ceil(v.durationS ?? 0);
  }

  async playback(p: Principal, episodeId: string): Promise<Playback> {
    const { series, episode, manage, video } = await this.playableVideo(p, episodeId);
    const [view] = await this.views.episodeViews([episode], manage);
    const watch = await this.watches.watchOf(p.userId, episodeId);
    const pending = this.buffer.get(`${p.userId}:${episodeId}`);
    const pos = pending?.position ?? watch?.positionS ?? 0;
    const dur = video.durationS ?? 0;
    const base = `/api/lectures/episodes/${episodeId}/hls`;
    const audio = video.renditions.find((r) => r.kind === 'audio');
    const link = `/api/lectures/play/${this.links.issue({ episodeId, userId: p.userId, sessionId: p.sessionId }, this.ttl(video))}`;
    return {
      episode: view,
      seriesTitle: series.title,
      masterUrl: `${base}/master.m3u8`,
      audioOnlyUrl: audio ? `${base}/${audio.name}.m3u8` : null,
      linkMasterUrl: `${link}/master.m3u8`,
      linkAudioOnlyUrl: audio ? `${link}/${audio.name}.m3u8` : null,
      posterUrl: video.posterKey ? await this.storage.presignGet(video.posterKey, 3600) : null,
      storyboard:
        video.storyboard && video.state === 'ready'
          ? { ...video.storyboard, url: await this.storage.presignGet(video.storyboard.key, 3600), key: undefined }
          : null,
      captions: await Promise.all(
        episode.captions.map(async (c) => ({
          lang: c.lang,
          label: c.label,
          url: await this.storage.presignGet(c.key, 3600, { contentType: 'text/vtt; charset=utf-8' }),
        })),
      ),
      renditions: video.renditions
        .filter((r) => r.kind === 'video')
        .map((r) => ({ name: r.name, width: r.width, height: r.height })),
      // finished (or in the closing seconds): start over
      resumeAt: dur && pos >= dur - Math.min(10, dur * 0.05) ? 0 : Math.max(0, pos),
      canManage: manage,
      ready: video.state === 'ready',
    } as Playback;
  }

  async master(p: Principal, episodeId: string): Promise<string> {
    const { video } = await this.grant(p, episodeId);
    return masterPlaylist(video.renditions as Rendition[], (r) => `${r.name}.m3u8`);
  }

  async mediaPlaylist(p: Principal, episodeId: string, name: string): Promise<SignedPlaylist> {
    const { video } = await this.grant(p, episodeId);
    if (!video.renditions.some((r) => r.name === name)) throw AppError.notFound('lecture.rendition', { name });
    const key = `${video.outputPrefix}${name}/index.m3u8`;
    const hit = this.signed.get(key);
    if (hit && hit.until > Date.now()) return hit.playlist;
    let raw: string;
    try {
      raw = (await this.storage.getBuffer(key)).toString('utf8');
    } catch {
      throw AppError.conflict('lecture.notReady');
    }
    const ttl = this.ttl(video);
    const dir = `${video.outputPrefix}${name}/`;
    const uris = new Map<string, string>();
    for (const line of raw.split('\n')) {
      const m = /URI="([^"]+)"/.exec(line);
      const uri = m ? m[1] : line.trim() && !line.startsWith('#') ? line.trim() : null;
      if (uri && !uris.has(uri)) uris.set(uri, this.storage.signGet(dir + uri, ttl));
    }
    const text = rewritePlaylist(raw, (u) => uris.get(u) ?? u);
    // compressed once per cached copy, not per viewer: rural 4G pays for every byte of a playlist
    const playlist = { text, gzipped: gzipSync(text, { level: 6 }) };
    // finished playlists: everyone shares the signed text for a quarter of its lifetime; growing ones: 1 s
    const cacheMs = isComplete(raw) ? Math.min(60_000, (ttl * 1000) / 4) : 1000;
    this.signed.set(key, { playlist, until: Date.now() + cacheMs });
    if (this.signed.size > 2000) for (const [k, v] of this.signed) if (v.until < Date.now()) this.signed.delete(k);
    return playlist;
  }

  /**
   * The viewer behind a signed playback link (native HLS players send no Authorization header).
   * The session must still be alive; the usual permission check follows in master/mediaPlaylist.
   */
  async viaLink(token: string): Promise<{ principal: Principal; episodeId: string }> {
    const claims = this.links.verify(token);
    const principal = claims && (await this.auth.principalForSession(claims.userId, claims.sessionId));
    if (!claims || !principal) throw AppError.forbidden('lecture.linkExpired');
    return { principal, episodeId: claims.episodeId };
  }

  // ---------- progress ----------

  async heartbeat(p: Principal, episodeId: string, position: number, played: number): Promise<void> {
    const key = `${p.userId}:${episodeId}`;
    let acc = this.access.get(key);
    if (!acc || acc.until < Date.now()) {
      const { video } = await this.grant(p, episodeId);
      acc = { until: Date.now() + 300_000, duration: video.durationS ?? 0 };
      this.access.set(key, acc);
    }
    const now = Date.now();
    const last = this.lastBeat.get(key);
    // a client cannot claim more playing time than wall time passed (2× speed allowed)
    const cap = last ? ((now - last) / 1000) * 2 + 2 : 15;
    this.lastBeat.set(key, now);
    const prev = this.buffer.get(key);
    const pos = acc.duration ? Math.min(position, acc.duration) : position;
    this.buffer.set(key, {
      userId: p.userId,
      episodeId,
      position: pos,
      played: (prev?.played ?? 0) + Math.min(played, cap),
      duration: acc.duration,
    });
  }

  /** Writes buffered heartbeats in one statement; counts a view per viewer per window once they watched enough. */
  async flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.buffer.size) return;
      const batch = [...this.buffer.values()];
      this.buffer = new Map();
      const windowNo = Math.floor(Date.now() / (this.config.VIEW_WINDOW_HOURS * 3600_000));
      await this.watches.recordProgress(batch, windowNo, this.config.VIEW_MIN_SECONDS);
    });
    return this.flushing;
  }
}
