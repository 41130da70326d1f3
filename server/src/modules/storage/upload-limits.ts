import type { AppConfig } from '../../config/config.js';
import type { BlobKind, UploadPurpose } from './storage.entities.js';

/** Which real kinds each purpose accepts (checked after sniffing the bytes). */
export const PURPOSE_KINDS: Record<UploadPurpose, readonly BlobKind[]> = {
  resource: ['pdf', 'image', 'audio', 'video', 'word', 'presentation', 'spreadsheet', 'archive', 'text'],
  lecture: ['video'],
  caption: ['caption'],
};

export const CAPTION_MAX_BYTES = 1024 ** 2;
export const MIN_PART_SIZE = 8 * 1024 ** 2;
export const MAX_PARTS = 10000;

/** The largest file a purpose accepts. */
export function limitFor(config: AppConfig, purpose: UploadPurpose): number {
  if (purpose === 'lecture') return config.LECTURE_MAX_BYTES;
  if (purpose === 'caption') return CAPTION_MAX_BYTES;
  return config.UPLOAD_MAX_BYTES;
}

/** The part size for a file: at least 8 MiB, whole MiB, and never more than 10,000 parts. */
export function choosePartSize(size: number): number {
  const mib = 1024 ** 2;
  return Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS / mib) * mib);
}

/** How big part `n` of an upload must be: the part size, except the last part, which holds the rest. */
export function expectedPartSize(u: { size: number; partSize: number; partCount: number }, n: number): number {
  return n < u.partCount ? u.partSize : u.size - u.partSize * (u.partCount - 1);
}
