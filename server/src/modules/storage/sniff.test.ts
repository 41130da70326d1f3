import {
  classifyOle2,
  classifyZip,
  sniffHead,
  zipCentralDirectory,
  zipEntryNames,
  zipTailRange,
  type SniffResult,
} from './sniff.js';
import { makeZip } from './test-fixtures.js';

/** Runs the whole sniff like the service does, over an in-memory file. */
function sniffFile(file: Buffer, name = ''): SniffResult {
  const first = sniffHead(file.subarray(0, 8192), name);
  if (first.type === 'zip') {
    const r = zipTailRange(file.length);
    const tail = file.subarray(r.start, r.end + 1);
    const cd = zipCentralDirectory(tail, r.start);
    if (!cd) return { type: 'unknown' };
    return classifyZip(zipEntryNames(file.subarray(cd.offset, cd.offset + cd.size)));
  }
  if (first.type === 'ole2') return classifyOle2(file.subarray(first.directoryOffset), name);
  return first;
}

const kindOf = (r: SniffResult) => (r.type === 'known' ? `${r.value.kind}/${r.value.ext}` : r.type);

describe('the type sniffer reads magic bytes, not names', () => {
  it('recognises documents, images, audio and video', () => {
    const cases: [Buffer, string][] = [
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf/pdf'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'image/jpg'],
      [Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
      [Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp'],
      [Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]), 'audio/wav'],
      [Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), 'audio/mp3'],
      [Buffer.from([0xff, 0xfb, 0x90, 0x64]), 'audio/mp3'],
      [Buffer.from('OggS\x00\x02' + '\x00'.repeat(22) + '\x01vorbis', 'latin1'), 'audio/ogg'],
      [Buffer.from('fLaC\x00\x00\x00\x22'), 'audio/flac'],
      [Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A \x00\x00\x00\x00')]), 'audio/m4a'],
      [Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom\x00\x00\x02\x00')]), 'video/mp4'],
      [Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  \x00\x00\x00\x00')]), 'video/mov'],
      [Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]), Buffer.from('webm')]), 'video/webm'],
      [Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88]), Buffer.from('matroska')]), 'video/mkv'],
      [Buffer.from('FLV\x01\x05\x00\x00\x00\x09', 'latin1'), 'video/flv'],
      [Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), 'archive/rar'],
    ];
    for (const [bytes, expected] of cases) expect([expected, kindOf(sniffHead(bytes))]).toEqual([expected, expected]);
  });

  it('refuses executables and scripts whatever they are called', () => {
    expect(sniffHead(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'lesson.pdf')).toEqual({
      type: 'blocked',
      what: 'Windows (MZ/PE)',
    });
    expect(sniffHead(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), 'lecture.mp4').type).toBe('blocked');
    expect(sniffHead(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), 'a.docx').type).toBe('blocked');
    expect(sniffHead(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'notes.txt').type).toBe('blocked');
    expect(sniffHead(Buffer.from('<!DOCTYPE html><html><script>alert(1)</script>'), 'a.txt').type).toBe('blocked');
    expect(sniffHead(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="x()">'), 'a.png').type).toBe('blocked');
  });

  it('tells Word, PowerPoint and Excel from a plain ZIP by the entries inside', () => {
    const ct = '<?xml version="1.0"?><Types/>';
    expect(kindOf(sniffFile(makeZip({ '[Content_Types].xml': ct, 'word/document.xml': '<w/>' })))).toBe('word/docx');
    expect(kindOf(sniffFile(makeZip({ '[Content_Types].xml': ct, 'ppt/presentation.xml': '<p/>' })))).toBe('presentation/pptx');
    expect(kindOf(sniffFile(makeZip({ '[Content_Types].xml': ct, 'xl/workbook.xml': '<x/>' })))).toBe('spreadsheet/xlsx');
    expect(kindOf(sniffFile(makeZip({ '第一单元/练习.txt': '1+1=2' })))).toBe('archive/zip');
    expect(sniffFile(makeZip({ 'setup.exe': 'MZ' })).type).toBe('blocked');
    // a ZIP header with no central directory is not a ZIP
    expect(sniffFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)])).type).toBe('unknown');
  });

  it('tells doc, ppt and xls apart inside an OLE2 compound file', () => {
    const ole = (stream: string) => {
      const header = Buffer.alloc(512);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
      header.writeUInt16LE(9, 0x1e); // 512-byte sectors
      header.writeUInt32LE(1, 0x30); // directory in sector 1 → offset 1024
      const filler = Buffer.alloc(512);
      const dir = Buffer.alloc(512);
      Buffer.from('Root Entry', 'utf16le').copy(dir, 0);
      Buffer.from(stream, 'utf16le').copy(dir, 128);
      return Buffer.concat([header, filler, dir]);
    };
    expect(kindOf(sniffFile(ole('WordDocument'), 'x.bin'))).toBe('word/doc');
    expect(kindOf(sniffFile(ole('PowerPoint Document'), 'x.bin'))).toBe('presentation/ppt');
    expect(kindOf(sniffFile(ole('Workbook'), 'x.bin'))).toBe('spreadsheet/xls');
    expect(sniffFile(ole('Something'), 'x.bin').type).toBe('unknown');
  });

  it('recognises text, GBK text and captions; random binary is unknown', () => {
    expect(kindOf(sniffHead(Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\n你好\n')))).toBe('caption/vtt');
    expect(kindOf(sniffHead(Buffer.from('\ufeffWEBVTT - 第一课\n\n')))).toBe('caption/vtt');
    expect(kindOf(sniffHead(Buffer.from('1\r\n00:00:01,000 --> 00:00:02,500\r\n同学们好\r\n')))).toBe('caption/srt');
    expect(kindOf(sniffHead(Buffer.from('第一课 春天\n春天来了。\n'), '课文.txt'))).toBe('text/txt');
    const gbk = Buffer.from([0xb5, 0xda, 0xd2, 0xbb, 0xbf, 0xce, 0x0a, 0xb4, 0xba, 0xcc, 0xec]); // 第一课\n春天 in GBK
    expect(kindOf(sniffHead(gbk, 'a.txt'))).toBe('text/txt');
    const random = Buffer.alloc(8192);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 256;
    random[0] = 0x13;
    expect(sniffHead(random).type).toBe('unknown');
  });
});
