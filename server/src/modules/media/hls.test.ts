import { isWholePlaylist } from './hls.js';
import { ladderArgs, planLadder, planStoryboard, type ProbeResult } from './ladder.js';

const whole = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-TARGETDURATION:4',
  '#EXT-X-MEDIA-SEQUENCE:0',
  '#EXT-X-PLAYLIST-TYPE:EVENT',
  '#EXT-X-MAP:URI="init.mp4"',
  '#EXTINF:4.000000,',
  'seg_00000.m4s',
  '#EXTINF:3.000000,',
  'seg_00001.m4s',
  '#EXT-X-ENDLIST',
  '',
].join('\n');

describe('isWholePlaylist (the npm ffmpeg 4.1 rewrites playlists in place)', () => {
  it('accepts a finished playlist and a growing one cut after a segment', () => {
    expect(isWholePlaylist(whole)).toBe(true);
    expect(isWholePlaylist(whole.slice(0, whole.indexOf('#EXTINF:3')))).toBe(true);
  });
  it('refuses every read cut anywhere else', () => {
    const cuts = [...whole].map((_, i) => whole.slice(0, i)).filter((t) => t && !whole.startsWith(t + '#EXTINF:3'));
    const accepted = cuts.filter(isWholePlaylist);
    // only the cut right after seg_00001.m4s (before #EXT-X-ENDLIST): a valid, still growing playlist
    expect(accepted).toEqual([whole.slice(0, whole.indexOf('#EXT-X-ENDLIST'))]);
    expect(isWholePlaylist('')).toBe(false);
  });
});

describe('ladderArgs uses only what the npm ffmpeg 4.1 and Debian 5.1 both do', () => {
  const src: ProbeResult = {
    container: 'mp4',
    durationS: 60,
    codedWidth: 1280,
    codedHeight: 720,
    width: 1280,
    height: 720,
    rotation: 0,
    videoCodec: 'h264',
    audioCodec: 'aac',
    hasAudio: true,
    fps: 30,
    variableFrameRate: false,
    bitRate: 0,
  };
  const ladder = planLadder(src);
  const args = ladderArgs('/in.mp4', '/out', src, ladder, planStoryboard(src));
  it('has no -var_stream_map or -master_pl_name (4.1 refuses name: keys and crashes on the pair)', () => {
    expect(args).not.toContain('-var_stream_map');
    expect(args).not.toContain('-master_pl_name');
    expect(args).not.toContain('-fps_mode');
  });
  it('writes one fMP4 HLS output per rendition, in the folder playback reads, from one decode', () => {
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    expect(args.filter((a) => a === '-filter_complex')).toHaveLength(1);
    expect(args.filter((a) => a.endsWith('/index.m3u8'))).toEqual(ladder.map((r) => `/out/${r.name}/index.m3u8`));
    expect(args.filter((a) => a === 'fmp4')).toHaveLength(ladder.length);
    expect(args.filter((a) => a === `expr:gte(t,n_forced*4)`)).toHaveLength(ladder.length - 1);
  });
});
