import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { MessageKey } from '../../common/i18n.js';
import { JobsService, PermanentJobError, type JobContext } from '../jobs/jobs.service.js';
import { BlobsRepository } from './blobs.repository.js';
import {
  HEAD_BYTES,
  classifyOle2,
  classifyZip,
  sniffHead,
  zipCentralDirectory,
  zipEntryNames,
  zipTailRange,
  type SniffResult,
} from './sniff.js';
import type { Upload } from './storage.entities.js';
import { VERIFY_QUEUE } from './storage.jobs.js';
import { kindParams, purposeParams } from './storage.messages.js';
import { StorageService } from './storage.service.js';
import { PURPOSE_KINDS } from './upload-limits.js';
import { UploadsRepository } from './uploads.repository.js';

/**
 * The verification job of a completed upload: the stored size, the real type from magic bytes
 * (a second look inside ZIP and OLE2 containers), the SHA-256, then dedup into a blob. A file that
 * fails is rejected with the reason's key and parameters, and its object is deleted.
 */
@Injectable()
export class VerificationService implements OnModuleInit {
  private readonly logger = new Logger('Uploads');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsRepository,
    private readonly blobs: BlobsRepository,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(VERIFY_QUEUE, (p, ctx) => this.verify(p.uploadId, ctx), { leaseSeconds: 600 });
  }

  /** Size, real type, SHA-256, then dedupe into a blob. Idempotent. */
  async verify(uploadId: string, ctx?: JobContext): Promise<void> {
    const upload = await this.uploads.find(uploadId);
    if (!upload) return;
    if (upload.state === 'rejected') {
      await this.storage.delete([upload.key]); // a retry after a crash between marking and deleting
      return;
    }
    if (upload.state === 'ready' && upload.blobId) {
      const blob = await this.blobs.find(upload.blobId);
      if (blob && blob.key !== upload.key) await this.storage.delete([upload.key]);
      return;
    }
    if (upload.state !== 'verifying') return;

    const head = await this.storage.head(upload.key);
    if (!head) return this.reject(upload, 'upload.rejected.missing', {});
    if (head.size !== upload.size)
      return this.reject(upload, 'upload.rejected.sizeMismatch', { actual: head.size, expected: upload.size });

    const sniffed = await this.sniffObject(upload.key, upload.size, upload.fileName);
    if (sniffed.type === 'blocked') return this.reject(upload, 'upload.rejected.executable', { what: sniffed.what });
    if (sniffed.type !== 'known') return this.reject(upload, 'upload.rejected.unknownType', {});
    const { kind, mime, ext } = sniffed.value;
    if (!PURPOSE_KINDS[upload.purpose].includes(kind))
      return this.reject(upload, 'upload.rejected.typeNotAllowed', {
        ...kindParams(kind),
        ext,
        ...purposeParams(upload.purpose),
      });

    const sha256 = await this.hashObject(upload.key, ctx);
    const blobKey = await this.db.transaction(async (m) => {
      const blob = await this.blobs.addOrReference(m, { sha256, key: upload.key, size: upload.size, mime, kind, ext });
      if (!(await this.uploads.markReady(m, uploadId, { sha256, blobId: blob.id, kind, mime, ext })))
        throw new PermanentJobError(`upload ${uploadId} left the verifying state`);
      return blob.key;
    });
    // the same bytes were already stored: keep one copy
    if (blobKey !== upload.key) await this.storage.delete([upload.key]);
  }

  private async reject(upload: Upload, reasonKey: MessageKey, params: Record<string, string | number>): Promise<void> {
    await this.uploads.markRejected(upload.id, reasonKey, params);
    await this.storage.delete([upload.key]);
    this.logger.log(`upload ${upload.id} rejected: ${reasonKey}`);
  }

  /** Magic bytes first; ZIP and OLE2 containers get a second look with Range GETs. */
  async sniffObject(key: string, size: number, fileName: string): Promise<SniffResult> {
    const head = await this.storage.getBuffer(key, `bytes=0-${Math.min(HEAD_BYTES, size) - 1}`);
    const first = sniffHead(head, fileName);
    if (first.type === 'zip') {
      const range = zipTailRange(size);
      const tail = await this.storage.getBuffer(key, `bytes=${range.start}-${range.end}`);
      const cd = zipCentralDirectory(tail, range.start);
      if (!cd || cd.offset + cd.size > size) return { type: 'unknown' };
      const within = cd.offset - range.start;
      const length = Math.min(cd.size, 4 * 1024 ** 2);
      const dir =
        within >= 0 && within + length <= tail.length
          ? tail.subarray(within, within + length)
          : await this.storage.getBuffer(key, `bytes=${cd.offset}-${cd.offset + length - 1}`);
      return classifyZip(zipEntryNames(dir));
    }
    if (first.type === 'ole2') {
      if (first.directoryOffset >= size) return { type: 'unknown' };
      const end = Math.min(size, first.directoryOffset + Math.max(first.sectorSize * 4, 16384)) - 1;
      const dir = await this.storage.getBuffer(key, `bytes=${first.directoryOffset}-${end}`);
      return classifyOle2(dir, fileName);
    }
    return first;
  }

  /** SHA-256 of the stored object, streamed: memory stays flat whatever the size. */
  async hashObject(key: string, ctx?: JobContext): Promise<string> {
    const hash = createHash('sha256');
    const stream = await this.storage.getStream(key);
    let lastLease = Date.now();
    for await (const chunk of stream) {
      hash.update(chunk as Uint8Array);
      if (ctx?.signal.aborted) {
        stream.destroy();
        throw new Error('verification interrupted');
      }
      if (ctx && Date.now() - lastLease > 60_000) {
        lastLease = Date.now();
        await ctx.extendLease();
      }
    }
    return hash.digest('hex');
  }
}
