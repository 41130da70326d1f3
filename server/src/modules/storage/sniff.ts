import type { BlobKind } from './storage.entities.js';

/**
 * Tells what a file really is from its bytes, never from its name.
 * Pure functions over buffers: the caller fetches the head (and, for ZIP and OLE2 containers,
 * the parts of the file named by `needs`) with Range GETs.
 */
export interface SniffedType {
  kind: BlobKind;
  mime: string;
  ext: string;
}

export type SniffResult =
  | { type: 'known'; value: SniffedType }
  /** executables and scripts: refused whatever the purpose */
  | { type: 'blocked'; what: string }
  | { type: 'unknown' }
  /** a ZIP: the caller must supply the tail (end of central directory) */
  | { type: 'zip' }
  /** an OLE2 compound file (doc/ppt/xls): the caller must supply the directory sectors */
  | { type: 'ole2'; directoryOffset: number; sectorSize: number };

/** How many leading bytes `sniffHead` wants. */
export const HEAD_BYTES = 8192;

const ascii = (b: Buffer, at: number, s: string) => b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;
const bytes = (b: Buffer, at: number, seq: number[]) => b.length >= at + seq.length && seq.every((x, i) => b[at + i] === x);

const known = (kind: BlobKind, mime: string, ext: string): SniffResult => ({ type: 'known', value: { kind, mime, ext } });

/** Names that are refused outright, whatever the content looks like. */
const BLOCKED_EXTENSIONS = new Set([
  'exe', 'dll', 'com', 'scr', 'msi', 'msp', 'bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh',
  'hta', 'cpl', 'jar', 'apk', 'ipa', 'app', 'dmg', 'pkg', 'deb', 'rpm', 'sh', 'bash', 'zsh', 'csh', 'run', 'bin',
  'elf', 'so', 'dylib', 'lnk', 'reg', 'html', 'htm', 'xhtml', 'svg', 'php', 'py', 'pl', 'rb',
]); // prettier-ignore

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  return m ? m[1].toLowerCase() : '';
}

export function isBlockedName(fileName: string): boolean {
  return BLOCKED_EXTENSIONS.has(extensionOf(fileName));
}

/** First step: the file's leading bytes (up to HEAD_BYTES). */
export function sniffHead(head: Buffer, fileName = ''): SniffResult {
  const b = head;
  if (b.length === 0) return { type: 'unknown' };
  // executables and scripts first
  if (bytes(b, 0, [0x4d, 0x5a])) return { type: 'blocked', what: 'Windows (MZ/PE)' };
  if (bytes(b, 0, [0x7f, 0x45, 0x4c, 0x46])) return { type: 'blocked', what: 'ELF' };
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ])
    if (bytes(b, 0, magic)) return { type: 'blocked', what: 'Mach-O / Java class' };
  if (ascii(stripBom(b), 0, '#!')) return { type: 'blocked', what: 'script (#!)' };
  if (bytes(b, 0, [0x00, 0x61, 0x73, 0x6d])) return { type: 'blocked', what: 'WebAssembly' };

  // documents and images
  if (b.subarray(0, 1024).includes('%PDF-', 0, 'latin1')) return known('pdf', 'application/pdf', 'pdf');
  if (bytes(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return known('image', 'image/png', 'png');
  if (bytes(b, 0, [0xff, 0xd8, 0xff])) return known('image', 'image/jpeg', 'jpg');
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return known('image', 'image/gif', 'gif');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return known('image', 'image/webp', 'webp');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return known('audio', 'audio/wav', 'wav');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI ')) return known('video', 'video/x-msvideo', 'avi');
  if (ascii(b, 0, 'BM') && b.length > 26 && b.readUInt32LE(14) >= 12 && b.readUInt32LE(14) <= 124)
    return known('image', 'image/bmp', 'bmp');

  // audio and video containers
  if (ascii(b, 4, 'ftyp')) {
    const brand = b.toString('latin1', 8, 12);
    if (brand === 'M4A ' || brand === 'M4B ' || brand === 'M4P ') return known('audio', 'audio/mp4', 'm4a');
    if (brand === 'qt  ') return known('video', 'video/quicktime', 'mov');
    if (/^(heic|heix|mif1|msf1|avif)$/.test(brand)) return { type: 'unknown' };
    return known('video', 'video/mp4', 'mp4');
  }
  if (['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].some((atom) => ascii(b, 4, atom)))
    return known('video', 'video/quicktime', 'mov');
  if (bytes(b, 0, [0x1a, 0x45, 0xdf, 0xa3])) {
    const webm = b.subarray(0, 64).includes('webm', 0, 'latin1');
    return webm ? known('video', 'video/webm', 'webm') : known('video', 'video/x-matroska', 'mkv');
  }
  if (ascii(b, 0, 'FLV') && b[3] === 0x01) return known('video', 'video/x-flv', 'flv');
  if (bytes(b, 0, [0x47]) && b.length > 376 && b[188] === 0x47 && b[376] === 0x47) return known('video', 'video/mp2t', 'ts');
  if (ascii(b, 0, 'OggS')) {
    const first = b.subarray(0, 256);
    if (first.includes('theora', 0, 'latin1')) return known('video', 'video/ogg', 'ogv');
    return known('audio', 'audio/ogg', first.includes('OpusHead', 0, 'latin1') ? 'opus' : 'ogg');
  }
  if (ascii(b, 0, 'fLaC')) return known('audio', 'audio/flac', 'flac');
  if (ascii(b, 0, 'ID3')) return known('audio', 'audio/mpeg', 'mp3');
  if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0) {
    const layer = (b[1] >> 1) & 0x03;
    if (layer !== 0) return known('audio', 'audio/mpeg', 'mp3');
    return known('audio', 'audio/aac', 'aac');
  }

  // containers that need a second look
  if (bytes(b, 0, [0x50, 0x4b, 0x03, 0x04]) || bytes(b, 0, [0x50, 0x4b, 0x05, 0x06])) return { type: 'zip' };
  if (bytes(b, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) && b.length >= 512) {
    const sectorSize = 1 << b.readUInt16LE(0x1e);
    const firstDirSector = b.readUInt32LE(0x30);
    return { type: 'ole2', sectorSize, directoryOffset: (firstDirSector + 1) * sectorSize };
  }
  if (ascii(b, 0, 'Rar!\x1a\x07')) return known('archive', 'application/vnd.rar', 'rar');
  if (bytes(b, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return known('archive', 'application/x-7z-compressed', '7z');
  if (bytes(b, 0, [0x1f, 0x8b])) return known('archive', 'application/gzip', 'gz');

  return sniffText(b, fileName);
}

function stripBom(b: Buffer): Buffer {
  return bytes(b, 0, [0xef, 0xbb, 0xbf]) ? b.subarray(3) : b;
}

/** Plain text, WebVTT and SRT captions; markup that a browser would run is refused. */
function sniffText(head: Buffer, fileName: string): SniffResult {
  if (head.includes(0)) return { type: 'unknown' };
  const b = stripBom(head);
  // a cut multi-byte character at the end of the head is fine
  const text = b.toString('utf8', 0, Math.max(0, b.length - (b.length >= HEAD_BYTES - 3 ? 3 : 0)));
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x01 && c <= 0x08) || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f)) controls++;
  }
  if (controls > text.length / 100) return { type: 'unknown' };
  // GBK/GB18030 text (common in Chinese schools) is not UTF-8 but is still text: no NULs, few controls
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (/^(<!doctype html|<html|<svg|<\?xml[^>]*>\s*<svg|<script)/.test(start) || /<script[\s>]/.test(text.toLowerCase()))
    return { type: 'blocked', what: 'HTML/SVG/script' };
  if (/^WEBVTT([ \t].*)?(\r?\n|$)/.test(text)) return known('caption', 'text/vtt', 'vtt');
  if (/^\s*\d+\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}/.test(text))
    return known('caption', 'application/x-subrip', 'srt');
  const ext = extensionOf(fileName);
  const textExt = ['csv', 'md', 'tsv', 'json', 'xml', 'rtf'].includes(ext) ? ext : 'txt';
  if (ascii(b, 0, '{\\rtf')) return known('word', 'application/rtf', 'rtf');
  return known('text', textExt === 'csv' ? 'text/csv' : 'text/plain', textExt);
}

/** Offset and length of the tail that holds a ZIP's end-of-central-directory record. */
export function zipTailRange(size: number): { start: number; end: number } {
  const want = 65535 + 22;
  return { start: Math.max(0, size - want), end: size - 1 };
}

/**
 * Finds the central directory from the tail. Returns where it lies, or null when the
 * file has no valid end record (a truncated or fake ZIP).
 */
export function zipCentralDirectory(tail: Buffer, tailStart: number): { offset: number; size: number } | null {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== 0x06054b50) continue;
    let size = tail.readUInt32LE(i + 12);
    let offset = tail.readUInt32LE(i + 16);
    if ((size === 0xffffffff || offset === 0xffffffff) && i >= 20 && tail.readUInt32LE(i - 20) === 0x07064b50) {
      // ZIP64: the locator points at the ZIP64 end record
      const z64 = Number(tail.readBigUInt64LE(i - 20 + 8)) - tailStart;
      if (z64 < 0 || z64 + 56 > tail.length || tail.readUInt32LE(z64) !== 0x06064b50) return null;
      size = Number(tail.readBigUInt64LE(z64 + 40));
      offset = Number(tail.readBigUInt64LE(z64 + 48));
    }
    return { offset, size };
  }
  return null;
}

/** Entry names from central directory bytes. */
export function zipEntryNames(cd: Buffer, max = 5000): string[] {
  const names: string[] = [];
  let p = 0;
  while (p + 46 <= cd.length && names.length < max) {
    if (cd.readUInt32LE(p) !== 0x02014b50) break;
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLen > cd.length) break;
    names.push(cd.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** What a ZIP holds: an Office Open XML document, or a plain archive. */
export function classifyZip(names: string[]): SniffResult {
  if (!names.length) return { type: 'unknown' };
  const has = (prefix: string) => names.some((n) => n.startsWith(prefix));
  const ooxml = names.includes('[Content_Types].xml');
  if (ooxml && has('word/'))
    return known('word', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx');
  if (ooxml && has('ppt/'))
    return known('presentation', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx');
  if (ooxml && has('xl/'))
    return known('spreadsheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx');
  if (names.some((n) => /\.(exe|dll|scr|bat|cmd|vbs|ps1|msi|com|js|jar|apk)$/i.test(n)))
    return { type: 'blocked', what: 'archive containing programs' };
  return known('archive', 'application/zip', 'zip');
}

/** What an OLE2 compound file holds, from the UTF-16 names in its directory sectors. */
export function classifyOle2(directory: Buffer, fileName: string): SniffResult {
  const has = (name: string) => directory.includes(Buffer.from(name, 'utf16le'));
  if (has('WordDocument')) return known('word', 'application/msword', 'doc');
  if (has('PowerPoint Document')) return known('presentation', 'application/vnd.ms-powerpoint', 'ppt');
  if (has('Workbook') || has('Book')) return known('spreadsheet', 'application/vnd.ms-excel', 'xls');
  // the stream may sit in a later directory sector: fall back to the name for Office extensions only
  const ext = extensionOf(fileName);
  if (ext === 'doc' || ext === 'wps') return known('word', 'application/msword', 'doc');
  if (ext === 'ppt' || ext === 'pps' || ext === 'dps') return known('presentation', 'application/vnd.ms-powerpoint', 'ppt');
  if (ext === 'xls' || ext === 'et') return known('spreadsheet', 'application/vnd.ms-excel', 'xls');
  return { type: 'unknown' };
}
