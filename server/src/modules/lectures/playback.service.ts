import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Lang } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { isComplete, masterPlaylist, rewritePlaylist } from '../media/hls.js';
import type { Rendition } from '../media/ladder.js';
import { AuthService } from '../identity/auth.service.js';
import { StorageService } from '../storage/storage.service.js';
import type { EpisodeStatsView, PlaybackView } from './lectures.dto.js';
import { LectureEpisode, LectureSeries, LectureVideo, LectureWatch } from './lectures.entities.js';
import { LecturesService } from './lectures.service.js';
import { PlaybackLinks } from './playback-link.js';

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

interface Beat {
  userId: string;
  episodeId: string;
  position: number;
  played: number;
  duration: number;
}

/**
 * Playlists behind a permission check, every segment URI a short-lived presigned URL (bytes
 * never pass through Node); watch-progress heartbeats buffered and written in batches; views.
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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    private readonly lectures: LecturesService,
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
    const row = (await this.db
      .getRepository(LectureEpisode)
      .createQueryBuilder('e')
      .innerJoinAndMapOne('e.series', LectureSeries, 's', 's.id = e.series_id')
      .leftJoinAndMapOne('e.video', LectureVideo, 'v', 'v.id = e.video_id')
      .where('e.id = :episodeId', { episodeId })
      .getOne()) as (LectureEpisode & { series: LectureSeries; video: LectureVideo | null }) | null;
    if (!row) throw AppError.notFound('lecture.episodeNotFound');
    const { series, video, ...fields } = row;
    const episode = Object.assign(new LectureEpisode(), fields);
    const manage = this.lectures.authorizeEpisode(p, series, episode);
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

  async playback(p: Principal, episodeId: string, lang: Lang): Promise<PlaybackView> {
    const { series, episode, manage, video } = await this.playableVideo(p, episodeId);
    const [view] = await this.lectures.episodeViews([episode], manage, lang);
    const watch = await this.db.getRepository(LectureWatch).findOneBy({ userId: p.userId, episodeId });
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
    } as PlaybackView;
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
      await this.db.query(
        `WITH input AS (
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::real[], $4::real[], $5::real[]) AS t(user_id, episode_id, pos, played, dur)
         ), up AS (
           INSERT INTO lecture_watch AS w (user_id, episode_id, position_s, duration_s, watched_s, completed, window_no, window_watched_s, last_at)
           SELECT user_id, episode_id, pos, dur, played, dur > 0 AND (pos >= dur * 0.95 OR played >= dur * 0.9), $6, played, now() FROM input
           ON CONFLICT (user_id, episode_id) DO UPDATE SET
             position_s = EXCLUDED.position_s,
             duration_s = EXCLUDED.duration_s,
             watched_s = w.watched_s + EXCLUDED.watched_s,
             completed = w.completed OR EXCLUDED.completed OR (EXCLUDED.duration_s > 0 AND w.watched_s + EXCLUDED.watched_s >= EXCLUDED.duration_s * 0.9),
             window_watched_s = CASE WHEN w.window_no = EXCLUDED.window_no THEN w.window_watched_s + EXCLUDED.window_watched_s ELSE EXCLUDED.window_watched_s END,
             window_no = EXCLUDED.window_no,
             last_at = now()
           RETURNING w.user_id, w.episode_id, w.window_no, w.window_watched_s, w.duration_s
         ), counted AS (
           INSERT INTO lecture_view (episode_id, user_id, school_id, locality, window_no)
           SELECT up.episode_id, up.user_id, u.school_id, s.locality, up.window_no
           FROM up JOIN app_user u ON u.id = up.user_id LEFT JOIN school s ON s.id = u.school_id
           WHERE up.window_watched_s >= LEAST($7::real, GREATEST(up.duration_s * 0.5, 1))
           ON CONFLICT (episode_id, user_id, window_no) DO NOTHING
           RETURNING episode_id
         )
         UPDATE lecture_episode e SET views = e.views + c.n
         FROM (SELECT episode_id, count(*)::int AS n FROM counted GROUP BY episode_id) c WHERE e.id = c.episode_id`,
        [
          batch.map((b) => b.userId),
          batch.map((b) => b.episodeId),
          batch.map((b) => b.position),
          batch.map((b) => b.played),
          batch.map((b) => b.duration),
          windowNo,
          this.config.VIEW_MIN_SECONDS,
        ],
      );
    });
    return this.flushing;
  }

  async stats(p: Principal, episodeId: string): Promise<EpisodeStatsView> {
    await this.lectures.managedEpisode(p, episodeId);
    await this.flush();
    const [w] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE watched_s > 0)::int AS viewers, COALESCE(sum(watched_s),0)::float AS total,
              count(*) FILTER (WHERE completed)::int AS completed
       FROM lecture_watch WHERE episode_id = $1`,
      [episodeId],
    )) as { viewers: number; total: number; completed: number }[];
    const [v] = (await this.db.query(
      `SELECT count(*)::int AS views, count(DISTINCT user_id)::int AS uniq FROM lecture_view WHERE episode_id = $1`,
      [episodeId],
    )) as { views: number; uniq: number }[];
    const bySchool = (await this.db.query(
      `SELECT COALESCE(v.school_id::text, '-') AS key, COALESCE(s.name, '—') AS label, count(*)::int AS views
       FROM lecture_view v LEFT JOIN school s ON s.id = v.school_id WHERE v.episode_id = $1
       GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50`,
      [episodeId],
    )) as { key: string; label: string; views: number }[];
    const byLocality = (await this.db.query(
      `SELECT COALESCE(locality, 'unknown') AS key, COALESCE(locality, 'unknown') AS label, count(*)::int AS views
       FROM lecture_view WHERE episode_id = $1 GROUP BY 1 ORDER BY 3 DESC`,
      [episodeId],
    )) as { key: string; label: string; views: number }[];
    return {
      episodeId,
      views: v.views,
      uniqueViewers: v.uniq,
      totalWatchS: Math.round(w.total),
      averageWatchS: w.viewers ? Math.round(w.total / w.viewers) : 0,
      completionRate: w.viewers ? Math.round((w.completed / w.viewers) * 1000) / 1000 : 0,
      bySchool,
      byLocality,
    };
  }
}
