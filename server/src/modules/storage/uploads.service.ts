import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { BlobsService } from './blobs.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { extensionOf, isBlockedName } from './sniff.js';
import { ownsUpload } from './storage.access.js';
import type { Upload, UploadPart } from './storage.entities.js';
import { VERIFY_QUEUE } from './storage.jobs.js';
import { humanBytes, purposeParams } from './storage.messages.js';
import { StorageService } from './storage.service.js';
import { choosePartSize, expectedPartSize, limitFor } from './upload-limits.js';
import type { CreateUploadDto, PartUrlsDto, PartUrlsView, RecordPartDto } from './uploads.dto.js';
import { UploadsRepository } from './uploads.repository.js';

/** An upload and the parts stored so far (the ledger the browser resumes from). */
export interface UploadLedger {
  upload: Upload;
  parts: UploadPart[];
}

/**
 * Resumable uploads straight from the browser to the object store: create, presigned part URLs,
 * a ledger of stored parts kept here (not every S3-compatible store implements ListParts),
 * complete (which queues verification), cancel.
 */
@Injectable()
export class UploadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uploads: UploadsRepository,
    private readonly blobs: BlobsService,
    private readonly maintenance: MaintenanceService,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
  ) {}

  async create(p: Principal, dto: CreateUploadDto): Promise<UploadLedger> {
    const fileName = dto.fileName.trim();
    if (!fileName) throw AppError.field('fileName', 'field.isNotEmpty');
    if (isBlockedName(fileName)) throw AppError.badRequest('upload.nameNotAllowed', { ext: extensionOf(fileName) });
    if (dto.size === 0) throw AppError.badRequest('upload.empty');
    const max = limitFor(this.config, dto.purpose);
    if (dto.size > max)
      throw AppError.badRequest('upload.tooLarge', {
        ...purposeParams(dto.purpose),
        max: humanBytes(max),
        size: humanBytes(dto.size),
      });
    const partSize = choosePartSize(dto.size);
    const id = randomUUID();
    const key = `objects/${id.slice(0, 2)}/${id}`;
    const s3UploadId = await this.storage.createMultipart(key, 'application/octet-stream');
    const upload = await this.db.transaction(async (m) => {
      const row = await this.uploads.insert(m, {
        id,
        ownerId: p.userId,
        purpose: dto.purpose,
        fileName,
        size: dto.size,
        contentType: dto.contentType ?? 'application/octet-stream',
        partSize,
        partCount: Math.ceil(dto.size / partSize),
        key,
        s3UploadId,
        state: 'uploading',
        reasonParams: {},
      });
      await this.maintenance.schedule(m);
      return row;
    });
    return { upload, parts: [] };
  }

  async get(p: Principal, id: string): Promise<UploadLedger> {
    const upload = await this.own(p, id);
    return { upload, parts: await this.uploads.parts(id) };
  }

  async partUrls(p: Principal, id: string, dto: PartUrlsDto): Promise<PartUrlsView> {
    const upload = await this.own(p, id);
    this.assertUploading(upload);
    const ttl = dto.expiresInSeconds ?? 3600;
    const numbers = [...new Set(dto.partNumbers)];
    for (const n of numbers)
      if (n > upload.partCount) throw AppError.badRequest('upload.partOutOfRange', { n, max: upload.partCount });
    const urls = await Promise.all(
      numbers.map(async (n) => ({ partNumber: n, url: await this.storage.presignPart(upload.key, upload.s3UploadId, n, ttl) })),
    );
    await this.uploads.touch(id);
    return { urls, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
  }

  /** Records (or re-records, after a retry) a part the browser stored. Idempotent. */
  async recordPart(p: Principal, id: string, n: number, dto: RecordPartDto): Promise<UploadLedger> {
    const upload = await this.own(p, id);
    this.assertUploading(upload);
    if (n < 1 || n > upload.partCount) throw AppError.badRequest('upload.partOutOfRange', { n, max: upload.partCount });
    const expected = expectedPartSize(upload, n);
    if (dto.size !== expected) throw AppError.badRequest('upload.partSizeWrong', { n, expected, size: dto.size });
    const etag = dto.etag.startsWith('"') ? dto.etag : `"${dto.etag}"`;
    await this.db.transaction(async (m) => {
      // completed or cancelled meanwhile: the ledger is closed
      if (!(await this.uploads.recordPart(m, id, n, etag, dto.size)))
        throw AppError.conflict('upload.notUploading', { state: 'closed' });
    });
    return this.get(p, id);
  }

  /** Assembles the parts in the store and queues verification. Calling it again is harmless. */
  async complete(p: Principal, id: string): Promise<UploadLedger> {
    await this.own(p, id);
    await this.db.transaction(async (m) => {
      const upload = await this.uploads.lock(m, id);
      if (!upload || !ownsUpload(p, upload)) throw AppError.notFound('upload.notFound');
      if (['verifying', 'ready', 'consumed'].includes(upload.state)) return;
      this.assertUploading(upload);
      const parts = await this.uploads.parts(id, m);
      const have = new Set(parts.map((x) => x.partNumber));
      const missing: number[] = [];
      for (let n = 1; n <= upload.partCount; n++) if (!have.has(n)) missing.push(n);
      if (missing.length) throw AppError.badRequest('upload.partsMissing', { count: missing.length, first: missing[0] });
      try {
        await this.storage.completeMultipart(
          upload.key,
          upload.s3UploadId,
          parts.map((x) => ({ partNumber: x.partNumber, etag: x.etag })),
        );
      } catch (err) {
        // completed by an earlier call whose transaction then failed: the object is there
        const head = await this.storage.head(upload.key);
        if (!head || head.size !== upload.size)
          throw AppError.badRequest('upload.partsInvalid', { detail: String((err as Error).message).slice(0, 200) });
      }
      await this.uploads.markVerifying(m, id);
      await this.jobs.enqueue(VERIFY_QUEUE, { uploadId: id }, { manager: m, singletonKey: `verify:${id}` });
    });
    return this.get(p, id);
  }

  /** Cancels an upload: aborts an unfinished one, releases a ready one nobody claimed. */
  async cancel(p: Principal, id: string): Promise<void> {
    const upload = await this.own(p, id);
    if (upload.state === 'rejected' || upload.state === 'aborted') return;
    if (upload.state === 'verifying') throw AppError.conflict('upload.busy');
    if (upload.state === 'consumed') throw AppError.conflict('upload.alreadyUsed');
    if (upload.state === 'uploading') {
      await this.storage.discardMultipart(upload.key, upload.s3UploadId);
      await this.db.transaction(async (m) => {
        await this.uploads.abortUploading(m, id, 'upload.cancelled');
        await this.uploads.deleteParts(m, id);
      });
      return;
    }
    await this.db.transaction(async (m) => {
      const aborted = await this.uploads.abortReady(m, id, 'upload.cancelled');
      if (aborted?.blobId) await this.blobs.release(aborted.blobId, m);
    });
  }

  /** The caller's own upload; anyone else's is "not found" (see storage.access.ts). */
  private async own(p: Principal, id: string): Promise<Upload> {
    const upload = await this.uploads.find(id);
    if (!upload || !ownsUpload(p, upload)) throw AppError.notFound('upload.notFound');
    return upload;
  }

  private assertUploading(upload: Upload): void {
    if (upload.state === 'verifying') throw AppError.conflict('upload.busy');
    if (upload.state !== 'uploading') throw AppError.conflict('upload.notUploading', { state: upload.state });
  }
}
