import type autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { runLoad, runStorm } from './support/load.js';
import { lectureEpisode } from './support/lectures.js';
import { loadServer as load, machine, signIn, startStack } from './support/stack.js';

/**
 * `npm run bench:playback`: p50/p99 of the playlist endpoints (permission check + every segment URI
 * presigned) at 200 concurrent viewers of a 45-minute lecture, and the heartbeat ingest rate
 * (watch-progress reports/s from 200 distinct viewers, batched into Postgres) without errors.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const VIEWERS = 200;

function report(title: string, r: autocannon.Result) {
  const errors = r.errors + r.timeouts + r.non2xx;
  const kb = r.requests.total ? r.throughput.total / r.requests.total / 1024 : 0;
  console.log(
    `${title.padEnd(58)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${kb.toFixed(1).padStart(6)} KB/resp   errors ${errors}` +
      (errors ? ` (socket ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}: ${JSON.stringify(r.statusCodeStats)})` : ''),
  );
}

async function main() {
  const stack = await startStack();
  try {
    const db = stack.app.get(DataSource);
    const { StorageService } = await load<typeof import('../../server/src/modules/storage/storage.service.js')>(
      'modules/storage/storage.service.js',
    );
    const { PlaybackService } = await load<typeof import('../../server/src/modules/lectures/playback.service.js')>(
      'modules/lectures/playback.service.js',
    );
    const { hashPassword } =
      await load<typeof import('../../server/src/modules/identity/passwords.js')>('modules/identity/passwords.js');
    const storage = stack.app.get(StorageService);
    const { episode: ep } = await lectureEpisode(stack, '基准', '45 分钟讲座');
    // a finished 45-minute lecture: 675 segments of 4 s per rendition (playlists only; segment bytes are not fetched here)
    const prefix = `lectures/videos/bench/out/a1/`;
    const rungs = [
      { name: '720p', kind: 'video', width: 1280, height: 720, bitrate: 2_500_000, bandwidth: 3_000_000, codecs: 'avc1.64001f' },
      { name: '360p', kind: 'video', width: 640, height: 360, bitrate: 600_000, bandwidth: 720_000, codecs: 'avc1.64001e' },
      { name: 'audio', kind: 'audio', width: 0, height: 0, bitrate: 64_000, bandwidth: 70_400, codecs: 'mp4a.40.2' },
    ];
    const segs = 675;
    for (const r of rungs) {
      const lines = [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:4',
        '#EXT-X-PLAYLIST-TYPE:EVENT',
        '#EXT-X-MAP:URI="init_0.mp4"',
      ];
      for (let i = 0; i < segs; i++) lines.push('#EXTINF:4.000000,', `seg_${String(i).padStart(5, '0')}.m4s`);
      lines.push('#EXT-X-ENDLIST');
      await storage.put(`${prefix}${r.name}/index.m3u8`, lines.join('\n') + '\n', 'application/vnd.apple.mpegurl');
    }
    const [{ id: videoId }] = (await db.query(
      `INSERT INTO lecture_video (episode_id, source_key, state, percent, output_prefix, playable, duration_s, width, height, has_audio, renditions, created_by, ready_at)
       VALUES ($1, 'bench/none.mp4', 'ready', 100, $2, true, 2700, 1280, 720, true, $3, $4, now()) RETURNING id`,
      [ep.id, prefix, JSON.stringify(rungs), stack.seed.users.teacher],
    )) as { id: string }[];
    await db.query(`UPDATE lecture_episode SET video_id=$1 WHERE id=$2`, [videoId, ep.id]);

    // 200 distinct student viewers
    const hash = await hashPassword('Mumian2026');
    await db.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, school_id, grade, birth_date)
       SELECT 'bench.v' || g, '学生' || g, $1, 'student', $2, 8, '2010-01-01' FROM generate_series(1, ${VIEWERS}) g`,
      [hash, stack.seed.schools.rural],
    );
    const tokens: string[] = [];
    for (let i = 1; i <= VIEWERS; i++) tokens.push(await signIn(stack, `bench.v${i}`));
    // browsers (and hls.js through them) always offer gzip
    const perViewer = { tokens, headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, deflate, br' } };
    const base = `${stack.baseUrl}/api/lectures/episodes/${ep.id}`;
    console.log(
      `machine: ${machine()}; ${DURATION}s per run; ${VIEWERS} concurrent viewers on loopback; 45-min lecture, ${segs} segments/rendition`,
    );
    const t0 = performance.now();
    const cold = await fetch(`${base}/hls/720p.m3u8`, { headers: { authorization: `Bearer ${tokens[0]}` } });
    await cold.text();
    console.log(`first (cold) signing of one ${segs}-segment playlist: ${(performance.now() - t0).toFixed(0)} ms`);
    // the start of a class: every viewer presses play at once, with cold caches (fresh sessions)
    const storm = await runStorm({
      urls: [`${base}/playback`, `${base}/hls/master.m3u8`, `${base}/hls/720p.m3u8`],
      tokens,
      headers: perViewer.headers,
    });
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log(
      `class starts: ${VIEWERS} viewers press play at once (playback info → master → 720p playlist), cold caches:\n` +
        `  every viewer had the playlist after ${ms(storm.wallMs)}; per viewer p50 ${ms(storm.viewer.p50)}, p99 ${ms(storm.viewer.p99)}; ` +
        `steps p50/p99: ${storm.requests.map((r) => `${ms(r.p50)}/${ms(r.p99)}`).join(', ')}; failures ${JSON.stringify(storm.failures)}`,
    );
    report(
      `GET master.m3u8, c=${VIEWERS}`,
      await runLoad({
        url: `${base}/hls/master.m3u8`,
        connections: VIEWERS,
        duration: DURATION,
        ...perViewer,
      }),
    );
    report(
      `GET 720p.m3u8 (675 presigned URIs), c=${VIEWERS}`,
      await runLoad({
        url: `${base}/hls/720p.m3u8`,
        connections: VIEWERS,
        duration: DURATION,
        ...perViewer,
      }),
    );
    const hb = await runLoad({
      url: `${base}/progress`,
      method: 'POST',
      body: JSON.stringify({ position: 120, played: 5 }),
      connections: VIEWERS,
      duration: DURATION,
      ...perViewer,
    });
    report(`POST progress (heartbeats, ${VIEWERS} viewers), c=${VIEWERS}`, hb);
    await stack.app.get(PlaybackService).flush();
    const [w] = (await db.query(
      `SELECT count(*)::int AS n, COALESCE(sum(watched_s),0)::float AS s FROM lecture_watch WHERE episode_id=$1`,
      [ep.id],
    )) as {
      n: number;
      s: number;
    }[];
    console.log(
      `heartbeat ingest: ${hb.requests.average.toFixed(0)} heartbeats/s sustained, ${hb.non2xx + hb.errors} errors; ${w.n} viewer rows written in batches (every 2 s, one statement)`,
    );
  } finally {
    await stack.stop();
  }
}

void main();
