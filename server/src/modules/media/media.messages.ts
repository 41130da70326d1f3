import { defineMessages } from '../../common/i18n.js';

/** What the media module tells people about their videos, captions and documents. */
export const mediaMessages = defineMessages({
  'media.empty': { zh: '文件是空的（0 字节）', en: 'The file is empty (0 bytes)' },
  'media.notVideo': {
    zh: '这不是可播放的视频文件（支持 mp4、mov、mkv、webm、flv）',
    en: 'This is not a playable video file (mp4, mov, mkv, webm or flv)',
  },
  'media.corrupt': { zh: '视频文件已损坏，无法读取：{detail}', en: 'The video file is damaged and cannot be read: {detail}' },
  'media.noVideoStream': { zh: '文件中没有视频画面', en: 'The file has no video picture' },
  'media.noDuration': {
    zh: '无法读出视频时长，文件可能不完整',
    en: 'The video length cannot be read; the file may be incomplete',
  },
  'media.tooLong': {
    zh: '视频时长 {minutes} 分钟，超过上限 {max} 分钟',
    en: 'The video is {minutes} minutes long, over the limit of {max} minutes',
  },
  'media.transcodeFailed': { zh: '转码失败：{detail}', en: 'Transcoding failed: {detail}' },
  'media.caption.empty': { zh: '字幕文件是空的', en: 'The caption file is empty' },
  'media.caption.tooLarge': { zh: '字幕文件过大（上限 2 MB）', en: 'The caption file is too large (2 MB at most)' },
  'media.caption.notText': { zh: '字幕文件不是文本文件', en: 'The caption file is not a text file' },
  'media.caption.notUtf8': { zh: '字幕文件须为 UTF-8 编码', en: 'The caption file must be UTF-8 encoded' },
  'media.caption.noCues': { zh: 'WebVTT 字幕中没有任何字幕条目', en: 'The WebVTT file has no cues' },
  'media.caption.unsupported': {
    zh: '只支持 WebVTT（.vtt）或 SRT（.srt）字幕',
    en: 'Only WebVTT (.vtt) or SRT (.srt) captions are supported',
  },
});

type Keys = { [K in keyof typeof mediaMessages]: true };
declare module '../../common/i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}
