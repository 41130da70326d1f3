import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  ladderArgs,
  planLadder,
  planStoryboard,
  SEGMENT_SECONDS,
  type ProbeResult,
} from '../../server/src/modules/media/ladder.js';
import { makeClip } from '../fixtures/media.js';
import { lectureEpisode } from './support/lectures.js';
import { loadServer as load, machine, signIn, startStack, type BenchStack } from './support/stack.js';

/**
 * `npm run bench:transcode`: for generated 60 s 720p and 1080p sources, the wall time and speed
 * (media seconds per wall second) of
 *   - the pipeline (MediaService.transcodeHls: one ffmpeg, split → every rung + audio + storyboard, publishing to S3 while encoding),
 *   - the same ladder as one ffmpeg process per rendition (each decodes the source again), run one after another and all at once,
 *   - the bare one-process ladder command (no publishing),
 *   - a single-rendition encode (the floor);
 * and, for a 10-minute 1080p source, the time from "upload complete" (job enqueued) to the first
 * playable segment fetched through the API's signed playlist.
 *
 * `BENCH_TRANSCODE=builds`: only the bare ladder command on the 60 s 720p source, with Debian's ffmpeg 5.1
 * and the npm ffmpeg 4.1 in turn (BENCH_ROUNDS rounds, alternating), wall and CPU (user + sys) time of each.
 */
const FFMPEG = existsSync('/usr/bin/ffmpeg') ? '/usr/bin/ffmpeg' : 'ffmpeg';
const SECONDS = Number(process.env.BENCH_MEDIA_SECONDS ?? 60);

function ff(args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(err))));
  });
}

/**
 * Encoded the way a phone or camera records (H.264 High profile: CABAC, B-frames, 10 Mbit/s at
 * 1080p, 5 at 720p), so decoding costs what it costs in real uploads; an ultrafast test clip
 * would make decoding nearly free and hide what decoding once saves.
 */
function asRecorded(height: number) {
  const rate = height >= 1080 ? '10M' : '5M';
  return {
    videoArgs: [
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-profile:v',
      'high',
      '-b:v',
      rate,
      '-maxrate',
      rate,
      '-bufsize',
      rate,
      '-pix_fmt',
      'yuv420p',
    ],
    audioArgs: ['-c:a', 'aac', '-b:a', '128k'],
  };
}

function probeOf(width: number, height: number, durationS: number): ProbeResult {
  return {
    container: 'mp4',
    durationS,
    codedWidth: width,
    codedHeight: height,
    width,
    height,
    rotation: 0,
    videoCodec: 'h264',
    audioCodec: 'aac',
    hasAudio: true,
    fps: 30,
    variableFrameRate: false,
    bitRate: 0,
  };
}

/** One ffmpeg per rendition, with the same encoder settings as the ladder. */
function perRenditionArgs(input: string, out: string, src: ProbeResult): string[][] {
  const gop = String(30 * SEGMENT_SECONDS);
  return planLadder(src).map((r) => {
    const common = ['-hide_banner', '-v', 'error', '-y', '-i', input];
    const hls = ['-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4'];
    const dir = join(out, r.name);
    if (r.kind === 'audio')
      return [
        ...common,
        '-map',
        '0:a:0',
        '-c:a',
        'aac',
        '-b:a',
        String(r.bitrate),
        '-ac',
        '2',
        ...hls,
        '-hls_segment_filename',
        `${dir}_%05d.m4s`,
        `${dir}.m3u8`,
      ];
    return [
      ...common,
      '-map',
      '0:v:0',
      '-vf',
      `fps=30,scale=${r.width}:${r.height},setsar=1,format=yuv420p`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-profile:v',
      'high',
      '-g',
      gop,
      '-keyint_min',
      gop,
      '-sc_threshold',
      '0',
      '-force_key_frames',
      `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
      '-b:v',
      String(r.bitrate),
      '-maxrate',
      String(Math.round(r.bitrate * 1.1)),
      '-bufsize',
      String(r.bitrate * 2),
      ...hls,
      '-hls_segment_filename',
      `${dir}_%05d.m4s`,
      `${dir}.m3u8`,
    ];
  });
}

const row = (label: string, wall: number, media: number, base?: number) =>
  console.log(
    `  ${label.padEnd(46)} ${wall.toFixed(1).padStart(6)} s   ${(media / wall).toFixed(2).padStart(5)}× realtime${base ? `   ${(((wall - base) / base) * 100).toFixed(0).padStart(4)}% vs pipeline` : ''}`,
  );

type Media = typeof import('../../server/src/modules/media/media.service.js');

async function ladderRuns(stack: BenchStack, dir: string, width: number, height: number) {
  const src = join(dir, `src-${height}.mp4`);
  await makeClip(src, { width, height, seconds: SECONDS, fps: 30, ...asRecorded(height) }, FFMPEG);
  const probe = probeOf(width, height, SECONDS);
  const names = planLadder(probe)
    .map((r) => r.name)
    .join(' + ');
  console.log(`\n${SECONDS} s ${width}x${height} source → ${names}`);
  const { MediaService } = await load<Media>('modules/media/media.service.js');
  const media = stack.app.get(MediaService);
  // pipeline: probe + one ffmpeg + publishing to the object store while encoding
  const t0 = performance.now();
  const real = await media.probe(src);
  const res = await media.transcodeHls(src, join(dir, `pipe-${height}`), real, `bench/${height}/`);
  const pipeline = (performance.now() - t0) / 1000;
  row('pipeline (1 ffmpeg, split, publish while encoding)', pipeline, SECONDS);
  console.log(`  ${''.padEnd(46)} first segments published after ${res.firstPlayableS?.toFixed(1)} s`);
  const bareDir = join(dir, `bare-${height}`);
  for (const r of planLadder(probe)) await mkdir(join(bareDir, r.name), { recursive: true });
  const bare = await ff(
    ladderArgs(src, bareDir, probe, planLadder(probe), planStoryboard(probe)).filter((a) => a !== '-progress' && a !== 'pipe:1'),
  );
  row('bare one-process ladder command', bare, SECONDS, pipeline);
  const perDir = join(dir, `per-${height}`);
  await mkdir(perDir, { recursive: true });
  const runs = perRenditionArgs(src, perDir, probe);
  let seq = 0;
  for (const args of runs) seq += await ff(args);
  row(`one process per rendition, sequential (${runs.length})`, seq, SECONDS, pipeline);
  const t1 = performance.now();
  await Promise.all(perRenditionArgs(src, perDir, probe).map((a) => ff(a)));
  row(`one process per rendition, all at once (${runs.length})`, (performance.now() - t1) / 1000, SECONDS, pipeline);
  const single = await ff(runs[0]);
  row(`single rendition (${planLadder(probe)[0].name} only, the floor)`, single, SECONDS, pipeline);
}

async function firstPlayable(stack: BenchStack, dir: string) {
  const minutes = Number(process.env.BENCH_LONG_MINUTES ?? 10);
  const one = join(dir, 'long-unit.mp4');
  await makeClip(one, { width: 1920, height: 1080, seconds: 60, fps: 30, ...asRecorded(1080) }, FFMPEG);
  const long = join(dir, 'long.mp4');
  await ff(['-v', 'error', '-y', '-stream_loop', String(minutes - 1), '-i', one, '-c', 'copy', long]);
  const { StorageService } = await load<typeof import('../../server/src/modules/storage/storage.service.js')>(
    'modules/storage/storage.service.js',
  );
  const { JobsService } =
    await load<typeof import('../../server/src/modules/jobs/jobs.service.js')>('modules/jobs/jobs.service.js');
  const db = stack.app.get(DataSource);
  const { videos, teacher, episode: ep } = await lectureEpisode(stack, '基准测试系列', '十分钟 1080p');
  const body = await readFile(long);
  const key = `bench/long-${Date.now()}.mp4`;
  await stack.app.get(StorageService).put(key, body, 'video/mp4');
  const auth = { authorization: `Bearer ${await signIn(stack, 'student.chen')}` };
  const jobs = stack.app.get(JobsService);
  // "upload complete": the source is in the store and the upload is claimed → the job is queued
  const t0 = performance.now();
  await videos.addVideo(teacher, ep.id, { key, size: body.length, originalName: 'long.mp4' });
  jobs.start(200);
  let firstSegment: number;
  for (;;) {
    const pb = await fetch(`${stack.baseUrl}/api/lectures/episodes/${ep.id}/playback`, { headers: auth });
    if (pb.status === 200) {
      const master = await (
        await fetch(`${stack.baseUrl}/api/lectures/episodes/${ep.id}/hls/master.m3u8`, { headers: auth })
      ).text();
      const low = master
        .trim()
        .split('\n')
        .filter((l) => l.endsWith('.m3u8') && !l.startsWith('#'))
        .pop()!;
      const media = await (
        await fetch(`${stack.baseUrl}/api/lectures/episodes/${ep.id}/hls/${low.replace(/"/g, '')}`, { headers: auth })
      ).text();
      const urls = media.split('\n').filter((l) => l.startsWith('http') || l.includes('URI="http'));
      const seg = urls.find((u) => u.startsWith('http'));
      if (seg && (await fetch(seg)).ok) {
        firstSegment = (performance.now() - t0) / 1000;
        break;
      }
    }
    if (performance.now() - t0 > 600_000) throw new Error('never playable');
    await new Promise((r) => setTimeout(r, 100));
  }
  const [v] = (await db.query(`SELECT first_playable_s, percent FROM lecture_video WHERE episode_id=$1`, [ep.id])) as {
    first_playable_s: number | null;
    percent: number;
  }[];
  console.log(`\n${minutes}-minute 1080p source (${(body.length / 2 ** 20).toFixed(0)} MiB in the store):`);
  console.log(
    `  upload complete → first playable segment fetched through the signed playlist: ${firstSegment.toFixed(1)} s (goal < 30 s)`,
  );
  console.log(`  (job had encoded ${v.percent}% of the ladder at that moment; the rest keeps publishing as an EVENT playlist)`);
  await jobs.stop(500);
}

/** Runs a binary through bash so `times` reports the CPU the child used: wall, user and system seconds. */
function timed(bin: string, args: string[]): Promise<{ wall: number; user: number; sys: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const script = '"$@" >/dev/null; s=$?; times >&2; exit $s';
    const child = spawn('bash', ['-c', script, 'bash', bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(err));
      // `times`: the shell's user/sys, then its children's: "0m12.345s 0m0.678s"
      const secs = (t: string) => {
        const m = /(\d+)m([\d.]+)s/.exec(t)!;
        return Number(m[1]) * 60 + Number(m[2]);
      };
      const [user, sys] = err.trim().split('\n').pop()!.trim().split(/\s+/).map(secs);
      resolve({ wall: (performance.now() - t0) / 1000, user, sys });
    });
  });
}

async function ladderBuilds(dir: string) {
  const npm = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  const builds = [
    { label: 'Debian ffmpeg 5.1', bin: '/usr/bin/ffmpeg' },
    { label: 'npm ffmpeg 4.1 (@ffmpeg-installer)', bin: npm },
  ].filter((b) => existsSync(b.bin));
  const src = join(dir, 'src-720.mp4');
  await makeClip(src, { width: 1280, height: 720, seconds: SECONDS, fps: 30, ...asRecorded(720) }, FFMPEG);
  const probe = probeOf(1280, 720, SECONDS);
  const ladder = planLadder(probe);
  console.log(`${SECONDS} s 1280x720 source → ${ladder.map((r) => r.name).join(' + ')} + storyboard (bare ladder command)`);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  for (let round = 1; round <= rounds; round++)
    for (const b of builds) {
      const out = join(dir, `builds-${round}-${b.bin === npm ? 'npm' : 'deb'}`);
      for (const r of ladder) await mkdir(join(out, r.name), { recursive: true });
      const args = ladderArgs(src, out, probe, ladder, planStoryboard(probe)).filter((a) => a !== '-progress' && a !== 'pipe:1');
      const t = await timed(b.bin, args);
      const segs = await Promise.all(
        ladder.map(async (r) => (await readFile(join(out, r.name, 'index.m3u8'), 'utf8')).match(/#EXTINF/g)?.length ?? 0),
      );
      console.log(
        `  round ${round}  ${b.label.padEnd(36)} wall ${t.wall.toFixed(1).padStart(5)} s   CPU ${(t.user + t.sys).toFixed(1).padStart(5)} s (user ${t.user.toFixed(1)} + sys ${t.sys.toFixed(1)})   ${(SECONDS / t.wall).toFixed(2)}× real time   segments ${segs.join('/')}`,
      );
      await rm(out, { recursive: true, force: true });
    }
}

async function main() {
  if (process.env.BENCH_TRANSCODE === 'builds') {
    const dir = await mkdtemp(join(tmpdir(), 'mumian-bench-tx-'));
    try {
      console.log(
        `machine: ${machine()}; load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
      );
      await ladderBuilds(dir);
      console.log(
        `load average after: ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'mumian-bench-tx-'));
  const stack = await startStack({ env: { MEDIA_CONCURRENCY: '1' } });
  try {
    console.log(`machine: ${machine()}; ffmpeg ${FFMPEG}; libx264 veryfast, ${SEGMENT_SECONDS} s fMP4 segments`);
    await ladderRuns(stack, dir, 1280, 720);
    await ladderRuns(stack, dir, 1920, 1080);
    if (process.env.BENCH_SKIP_LONG !== '1') await firstPlayable(stack, dir);
  } finally {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
