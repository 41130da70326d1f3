import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { StorageService } from '../storage/storage.service.js';
import { masterPlaylist, playlistUris, segmentDurations } from './hls.js';
import { planLadder } from './ladder.js';
import { fixtureBinary, makeClip } from './media-fixtures.js';
import { MediaInputError, MediaService } from './media.service.js';

let t: TestApp;
let media: MediaService;
let storage: StorageService;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  media = t.app.get(MediaService);
  storage = t.app.get(StorageService);
  dir = await mkdtemp(join(tmpdir(), 'media-test-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof MediaInputError) return err.key;
    throw err;
  }
  throw new Error('expected the input to be refused');
}

describe('binaries', () => {
  it('runs the ffmpeg and ffprobe FFMPEG_PATH / FFPROBE_PATH name (CI runs this file again with the npm builds)', () => {
    const bins = media.binaries();
    if (process.env.FFMPEG_PATH) expect(bins).toMatchObject({ ffmpeg: process.env.FFMPEG_PATH, source: 'config' });
    if (process.env.FFPROBE_PATH) expect(bins.ffprobe).toBe(process.env.FFPROBE_PATH);
    expect(fixtureBinary('ffmpeg')).toBe(bins.ffmpeg);
  });
});

describe('ladder planning', () => {
  it('never upscales: a 480p source gets 480/360/240 and audio, no 720p', () => {
    const names = planLadder({ width: 854, height: 480, hasAudio: true }).map((r) => r.name);
    expect(names).toEqual(['480p', '360p', '240p', 'audio']);
  });
  it('keeps a portrait phone video portrait, with even sizes', () => {
    const l = planLadder({ width: 1080, height: 1918, hasAudio: false });
    expect(l.map((r) => r.name)).toEqual(['1080p', '720p', '480p', '360p', '240p']);
    for (const r of l) {
      expect(r.width % 2).toBe(0);
      expect(r.height % 2).toBe(0);
      expect(r.height).toBeGreaterThan(r.width);
    }
  });
  it('keeps a tiny source at its own size', () => {
    expect(planLadder({ width: 176, height: 144, hasAudio: true }).map((r) => `${r.name}:${r.width}x${r.height}`)).toEqual([
      '144p:176x144',
      'audio:0x0',
    ]);
  });
});

describe('probe refuses what is not a playable video', () => {
  it('a 0-byte file', async () => {
    const f = join(dir, 'empty.mp4');
    await writeFile(f, '');
    expect(await reason(media.probe(f))).toBe('media.empty');
  });
  it('a text file named .mp4', async () => {
    const f = join(dir, 'notes.mp4');
    await writeFile(f, '这是一份教案，不是视频。\n'.repeat(50));
    expect(await reason(media.probe(f))).toBe('media.notVideo');
  });
  it('a corrupt (truncated, scrambled) mp4', async () => {
    const good = await makeClip(join(dir, 'good.mp4'), { seconds: 2 });
    const { readFile } = await import('node:fs/promises');
    const buf = await readFile(good);
    // keep the ftyp header, destroy the rest
    const bad = Buffer.concat([buf.subarray(0, 32), Buffer.alloc(4096, 0x5a)]);
    const f = join(dir, 'corrupt.mp4');
    await writeFile(f, bad);
    expect(['media.corrupt', 'media.noVideoStream', 'media.noDuration']).toContain(await reason(media.probe(f)));
  });
  it('a video over the configured duration limit', async () => {
    const f = await makeClip(join(dir, 'long.mp4'), { width: 160, height: 120, seconds: 3 });
    const strict = new MediaService({ ...t.config, MEDIA_MAX_DURATION_SECONDS: 2 }, storage);
    expect(await reason(strict.probe(f))).toBe('media.tooLong');
  });
  it('reads rotation metadata and swaps width/height (a phone held upright)', async () => {
    const f = await makeClip(join(dir, 'rot.mp4'), { width: 320, height: 180, seconds: 2, rotate: 90 });
    const p = await media.probe(f);
    expect(p.rotation % 180).toBe(90);
    expect([p.width, p.height]).toEqual([180, 320]);
  });
});

describe('one-process HLS ladder', () => {
  it('encodes 480p + lower rungs + audio-only as a playable ladder: aligned 4 s fMP4 segments, poster and storyboard, uploaded as it goes', async () => {
    const f = await makeClip(join(dir, 'src480.mp4'), { width: 640, height: 480, seconds: 9, fps: 30 });
    const p = await media.probe(f);
    expect(p).toMatchObject({ width: 640, height: 480, hasAudio: true, videoCodec: 'h264' });
    const prefix = 'test/ladder/a1/';
    const progress: number[] = [];
    let playableAt = 0;
    const res = await media.transcodeHls(f, join(dir, 'w480'), p, prefix, {
      onProgress: (x) => void progress.push(x),
      onPlayable: () => void (playableAt = Date.now()),
    });
    expect(res.ladder.map((r) => r.name)).toEqual(['480p', '360p', '240p', 'audio']);
    expect(playableAt).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);

    // the master playlist (written by the API from the ladder) lists every video rung with what a
    // player needs to choose one, plus the audio-only variant, and each URI names a stored playlist
    const master = masterPlaylist(res.ladder, (r) => `${r.name}/index.m3u8`);
    const variants = [...master.matchAll(/#EXT-X-STREAM-INF:([^\n]+)\n([^\n]+)/g)].map((m) => ({ attrs: m[1], uri: m[2] }));
    expect(variants.map((v) => v.uri)).toEqual(res.ladder.map((r) => `${r.name}/index.m3u8`));
    for (const [i, r] of res.ladder.entries()) {
      const { attrs } = variants[i];
      expect(attrs).toMatch(/(^|,)BANDWIDTH=\d+/);
      expect(attrs).toMatch(/CODECS="[^"]+"/);
      if (r.kind === 'video') expect(attrs).toContain(`RESOLUTION=${r.width}x${r.height}`);
    }
    expect(master).toMatch(/#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud".*URI="audio\/index\.m3u8"/);

    const durations: number[][] = [];
    for (const r of res.ladder) {
      const text = (await storage.getBuffer(`${prefix}${r.name}/index.m3u8`)).toString();
      expect(text).toContain('#EXT-X-ENDLIST');
      expect(text).toContain('#EXT-X-MAP:URI="init.mp4"');
      const d = segmentDurations(text);
      durations.push(d);
      // 9 s: 4 s, 4 s, then the rest, in every rendition (audio included: AAC frames end within 0.1 s)
      expect(d.length).toBe(3);
      for (const x of d.slice(0, -1)) expect(Math.abs(x - 4)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(d.reduce((a, b) => a + b, 0) - 9)).toBeLessThan(0.25);
      const uris = playlistUris(text);
      expect(uris[0]).toBe('init.mp4');
      for (const uri of uris) expect((await storage.head(`${prefix}${r.name}/${uri}`))?.size).toBeGreaterThan(0);
      expect(uris.slice(1).every((u) => /^seg_\d{5}\.m4s$/.test(u))).toBe(true);
      // init + a middle segment is a decodable fragmented MP4 of what the master promises
      const joined = join(dir, `joined-${r.name}.mp4`);
      await writeFile(
        joined,
        Buffer.concat([
          await storage.getBuffer(`${prefix}${r.name}/init.mp4`),
          await storage.getBuffer(`${prefix}${r.name}/${uris[2]}`),
        ]),
      );
      const out = await media.run(media.binaries().ffprobe, ['-v', 'error', '-show_streams', '-of', 'json', joined]);
      const streams = (
        JSON.parse(out) as {
          streams: { codec_name: string; width?: number; height?: number; profile?: string; level?: number; channels?: number }[];
        }
      ).streams;
      expect(streams).toHaveLength(1);
      if (r.kind === 'video') {
        // avc1.64LLLL: High profile (0x64), at a level no higher than the one the master declares
        expect(r.codecs).toMatch(/^avc1\.64[0-9a-f]{4}$/);
        expect(streams[0]).toMatchObject({ codec_name: 'h264', profile: 'High', width: r.width, height: r.height });
        expect(streams[0].level).toBeLessThanOrEqual(parseInt(r.codecs.slice(-2), 16));
      } else expect(streams[0]).toMatchObject({ codec_name: 'aac', channels: 2 });
    }
    // every video rung cuts its segments at the same instants
    const video = durations.slice(0, 3);
    for (const d of video) expect(d.map((x) => x.toFixed(2))).toEqual(video[0].map((x) => x.toFixed(2)));
    expect(res.storyboard).toMatchObject({ columns: 9, rows: 1, tileWidth: 160, tileHeight: 120 });
    expect((await storage.head(res.storyboard!.key))!.size).toBeGreaterThan(1000);
    const stills = await media.stills(f, join(dir, 'still480'), p);
    expect(stills.poster).toMatch(/poster\.jpg$/);
    for (const still of [stills.poster, stills.thumbnail]) expect((await stat(still)).size).toBeGreaterThan(1000);
  });

  it('a video without audio gets video renditions only (no silent track, no audio rendition)', async () => {
    const f = await makeClip(join(dir, 'mute.mp4'), { width: 320, height: 240, seconds: 2, audio: false });
    const p = await media.probe(f);
    expect(p.hasAudio).toBe(false);
    const res = await media.transcodeHls(f, join(dir, 'wmute'), p, 'test/mute/');
    expect(res.ladder.map((r) => r.name)).toEqual(['240p']);
    expect(await storage.head('test/mute/240p/index.m3u8')).not.toBeNull();
  });

  it.each([
    [
      'webm: VP9 + Opus (browser screen recorder)',
      'src.webm',
      { videoArgs: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'], audioArgs: ['-c:a', 'libopus'] },
    ],
    ['mkv: MPEG-4 part 2 + MP3 (old camera)', 'src.mkv', { videoArgs: ['-c:v', 'mpeg4'], audioArgs: ['-c:a', 'libmp3lame'] }],
    [
      'flv: Sorenson H.263 + MP3 (live-class recorder)',
      'src.flv',
      { videoArgs: ['-c:v', 'flv'], audioArgs: ['-c:a', 'libmp3lame', '-ar', '44100'] },
    ],
    ['mov: H.264 + PCM (camera)', 'src.mov', { audioArgs: ['-c:a', 'pcm_s16le'] }],
    ['mp4 with a variable frame rate (screen recording)', 'vfr.mp4', { variableFrameRate: true }],
  ])('%s plays at the right speed with its sound', async (_name, file, opts) => {
    const f = await makeClip(join(dir, file), { width: 320, height: 240, seconds: 3, ...opts });
    const p = await media.probe(f);
    expect(p.hasAudio).toBe(true);
    const prefix = `test/containers/${file}/`;
    const res = await media.transcodeHls(f, join(dir, `w-${file}`), p, prefix);
    expect(res.ladder.map((r) => r.name)).toEqual(['240p', 'audio']);
    // video and sound each last as long as the source: nothing sped up, slowed down or dropped
    for (const r of res.ladder) {
      const total = segmentDurations((await storage.getBuffer(`${prefix}${r.name}/index.m3u8`)).toString()).reduce(
        (a, b) => a + b,
        0,
      );
      expect(Math.abs(total - 3)).toBeLessThan(0.25);
    }
  });

  it('a rotated phone video is encoded upright (portrait renditions)', async () => {
    const f = await makeClip(join(dir, 'rot2.mp4'), { width: 426, height: 240, seconds: 2, rotate: 90 });
    const p = await media.probe(f);
    const res = await media.transcodeHls(f, join(dir, 'wrot'), p, 'test/rot/');
    const r = res.ladder[0];
    expect([r.width, r.height]).toEqual([240, 426]);
    const text = (await storage.getBuffer(`test/rot/${r.name}/index.m3u8`)).toString();
    const [init, seg] = playlistUris(text);
    const joined = join(dir, 'joined.mp4');
    await writeFile(
      joined,
      Buffer.concat([
        await storage.getBuffer(`test/rot/${r.name}/${init}`),
        await storage.getBuffer(`test/rot/${r.name}/${seg}`),
      ]),
    );
    const out = await media.probe(joined);
    expect(out.rotation).toBe(0);
    expect([out.width, out.height]).toEqual([240, 426]);
  });
});
