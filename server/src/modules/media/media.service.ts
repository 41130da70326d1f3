import { Inject, Injectable, Logger } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { StorageService } from '../storage/storage.service.js';
import { isComplete, isWholePlaylist, playlistUris } from './hls.js';
import { ladderArgs, planLadder, planStoryboard, type ProbeResult, type Rendition, type StoryboardPlan } from './ladder.js';

/** Bad input (not a glitch): the job fails at once with this message key. */
export class MediaInputError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export interface Binaries {
  ffmpeg: string;
  ffprobe: string;
  source: 'config' | 'system' | 'npm';
}

export interface TranscodeHooks {
  signal?: AbortSignal;
  /** 0..100 */
  onProgress?: (percent: number) => void | Promise<void>;
  /** called once, when every rendition has its first segment in the object store */
  onPlayable?: () => void | Promise<void>;
}

export interface TranscodeResult {
  ladder: Rendition[];
  storyboard: (StoryboardPlan & { key: string }) | null;
  /** wall seconds from start to the first playable moment */
  firstPlayableS: number | null;
  segments: number;
}

const nodeRequire = createRequire(import.meta.url);

/** The only code that runs ffmpeg/ffprobe: probing, the HLS ladder, posters, storyboards. */
@Injectable()
export class MediaService {
  private readonly logger = new Logger('Media');
  private bins: Binaries | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
  ) {}

  /**
   * FFMPEG_PATH/FFPROBE_PATH, else the system binaries (Debian ffmpeg 5.1), else the npm builds (ffmpeg 4.1 from
   * 2018, ffprobe from 2023). Everything here works with both ffmpeg builds; CI runs the media tests with each.
   */
  binaries(): Binaries {
    if (this.bins) return this.bins;
    const npm = (pkg: string) => {
      try {
        return (nodeRequire(pkg) as { path: string }).path;
      } catch {
        return null;
      }
    };
    const pick = (configured: string | undefined, system: string, pkg: string, variable: string) =>
      configured ??
      (existsSync(system) ? system : null) ??
      npm(pkg) ??
      (() => {
        throw new Error(`no ${system.split('/').pop()} found: install ffmpeg, ${pkg}, or set ${variable}`);
      })();
    const ffmpeg = pick(this.config.FFMPEG_PATH, '/usr/bin/ffmpeg', '@ffmpeg-installer/ffmpeg', 'FFMPEG_PATH');
    const ffprobe = pick(this.config.FFPROBE_PATH, '/usr/bin/ffprobe', '@ffprobe-installer/ffprobe', 'FFPROBE_PATH');
    const source = this.config.FFMPEG_PATH ? 'config' : ffmpeg === '/usr/bin/ffmpeg' ? 'system' : 'npm';
    this.bins = { ffmpeg, ffprobe, source };
    return this.bins;
  }

  /** Container by magic bytes, never by file name. */
  async sniff(file: string): Promise<string | null> {
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(16);
      const { bytesRead } = await fh.read(buf, 0, 16, 0);
      return sniffContainer(buf.subarray(0, bytesRead));
    } finally {
      await fh.close();
    }
  }

  /** Checks the file is a playable video and reads what the ladder needs. Throws MediaInputError. */
  async probe(file: string): Promise<ProbeResult> {
    const size = (await stat(file)).size;
    if (size === 0) throw new MediaInputError('media.empty');
    const container = await this.sniff(file);
    if (!container) throw new MediaInputError('media.notVideo');
    let out: string;
    try {
      out = await this.run(this.binaries().ffprobe, [
        '-v',
        'error',
        '-print_format',
        'json',
        '-show_format',
        '-show_streams',
        file,
      ]);
    } catch (err) {
      throw new MediaInputError('media.corrupt', { detail: firstLine((err as Error).message) });
    }
    const info = JSON.parse(out) as FfprobeOutput;
    const v = info.streams?.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
    if (!v || !v.width || !v.height) throw new MediaInputError('media.noVideoStream');
    const a = info.streams?.find((s) => s.codec_type === 'audio');
    const durationS = Number(info.format?.duration ?? v.duration ?? NaN);
    if (!Number.isFinite(durationS) || durationS <= 0) throw new MediaInputError('media.noDuration');
    if (durationS > this.config.MEDIA_MAX_DURATION_SECONDS)
      throw new MediaInputError('media.tooLong', {
        minutes: Math.round(durationS / 60),
        max: Math.round(this.config.MEDIA_MAX_DURATION_SECONDS / 60),
      });
    const rotation = rotationOf(v);
    const swap = rotation === 90 || rotation === 270;
    const avg = rate(v.avg_frame_rate);
    const r = rate(v.r_frame_rate);
    return {
      container,
      durationS,
      codedWidth: v.width,
      codedHeight: v.height,
      width: swap ? v.height : v.width,
      height: swap ? v.width : v.height,
      rotation,
      videoCodec: v.codec_name ?? 'unknown',
      audioCodec: a?.codec_name ?? null,
      hasAudio: !!a,
      fps: avg || r,
      variableFrameRate: !!avg && !!r && Math.abs(avg - r) / r > 0.01,
      bitRate: Number(info.format?.bit_rate ?? 0),
    };
  }

  /** Poster (1280 px wide at most) and thumbnail (320 px) from a frame at 10% of the lecture. */
  async stills(
    input: string,
    outDir: string,
    src: ProbeResult,
    signal?: AbortSignal,
  ): Promise<{ poster: string; thumbnail: string }> {
    await mkdir(outDir, { recursive: true });
    const at = Math.min(src.durationS * 0.1, 30).toFixed(2);
    const poster = join(outDir, 'poster.jpg');
    const thumbnail = join(outDir, 'thumbnail.jpg');
    const pw = Math.min(1280, src.width);
    await this.run(
      this.binaries().ffmpeg,
      [
        '-hide_banner',
        '-nostdin',
        '-y',
        '-v',
        'error',
        '-ss',
        at,
        '-i',
        input,
        '-frames:v',
        '1',
        '-filter_complex',
        `[0:v:0]scale=${pw}:-2,setsar=1,split=2[p][t];[t]scale=320:-2[tt]`,
        '-map',
        '[p]',
        '-q:v',
        '4',
        poster,
        '-map',
        '[tt]',
        '-frames:v',
        '1',
        '-q:v',
        '5',
        thumbnail,
      ],
      signal,
    );
    return { poster, thumbnail };
  }

  /**
   * A still image (JPEG, PNG, WebP, GIF, BMP…) scaled down so its long side is at most `maxSide`
   * px (never up), written as a JPEG. ffmpeg 5.1 (Debian 12) does not apply a JPEG's EXIF
   * orientation tag, so a phone photo taken upright keeps the sensor's (landscape) orientation.
   * Throws when ffmpeg cannot decode the file (HEIC, SVG, animated WebP on 5.1).
   */
  async imageThumbnail(input: string, output: string, maxSide = 480, signal?: AbortSignal): Promise<void> {
    const n = Math.max(16, Math.round(maxSide));
    await this.run(
      this.binaries().ffmpeg,
      [
        '-hide_banner',
        '-nostdin',
        '-y',
        '-v',
        'error',
        '-i',
        input,
        '-frames:v',
        '1',
        '-vf',
        `scale='min(${n},iw)':'min(${n},ih)':force_original_aspect_ratio=decrease,setsar=1`,
        '-q:v',
        '5',
        '-f',
        'image2',
        '-c:v',
        'mjpeg',
        output,
      ],
      signal,
    );
  }

  /**
   * One ffmpeg process: decodes once, encodes every rung + the audio-only rendition + the
   * storyboard sprite. While it runs, finished segments and the growing EVENT playlists are
   * uploaded under `prefix`, so the lecture is playable after its first segment.
   */
  async transcodeHls(
    input: string,
    workDir: string,
    src: ProbeResult,
    prefix: string,
    hooks: TranscodeHooks = {},
  ): Promise<TranscodeResult> {
    const ladder = planLadder(src);
    const storyboard = planStoryboard(src);
    const outDir = join(workDir, 'hls');
    for (const r of ladder) await mkdir(join(outDir, r.name), { recursive: true });
    const args = ladderArgs(input, outDir, src, ladder, storyboard);
    const started = Date.now();
    const publisher = new HlsPublisher(this.storage, outDir, prefix, ladder);
    let firstPlayableS: number | null = null;
    let syncing = Promise.resolve();
    const sync = () => {
      syncing = syncing.then(async () => {
        await publisher.sync();
        if (firstPlayableS === null && publisher.playable()) {
          firstPlayableS = (Date.now() - started) / 1000;
          await hooks.onPlayable?.();
        }
      });
      return syncing;
    };
    const timer = setInterval(() => void sync().catch(() => undefined), 500);
    let lastPercent = -1;
    try {
      await this.run(this.binaries().ffmpeg, args, hooks.signal, (chunk) => {
        const m = /out_time_us=(\d+)/g;
        let match: RegExpExecArray | null;
        let us = -1;
        while ((match = m.exec(chunk))) us = Number(match[1]);
        if (us < 0) return;
        const percent = Math.min(99, Math.floor((us / 1e6 / src.durationS) * 100));
        if (percent > lastPercent) {
          lastPercent = percent;
          void hooks.onProgress?.(percent);
        }
      });
    } catch (err) {
      clearInterval(timer);
      await syncing.catch(() => undefined);
      if (hooks.signal?.aborted) throw err;
      throw new MediaInputError('media.transcodeFailed', { detail: firstLine((err as Error).message) });
    }
    clearInterval(timer);
    await syncing;
    await sync();
    if (!publisher.complete()) throw new Error('ffmpeg ended without finishing every playlist');
    let sb: TranscodeResult['storyboard'] = null;
    const sbFile = join(outDir, 'storyboard.jpg');
    if (existsSync(sbFile)) {
      const key = `${prefix}storyboard.jpg`;
      await this.storage.put(key, await readFile(sbFile), 'image/jpeg');
      sb = { ...storyboard, key };
    }
    return { ladder, storyboard: sb, firstPlayableS, segments: publisher.segmentCount() };
  }

  /** Runs a binary; resolves with stdout, rejects with stderr's last lines. Killed when `signal` aborts. */
  run(bin: string, args: string[], signal?: AbortSignal, onStdout?: (chunk: string) => void): Promise<string> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: string[] = [];
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        if (onStdout) onStdout(c);
        else out.push(c);
      });
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        err = (err + c).slice(-4000);
      });
      const kill = () => child.kill('SIGKILL');
      signal?.addEventListener('abort', kill, { once: true });
      child.on('error', (e) => {
        signal?.removeEventListener('abort', kill);
        reject(e);
      });
      child.on('close', (code, sig) => {
        signal?.removeEventListener('abort', kill);
        if (signal?.aborted) return reject(new Error('aborted'));
        if (code === 0) return resolve(out.join(''));
        reject(new Error(err.trim() || `${bin.split('/').pop()} exited with ${code ?? sig}`));
      });
    });
  }
}

/** Uploads finished segments, then the playlist that lists them, so a reader never sees a missing segment. */
class HlsPublisher {
  private readonly uploaded = new Set<string>();
  private readonly playlists = new Map<string, string>();

  constructor(
    private readonly storage: StorageService,
    private readonly dir: string,
    private readonly prefix: string,
    private readonly ladder: Rendition[],
  ) {}

  async sync(): Promise<void> {
    for (const r of this.ladder) {
      const file = join(this.dir, r.name, 'index.m3u8');
      if (!existsSync(file)) continue;
      const text = await readFile(file, 'utf8');
      if (text === this.playlists.get(r.name) || !text.includes('#EXTINF') || !isWholePlaylist(text)) continue;
      const names = new Set(await readdir(join(this.dir, r.name)));
      const uris = playlistUris(text);
      // a playlist only grows: a shorter one is a torn read (4.1 rewrites in place)
      if (uris.length < playlistUris(this.playlists.get(r.name) ?? '').length) continue;
      if (uris.some((u) => !names.has(u))) continue;
      for (const uri of uris) {
        const key = `${this.prefix}${r.name}/${uri}`;
        if (this.uploaded.has(key)) continue;
        const body = await readFile(join(this.dir, r.name, uri));
        await this.storage.put(key, body, uri.endsWith('.mp4') ? 'video/mp4' : 'video/iso.segment');
        this.uploaded.add(key);
      }
      await this.storage.put(`${this.prefix}${r.name}/index.m3u8`, text, 'application/vnd.apple.mpegurl');
      this.playlists.set(r.name, text);
    }
  }

  playable(): boolean {
    return this.ladder.every((r) => this.playlists.get(r.name)?.includes('#EXTINF'));
  }

  complete(): boolean {
    return this.ladder.every((r) => isComplete(this.playlists.get(r.name) ?? ''));
  }

  segmentCount(): number {
    return [...this.uploaded].filter((k) => k.endsWith('.m4s')).length;
  }
}

export function sniffContainer(b: Buffer): string | null {
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp') {
    const brand = b.toString('latin1', 8, 12);
    return brand === 'qt  ' ? 'mov' : 'mp4';
  }
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) return 'matroska';
  if (b.length >= 3 && b.toString('latin1', 0, 3) === 'FLV') return 'flv';
  // mp4/mov files that start with a free/wide/mdat/moov atom
  if (b.length >= 8 && ['moov', 'mdat', 'wide', 'free', 'skip'].includes(b.toString('latin1', 4, 8))) return 'mov';
  return null;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
  disposition?: { attached_pic?: number };
}
interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { duration?: string; bit_rate?: string };
}

function rotationOf(v: FfprobeStream): number {
  const raw = v.side_data_list?.find((s) => typeof s.rotation === 'number')?.rotation ?? Number(v.tags?.rotate ?? 0);
  // display matrix rotation is counter-clockwise (-90 = the picture is turned 90° clockwise)
  const fromMatrix = v.side_data_list?.some((s) => typeof s.rotation === 'number');
  const deg = fromMatrix ? -raw : raw;
  return (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
}

function rate(s?: string): number {
  if (!s) return 0;
  const [n, d] = s.split('/').map(Number);
  if (!d || !Number.isFinite(n)) return 0;
  return n / d;
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim()) ?? s).slice(0, 300);
}
