/**
 * The HLS ladder chosen from a probed source: never upscaled, sizes even, one GOP every
 * SEGMENT_SECONDS so every rendition cuts its segments at the same instants.
 */
export const SEGMENT_SECONDS = 4;
export const AUDIO_BITRATE = 64_000;
export const MAX_FPS = 30;

export interface ProbeResult {
  container: string;
  durationS: number;
  /** size as stored in the stream */
  codedWidth: number;
  codedHeight: number;
  /** size as shown, rotation applied (a portrait phone video: width < height) */
  width: number;
  height: number;
  /** degrees, clockwise, normalised to 0/90/180/270 */
  rotation: number;
  videoCodec: string;
  audioCodec: string | null;
  hasAudio: boolean;
  /** average frame rate; 0 when unknown */
  fps: number;
  /** true when r_frame_rate and avg_frame_rate disagree (phones, screen recorders) */
  variableFrameRate: boolean;
  bitRate: number;
}

export interface Rendition {
  /** folder and playlist name, e.g. `720p` or `audio` */
  name: string;
  kind: 'video' | 'audio';
  width: number;
  height: number;
  /** target bitrate, bits/s */
  bitrate: number;
  /** peak for the master playlist BANDWIDTH, bits/s */
  bandwidth: number;
  codecs: string;
}

const RUNGS: { shortSide: number; bitrate: number; codec: string }[] = [
  { shortSide: 1080, bitrate: 4_500_000, codec: 'avc1.640028' },
  { shortSide: 720, bitrate: 2_500_000, codec: 'avc1.64001f' },
  { shortSide: 480, bitrate: 1_000_000, codec: 'avc1.64001e' },
  { shortSide: 360, bitrate: 600_000, codec: 'avc1.64001e' },
  { shortSide: 240, bitrate: 300_000, codec: 'avc1.640015' },
];

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** Video rungs no taller (on the short side) than the source, lowest last, plus audio-only when the source has sound. */
export function planLadder(src: Pick<ProbeResult, 'width' | 'height' | 'hasAudio'>): Rendition[] {
  const portrait = src.height > src.width;
  const short = Math.min(src.width, src.height);
  const long = Math.max(src.width, src.height);
  const fit = (s: number) => {
    const l = even((s * long) / short);
    return portrait ? { width: even(s), height: l } : { width: l, height: even(s) };
  };
  const out: Rendition[] = [];
  for (const r of RUNGS) {
    if (r.shortSide > short) continue;
    const { width, height } = fit(r.shortSide);
    out.push(video(`${r.shortSide}p`, width, height, r.bitrate, r.codec));
  }
  if (!out.length) {
    // smaller than the lowest rung: keep the source size
    const { width, height } = fit(short);
    out.push(video(`${even(short)}p`, width, height, 200_000, 'avc1.64000d'));
  }
  if (src.hasAudio)
    out.push({
      name: 'audio',
      kind: 'audio',
      width: 0,
      height: 0,
      bitrate: AUDIO_BITRATE,
      bandwidth: Math.round(AUDIO_BITRATE * 1.1),
      codecs: 'mp4a.40.2',
    });
  return out;
}

function video(name: string, width: number, height: number, bitrate: number, codecs: string): Rendition {
  return { name, kind: 'video', width, height, bitrate, bandwidth: Math.round(bitrate * 1.2), codecs };
}

export function outputFps(src: Pick<ProbeResult, 'fps'>): number {
  if (!src.fps || !Number.isFinite(src.fps) || src.fps <= 0) return 25;
  return Math.min(MAX_FPS, Math.round(src.fps * 1000) / 1000);
}

export interface StoryboardPlan {
  interval: number;
  count: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

/** At most 100 tiles of 160 px, one every `interval` seconds. */
export function planStoryboard(src: Pick<ProbeResult, 'width' | 'height' | 'durationS'>): StoryboardPlan {
  const interval = Math.max(1, Math.ceil(src.durationS / 100));
  const count = Math.max(1, Math.min(100, Math.ceil(src.durationS / interval)));
  const columns = Math.min(10, count);
  const rows = Math.ceil(count / columns);
  const tileWidth = 160;
  const tileHeight = even((160 * src.height) / src.width);
  return { interval, count, columns, rows, tileWidth, tileHeight };
}

/**
 * The ffmpeg arguments of the one-process ladder: decode once, split, encode every rung.
 *
 * Each rendition is its own HLS output (`<outDir>/<name>/index.m3u8`, `init.mp4`, `seg_NNNNN.m4s`),
 * fed from the one filter graph: no `-var_stream_map` and no `-master_pl_name` (the API writes the
 * master playlist, see hls.ts). The npm ffmpeg (a 2018 4.1 build) refuses `name:` keys in
 * `-var_stream_map` and crashes on `-master_pl_name` with it; this form works the same on 4.1 and
 * Debian's 5.1, with the same decode, filters and encoders as a single muxer.
 */
export function ladderArgs(
  input: string,
  outDir: string,
  src: ProbeResult,
  ladder: Rendition[],
  storyboard: StoryboardPlan | null,
): string[] {
  const fps = outputFps(src);
  const gop = Math.max(1, Math.round(fps * SEGMENT_SECONDS));
  const videos = ladder.filter((r) => r.kind === 'video');
  const audio = ladder.find((r) => r.kind === 'audio');
  // Decode once, then scale in a cascade (1080p → 720p → 480p …): each rung is scaled from the
  // one above instead of from the full frame, which more than halves the scaling work that ffmpeg's
  // single filter thread does for the whole ladder. The storyboard comes off the smallest rung.
  const parts = [`[0:v:0]fps=${fps},setsar=1[c0]`];
  videos.forEach((r, i) => {
    const last = i === videos.length - 1;
    const outs = [`[v${i}]`, ...(last ? (storyboard ? ['[ssb]'] : []) : [`[c${i + 1}]`])];
    parts.push(
      `[c${i}]scale=${r.width}:${r.height}:flags=bicubic,setsar=1,format=yuv420p${outs.length > 1 ? `,split=${outs.length}` : ''}${outs.join('')}`,
    );
  });
  if (storyboard)
    parts.push(
      `[ssb]fps=1/${storyboard.interval},scale=${storyboard.tileWidth}:${storyboard.tileHeight},tile=${storyboard.columns}x${storyboard.rows}[sb]`,
    );
  const args = ['-hide_banner', '-nostdin', '-y', '-v', 'error', '-progress', 'pipe:1', '-nostats', '-i', input];
  args.push('-filter_complex', parts.join(';'));
  // every output cuts a segment at each forced key frame: one every SEGMENT_SECONDS, in every rung
  const hls = (r: Rendition) => [
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_SECONDS),
    '-hls_playlist_type',
    'event',
    '-hls_segment_type',
    'fmp4',
    // temp_file: 5.1 writes segments and playlists under .tmp and renames them; 4.1 ignores it
    // (HlsPublisher copes with a playlist read while it is rewritten)
    '-hls_flags',
    'independent_segments+temp_file',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_segment_filename',
    `${outDir}/${r.name}/seg_%05d.m4s`,
    `${outDir}/${r.name}/index.m3u8`,
  ];
  videos.forEach((r, i) => {
    args.push('-map', `[v${i}]`, '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high');
    args.push('-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0');
    args.push('-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`);
    args.push('-b:v', String(r.bitrate), '-maxrate', String(Math.round(r.bitrate * 1.1)), '-bufsize', String(r.bitrate * 2));
    args.push(...hls(r));
  });
  if (audio) {
    args.push('-map', '0:a:0', '-c:a', 'aac', '-b:a', String(audio.bitrate), '-ac', '2', '-ar', '44100');
    args.push(...hls(audio));
  }
  if (storyboard) args.push('-map', '[sb]', '-frames:v', '1', '-q:v', '6', `${outDir}/storyboard.jpg`);
  return args;
}
