import { defineMessages } from '../../common/i18n.js';
import type { BlobKind, UploadPurpose } from './storage.entities.js';

/** The texts of the storage module's keys: errors of the upload flow and the reasons an upload was rejected or aborted. */
export const storageMessages = defineMessages({
  'upload.notFound': { zh: '找不到这个上传，或它不属于您', en: 'No such upload, or it is not yours' },
  'upload.empty': { zh: '文件是空的（0 字节），请选择有内容的文件', en: 'The file is empty (0 bytes)' },
  'upload.tooLarge': {
    zh: '文件太大：{purpose}最大 {max}，此文件 {size}',
    en: 'The file is too large: a {purposeEn} may be at most {max}; this one is {size}',
  },
  'upload.nameNotAllowed': {
    zh: '不允许上传此类文件（.{ext}）：可执行程序、脚本和网页文件不能上传',
    en: 'Files of this type (.{ext}) cannot be uploaded: programs, scripts and web pages are not allowed',
  },
  'upload.notUploading': {
    zh: '此上传已结束（状态：{state}），不能再上传分片',
    en: 'This upload is over (state: {state}); no more parts can be added',
  },
  'upload.partOutOfRange': {
    zh: '分片编号 {n} 超出范围（1–{max}）',
    en: 'Part number {n} is out of range (1–{max})',
  },
  'upload.partSizeWrong': {
    zh: '第 {n} 片大小应为 {expected} 字节，收到 {size}',
    en: 'Part {n} should be {expected} bytes, got {size}',
  },
  'upload.partsMissing': {
    zh: '还有 {count} 个分片没有上传（例如第 {first} 片），请继续上传后再完成',
    en: '{count} parts are still missing (e.g. part {first}); upload them before completing',
  },
  'upload.partsInvalid': {
    zh: '存储服务不接受已登记的分片，请重新上传：{detail}',
    en: 'The object store refused the recorded parts; please upload again: {detail}',
  },
  'upload.busy': {
    zh: '文件正在校验中，请稍候再操作',
    en: 'The file is being verified; please wait a moment',
  },
  'upload.alreadyUsed': { zh: '这个上传的文件已经被使用过了', en: 'This uploaded file has already been used' },
  'upload.notReady': {
    zh: '文件还没有准备好（状态：{state}），请等校验完成',
    en: 'The file is not ready yet (state: {state}); wait for verification to finish',
  },
  'upload.kindNotAllowed': {
    zh: '此处不能使用{kind}类型的文件，允许的类型：{allowed}',
    en: 'A {kindEn} file cannot be used here; allowed: {allowedEn}',
  },
  'upload.rejected.sizeMismatch': {
    zh: '存储的文件大小（{actual} 字节）与声明的大小（{expected} 字节）不一致',
    en: 'The stored size ({actual} bytes) does not match the declared size ({expected} bytes)',
  },
  'upload.rejected.missing': { zh: '存储中找不到上传的文件', en: 'The uploaded file is missing from the store' },
  'upload.rejected.executable': {
    zh: '文件内容是可执行程序或脚本（{what}），不是允许的文档或媒体文件，已删除',
    en: 'The file content is an executable or script ({what}), not an allowed document or media file; it was deleted',
  },
  'upload.rejected.unknownType': {
    zh: '无法识别文件的真实类型，只能上传常见的文档、图片、音频和视频文件，已删除',
    en: 'The real type of the file could not be recognised; only common documents, images, audio and video are accepted. It was deleted',
  },
  'upload.rejected.typeNotAllowed': {
    zh: '文件实际是{kind}（{ext}），不能作为{purpose}上传，已删除',
    en: 'The file is actually {kindEn} ({ext}) and cannot be uploaded as a {purposeEn}; it was deleted',
  },
  'upload.abandoned': {
    zh: '上传长时间未完成，已自动取消',
    en: 'The upload was not finished in time and has been cancelled',
  },
  'upload.cancelled': { zh: '上传已取消', en: 'The upload was cancelled' },
});

type Keys = { [K in keyof typeof storageMessages]: true };
declare module '../../common/i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}

/** Names of the purposes and kinds, filled into the messages above in both languages (`{purpose}` / `{purposeEn}`). */
const PURPOSE_NAMES: Record<UploadPurpose, { zh: string; en: string }> = {
  resource: { zh: '教学资源', en: 'teaching resource' },
  lecture: { zh: '讲座视频', en: 'lecture video' },
  caption: { zh: '字幕', en: 'caption file' },
};

const KIND_NAMES: Record<BlobKind, { zh: string; en: string }> = {
  pdf: { zh: 'PDF 文档', en: 'PDF' },
  image: { zh: '图片', en: 'image' },
  audio: { zh: '音频', en: 'audio' },
  video: { zh: '视频', en: 'video' },
  word: { zh: 'Word 文档', en: 'Word document' },
  presentation: { zh: '演示文稿', en: 'presentation' },
  spreadsheet: { zh: '表格', en: 'spreadsheet' },
  archive: { zh: '压缩包', en: 'archive' },
  text: { zh: '纯文本', en: 'plain text' },
  caption: { zh: '字幕', en: 'caption' },
};

const kindName = (k: string) => KIND_NAMES[k as BlobKind] ?? { zh: k, en: k };

/**
 * Message parameters naming a purpose or kinds. The error filter and the upload view fill
 * `{name}` placeholders from plain parameters, so both languages' names travel with the key
 * (and are stored with a rejection reason); the services only say which purpose or kind.
 */
export function purposeParams(purpose: UploadPurpose): { purpose: string; purposeEn: string } {
  return { purpose: PURPOSE_NAMES[purpose].zh, purposeEn: PURPOSE_NAMES[purpose].en };
}

export function kindParams(kind: string): { kind: string; kindEn: string } {
  return { kind: kindName(kind).zh, kindEn: kindName(kind).en };
}

export function allowedKindsParams(kinds: readonly string[]): { allowed: string; allowedEn: string } {
  return { allowed: kinds.map((k) => kindName(k).zh).join('、'), allowedEn: kinds.map((k) => kindName(k).en).join(', ') };
}

export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}
