import { isMessageKey, t, type Lang } from '../../common/i18n.js';
import type { UploadView } from './uploads.dto.js';
import type { UploadLedger } from './uploads.service.js';

/** An upload as the browser sees it, with the reason it was rejected or aborted in the caller's language. */
export function uploadView({ upload: u, parts }: UploadLedger, lang: Lang): UploadView {
  return {
    id: u.id,
    purpose: u.purpose,
    fileName: u.fileName,
    size: u.size,
    partSize: u.partSize,
    partCount: u.partCount,
    state: u.state,
    storedParts: parts.map((x) => ({ partNumber: x.partNumber, etag: x.etag, size: x.size })),
    reason: u.reasonKey && isMessageKey(u.reasonKey) ? t(u.reasonKey, lang, u.reasonParams) : (u.reasonKey ?? null),
    reasonCode: u.reasonKey,
    kind: u.kind,
    mime: u.mime,
    sha256: u.sha256,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}
