import type { Rendition } from './ladder.js';

/**
 * Master playlist written by us (the npm ffmpeg cannot, and the API must sign URLs anyway).
 * Audio is demuxed: one AAC rendition shared by every video rung (group "aud") and offered
 * alone as the audio-only variant for the weakest links.
 */
export function masterPlaylist(ladder: Rendition[], uriOf: (r: Rendition) => string): string {
  const audio = ladder.find((r) => r.kind === 'audio');
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (audio)
    lines.push(
      `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="audio",LANGUAGE="zh",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="${uriOf(audio)}"`,
    );
  for (const r of ladder.filter((x) => x.kind === 'video')) {
    const bw = r.bandwidth + (audio?.bandwidth ?? 0);
    const codecs = audio ? `${r.codecs},${audio.codecs}` : r.codecs;
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${bw},AVERAGE-BANDWIDTH=${Math.round(bw * 0.85)},RESOLUTION=${r.width}x${r.height},CODECS="${codecs}"${audio ? ',AUDIO="aud"' : ''},NAME="${r.name}"`,
      uriOf(r),
    );
  }
  if (audio) lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${audio.bandwidth},CODECS="${audio.codecs}",AUDIO="aud"`, uriOf(audio));
  return lines.join('\n') + '\n';
}

/** Every URI a media playlist references (init segment first), in order. */
export function playlistUris(text: string): string[] {
  const uris: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#EXT-X-MAP:')) {
      const m = /URI="([^"]+)"/.exec(line);
      if (m) uris.push(m[1]);
    } else if (!line.startsWith('#')) uris.push(line);
  }
  return uris;
}

/** Rewrites each segment and init URI with `sign` (a presigned object-store URL). */
export function rewritePlaylist(text: string, sign: (uri: string) => string): string {
  return text
    .split('\n')
    .map((raw) => {
      const line = raw.trim();
      if (line.startsWith('#EXT-X-MAP:')) return line.replace(/URI="([^"]+)"/, (_, u: string) => `URI="${sign(u)}"`);
      if (line && !line.startsWith('#')) return sign(line);
      return raw;
    })
    .join('\n');
}

/** Segment durations from #EXTINF lines. */
export function segmentDurations(text: string): number[] {
  return [...text.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
}

/**
 * True when `text` is a whole media playlist as ffmpeg writes it, not one read half-written: it
 * starts with #EXTM3U, ends with a newline after a segment URI or #EXT-X-ENDLIST, and every #EXTINF
 * is followed by its URI. The npm ffmpeg 4.1 ignores `-hls_flags temp_file` and rewrites each
 * playlist in place, so a reader can catch it truncated.
 */
export function isWholePlaylist(text: string): boolean {
  if (!text.startsWith('#EXTM3U') || !text.endsWith('\n')) return false;
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let pending = false;
  for (const line of lines) {
    if (line.startsWith('#EXTINF:')) {
      if (pending) return false;
      pending = true;
    } else if (!line.startsWith('#')) pending = false;
  }
  const last = lines[lines.length - 1];
  return !pending && (last === '#EXT-X-ENDLIST' || !last.startsWith('#'));
}

export function isComplete(text: string): boolean {
  return text.includes('#EXT-X-ENDLIST');
}
