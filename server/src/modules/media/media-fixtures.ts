import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);

/**
 * The binary fixtures run by default, chosen like MediaService.binaries(): FFMPEG_PATH /
 * FFPROBE_PATH, else the system's, else the npm build. So the tests run on a machine with only Node,
 * and with FFMPEG_PATH set (CI's second media run) they make their sources with the npm ffmpeg too.
 */
export function fixtureBinary(tool: 'ffmpeg' | 'ffprobe'): string {
  const configured = process.env[tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'];
  if (configured) return configured;
  if (existsSync(`/usr/bin/${tool}`)) return `/usr/bin/${tool}`;
  return (nodeRequire(`@${tool}-installer/${tool}`) as { path: string }).path;
}

export interface ClipOptions {
  width?: number;
  height?: number;
  seconds?: number;
  fps?: number;
  audio?: boolean;
  /** rotation metadata in degrees (a phone held upright records 1920x1080 with rotate=90) */
  rotate?: number;
  /** a Chinese title burnt in? (drawtext needs fonts; we use testsrc2's own pattern instead) */
  preset?: string;
  /** encoder arguments instead of H.264 / AAC, e.g. ['-c:v', 'libvpx-vp9'] (the container follows the file name) */
  videoArgs?: string[];
  audioArgs?: string[];
  /** drop the frames between 1 s and 1.6 s and keep timestamps: a variable-frame-rate screen recording */
  variableFrameRate?: boolean;
}

/** Generates a short test clip with ffmpeg lavfi (testsrc2 + a sine tone). */
export async function makeClip(file: string, o: ClipOptions = {}, ffmpeg = fixtureBinary('ffmpeg')): Promise<string> {
  const w = o.width ?? 320;
  const h = o.height ?? 240;
  const s = o.seconds ?? 3;
  const args = [
    '-hide_banner',
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${w}x${h}:rate=${o.fps ?? 25}:duration=${s}`,
  ];
  if (o.audio !== false) args.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${s}`);
  // `-vsync vfr`, not 5.1's `-fps_mode vfr`: the npm ffmpeg 4.1 has only the former, 5.1 both
  if (o.variableFrameRate) args.push('-vf', "select='not(between(t,1,1.6))'", '-vsync', 'vfr');
  args.push(...(o.videoArgs ?? ['-c:v', 'libx264', '-preset', o.preset ?? 'ultrafast', '-pix_fmt', 'yuv420p']));
  if (o.audio !== false) args.push(...(o.audioArgs ?? ['-c:a', 'aac', '-b:a', '64k']));
  args.push('-shortest', o.rotate ? `${file}.tmp.mp4` : file);
  await runFfmpeg(ffmpeg, args);
  if (o.rotate) {
    // rotation metadata is only kept on a stream copy
    await runFfmpeg(ffmpeg, [
      '-v',
      'error',
      '-y',
      '-i',
      `${file}.tmp.mp4`,
      '-c',
      'copy',
      '-metadata:s:v:0',
      `rotate=${o.rotate}`,
      file,
    ]);
    await rm(`${file}.tmp.mp4`, { force: true });
  }
  return file;
}

function runFfmpeg(ffmpeg: string, args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}: ${err}`))));
  });
}

/** A still JPEG photo-like test image (testsrc2 + grain, so it compresses like a camera picture). */
export async function makeImage(file: string, width: number, height: number, ffmpeg = fixtureBinary('ffmpeg')): Promise<string> {
  await runBin(ffmpeg, [
    '-hide_banner',
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=1:duration=1`,
    '-vf',
    'noise=alls=30:allf=u',
    '-frames:v',
    '1',
    '-q:v',
    '2',
    file,
  ]);
  return file;
}

/** Width and height of an image's first video stream, by ffprobe. */
export async function imageSize(file: string, ffprobe = fixtureBinary('ffprobe')): Promise<{ width: number; height: number }> {
  const out = await runBin(ffprobe, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height',
    '-of',
    'json',
    file,
  ]);
  const s = (JSON.parse(out) as { streams: { width: number; height: number }[] }).streams[0];
  return { width: s.width, height: s.height };
}

function runBin(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${bin} exited ${code}: ${err.slice(-500)}`))));
  });
}
