import type { MessageKey } from '../../common/i18n.js';
/** Caption files: WebVTT kept as is (after a sanity check), SRT converted to WebVTT, anything else refused. */
export class CaptionError extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

const MAX_CAPTION_BYTES = 2 * 1024 * 1024;
const CUE_TIME = /(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}\s*-->\s*(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}/;

export function toWebVtt(buf: Buffer): string {
  if (buf.length === 0) throw new CaptionError('media.caption.empty');
  if (buf.length > MAX_CAPTION_BYTES) throw new CaptionError('media.caption.tooLarge');
  if (buf.includes(0)) throw new CaptionError('media.caption.notText');
  let text = buf.toString('utf8');
  if (text.includes('\uFFFD')) throw new CaptionError('media.caption.notUtf8');
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/^WEBVTT(?:[ \t].*)?(?:\n|$)/.test(text)) {
    if (!CUE_TIME.test(text)) throw new CaptionError('media.caption.noCues');
    return text.endsWith('\n') ? text : text + '\n';
  }
  // SRT: blocks of "index\n00:00:01,000 --> 00:00:02,000\ntext"
  const blocks = text.trim().split(/\n{2,}/);
  const cues: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    const timeIdx = /^\d+$/.test(lines[0]?.trim() ?? '') ? 1 : 0;
    const time = lines[timeIdx]?.trim() ?? '';
    if (!CUE_TIME.test(time)) throw new CaptionError('media.caption.unsupported');
    const vttTime = time.replace(/(\d),(\d{3})/g, '$1.$2');
    cues.push([vttTime, ...lines.slice(timeIdx + 1)].join('\n'));
  }
  if (!cues.length) throw new CaptionError('media.caption.unsupported');
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
