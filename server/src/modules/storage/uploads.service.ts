import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { t, type Lang } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { updatedRows } from '../../common/sql.js';
import { JobsService, PermanentJobError, type JobContext } from '../jobs/jobs.service.js';
import { BLOB_GC_QUEUE, MAINTENANCE_QUEUE, VERIFY_QUEUE } from './storage.jobs.js';
import { StorageService } from './storage.service.js';
import { Blob, Upload, UploadPart, type BlobKind, type UploadPurpose } from './storage.entities.js';
import {
  HEAD_BYTES,
  classifyOle2,
  classifyZip,
  extensionOf,
  isBlockedName,
  sniffHead,
  zipCentralDirectory,
  zipEntryNames,
  zipTailRange,
  type SniffResult,
} from './sniff.js';
import { KIND_NAMES, PURPOSE_NAMES, humanBytes } from './storage.messages.js';
import type { CreateUploadDto, PartUrlsDto, PartUrlsView, RecordPartDto, UploadView } from './uploads.dto.js';

/** What another module gets when it claims an upload: the stored bytes it now holds a reference to. */
export interface StoredBlob {
  id: string;
  sha256: string;
  key: string;
  size: number;
  mime: string;
  kind: BlobKind;
  ext: string;
  originalName: string;
}

/** Which real kinds each purpose accepts (checked after sniffing the bytes). */
export const PURPOSE_KINDS: Record<UploadPurpose, readonly BlobKind[]> = {
  resource: ['pdf', 'image', 'audio', 'video', 'word', 'presentation', 'spreadsheet', 'archive', 'text'],
  lecture: ['video'],
  caption: ['caption'],
};

export const CAPTION_MAX_BYTES = 1024 ** 2;
export const MIN_PART_SIZE = 8 * 1024 ** 2;
export const MAX_PARTS = 10000;

/** The part size for a file: at least 8 MiB, whole MiB, and never more than 10,000 parts. */
export function choosePartSize(size: number): number {
  const mib = 1024 ** 2;
  return Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS / mib) * mib);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resumable uploads straight from the browser to the object store, with a ledger of stored parts
 * kept here (not every S3-compatible store implements ListParts), verification of what arrived
 * (size, SHA-256, real type from magic bytes), and content-addressed blobs counted by references.
 */
@Injectable()
export class UploadsService implements OnModuleInit {
  private readonly logger = new Logger('Uploads');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(VERIFY_QUEUE, (p, ctx) => this.verify(p.uploadId, ctx), { leaseSeconds: 600 });
    this.jobs.register(BLOB_GC_QUEUE, (p) => this.collectBlob(p.blobId, p.key));
    this.jobs.every(MAINTENANCE_QUEUE, this.maintenanceIntervalMs(), () => this.sweep());
  }

  private maintenanceIntervalMs(): number {
    return Math.max(60_000, Math.min(3600_000, (this.config.UPLOAD_ABANDON_HOURS * 3600_000) / 4));
  }

  limitFor(purpose: UploadPurpose): number {
    if (purpose === 'lecture') return this.config.LECTURE_MAX_BYTES;
    if (purpose === 'caption') return CAPTION_MAX_BYTES;
    return this.config.UPLOAD_MAX_BYTES;
  }

  // ───────────── the browser-facing flow ─────────────

  async create(p: Principal, dto: CreateUploadDto, lang: Lang): Promise<UploadView> {
    const fileName = dto.fileName.trim();
    if (!fileName) throw AppError.field('fileName', 'field.isNotEmpty');
    if (isBlockedName(fileName)) throw AppError.badRequest('upload.nameNotAllowed', { ext: extensionOf(fileName) });
    if (dto.size === 0) throw AppError.badRequest('upload.empty');
    const max = this.limitFor(dto.purpose);
    if (dto.size > max)
      throw AppError.badRequest('upload.tooLarge', {
        purpose: PURPOSE_NAMES[dto.purpose].zh,
        purposeEn: PURPOSE_NAMES[dto.purpose].en,
        max: humanBytes(max),
        size: humanBytes(dto.size),
      });
    const partSize = choosePartSize(dto.size);
    const partCount = Math.ceil(dto.size / partSize);
    const contentType = dto.contentType ?? 'application/octet-stream';
    const id = randomUUID();
    const key = `objects/${id.slice(0, 2)}/${id}`;
    const s3UploadId = await this.storage.createMultipart(key, 'application/octet-stream');
    const upload = await this.db.transaction(async (m) => {
      const row = m.create(Upload, {
        id,
        ownerId: p.userId,
        purpose: dto.purpose,
        fileName,
        size: dto.size,
        contentType,
        partSize,
        partCount,
        key,
        s3UploadId,
        state: 'uploading',
        reasonParams: {},
      });
      await m.insert(Upload, row);
      await this.scheduleMaintenance(m);
      return row;
    });
    return this.view(upload, [], lang);
  }

  async get(p: Principal, id: string, lang: Lang): Promise<UploadView> {
    const upload = await this.own(p, id);
    const parts = await this.db.getRepository(UploadPart).find({ where: { uploadId: id }, order: { partNumber: 'ASC' } });
    return this.view(upload, parts, lang);
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
    await this.db.query(`UPDATE upload SET last_activity_at = now() WHERE id = $1`, [id]);
    return { urls, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
  }

  /** Records (or re-records, after a retry) a part the browser stored. Idempotent. */
  async recordPart(p: Principal, id: string, n: number, dto: RecordPartDto, lang: Lang): Promise<UploadView> {
    const upload = await this.own(p, id);
    this.assertUploading(upload);
    if (n < 1 || n > upload.partCount) throw AppError.badRequest('upload.partOutOfRange', { n, max: upload.partCount });
    const expected = n < upload.partCount ? upload.partSize : upload.size - upload.partSize * (upload.partCount - 1);
    if (dto.size !== expected) throw AppError.badRequest('upload.partSizeWrong', { n, expected, size: dto.size });
    const etag = dto.etag.startsWith('"') ? dto.etag : `"${dto.etag}"`;
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO upload_part (upload_id, part_number, etag, size) VALUES ($1, $2, $3, $4)
         ON CONFLICT (upload_id, part_number) DO UPDATE SET etag = EXCLUDED.etag, size = EXCLUDED.size, recorded_at = now()`,
        [id, n, etag, dto.size],
      );
      const updated = updatedRows(
        await m.query(`UPDATE upload SET last_activity_at = now() WHERE id = $1 AND state = 'uploading' RETURNING id`, [id]),
      );
      // completed or cancelled meanwhile: the ledger is closed
      if (!updated.length) throw AppError.conflict('upload.notUploading', { state: 'closed' });
    });
    return this.get(p, id, lang);
  }

  /** Assembles the parts in the store and queues verification. Calling it again is harmless. */
  async complete(p: Principal, id: string, lang: Lang): Promise<UploadView> {
    await this.own(p, id);
    await this.db.transaction(async (m) => {
      const upload = await m.findOne(Upload, { where: { id, ownerId: p.userId }, lock: { mode: 'pessimistic_write' } });
      if (!upload) throw AppError.notFound('upload.notFound');
      if (['verifying', 'ready', 'consumed'].includes(upload.state)) return;
      this.assertUploading(upload);
      const parts = await m.find(UploadPart, { where: { uploadId: id }, order: { partNumber: 'ASC' } });
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
      await m.update(Upload, { id }, { state: 'verifying', completedAt: new Date(), lastActivityAt: new Date() });
      await this.jobs.enqueue(VERIFY_QUEUE, { uploadId: id }, { manager: m, singletonKey: `verify:${id}` });
    });
    return this.get(p, id, lang);
  }

  /** Cancels an upload: aborts an unfinished one, releases a ready one nobody claimed. */
  async cancel(p: Principal, id: string): Promise<void> {
    const upload = await this.own(p, id);
    if (upload.state === 'rejected' || upload.state === 'aborted') return;
    if (upload.state === 'verifying') throw AppError.conflict('upload.busy');
    if (upload.state === 'consumed') throw AppError.conflict('upload.alreadyUsed');
    if (upload.state === 'uploading') {
      await this.abortInStore(upload);
      await this.db.transaction(async (m) => {
        await m.query(
          `UPDATE upload SET state='aborted', reason_key='upload.cancelled', updated_at=now() WHERE id=$1 AND state='uploading'`,
          [id],
        );
        await m.delete(UploadPart, { uploadId: id });
      });
      return;
    }
    await this.db.transaction(async (m) => {
      const rows = updatedRows(
        await m.query(
          `UPDATE upload SET state='aborted', reason_key='upload.cancelled', updated_at=now()
           WHERE id=$1 AND state='ready' RETURNING blob_id`,
          [id],
        ),
      );
      if (rows.length && rows[0].blob_id) await this.release(String(rows[0].blob_id), m);
    });
  }

  // ───────────── the API other modules call ─────────────

  /**
   * Takes a verified upload for use by a resource, lecture or caption, in the caller's
   * transaction. The upload's reference to its blob passes to the caller, who must
   * `release(blob.id)` when it no longer needs the bytes.
   */
  async claim(p: Principal, uploadId: string, allowedKinds: readonly string[], manager?: EntityManager): Promise<StoredBlob> {
    const m = manager ?? this.db.manager;
    if (!UUID.test(uploadId)) throw AppError.badRequest('upload.notFound');
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT u.id, u.owner_id, u.state, u.kind, u.file_name, u.reason_key, u.reason_params, b.id AS blob_id, b.sha256,
              b.key, b.size, b.mime, b.kind AS blob_kind, b.ext
       FROM upload u LEFT JOIN blob b ON b.id = u.blob_id WHERE u.id = $1 FOR UPDATE OF u`,
      [uploadId],
    );
    const row = rows[0];
    if (!row || row.owner_id !== p.userId) throw AppError.badRequest('upload.notFound');
    if (row.state === 'consumed') throw AppError.badRequest('upload.alreadyUsed');
    // a rejected file: say why, in the caller's language
    if (row.state === 'rejected' && row.reason_key)
      throw AppError.badRequest(String(row.reason_key), row.reason_params as Record<string, string>);
    if (row.state !== 'ready' || !row.blob_id) throw AppError.badRequest('upload.notReady', { state: String(row.state) });
    const kind = String(row.blob_kind) as BlobKind;
    if (!allowedKinds.includes(kind))
      throw AppError.badRequest('upload.kindNotAllowed', {
        kind: KIND_NAMES[kind]?.zh ?? kind,
        kindEn: KIND_NAMES[kind]?.en ?? kind,
        allowed: allowedKinds.map((k) => KIND_NAMES[k]?.zh ?? k).join('、'),
        allowedEn: allowedKinds.map((k) => KIND_NAMES[k]?.en ?? k).join(', '),
      });
    const updated = updatedRows(
      await m.query(
        `UPDATE upload SET state='consumed', consumed_at=now(), updated_at=now() WHERE id=$1 AND state='ready' RETURNING id`,
        [uploadId],
      ),
    );
    if (!updated.length) throw AppError.badRequest('upload.alreadyUsed');
    return {
      id: String(row.blob_id),
      sha256: String(row.sha256),
      key: String(row.key),
      size: Number(row.size),
      mime: String(row.mime),
      kind,
      ext: String(row.ext),
      originalName: String(row.file_name),
    };
  }

  /** Another holder of the same bytes (e.g. a copied resource version). */
  async addRef(blobId: string, manager?: EntityManager): Promise<void> {
    const m = manager ?? this.db.manager;
    const rows = updatedRows(await m.query(`UPDATE blob SET ref_count = ref_count + 1 WHERE id=$1 RETURNING id`, [blobId]));
    if (!rows.length) throw new Error(`blob ${blobId} does not exist`);
  }

  /** Drops one reference; the bytes are deleted (by a job) once nobody holds them. */
  async release(blobId: string, manager?: EntityManager): Promise<void> {
    const m = manager ?? this.db.manager;
    const rows = updatedRows(
      await m.query(`UPDATE blob SET ref_count = GREATEST(ref_count - 1, 0) WHERE id=$1 RETURNING ref_count, key`, [blobId]),
    );
    if (rows.length && Number(rows[0].ref_count) === 0)
      await this.jobs.enqueue(BLOB_GC_QUEUE, { blobId, key: rows[0].key }, { manager: m, singletonKey: `gc:${blobId}` });
  }

  async getBlob(id: string): Promise<Blob | null> {
    if (!UUID.test(id)) return null;
    return this.db.getRepository(Blob).findOneBy({ id });
  }

  // ───────────── jobs ─────────────

  /** The verification job: size, real type, SHA-256, then dedupe into a blob. Idempotent. */
  async verify(uploadId: string, ctx?: JobContext): Promise<void> {
    const upload = await this.db.getRepository(Upload).findOneBy({ id: uploadId });
    if (!upload) return;
    if (upload.state === 'rejected') {
      await this.storage.delete([upload.key]); // a retry after a crash between marking and deleting
      return;
    }
    if (upload.state === 'ready' && upload.blobId) {
      const blob = await this.getBlob(upload.blobId);
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
        kind: KIND_NAMES[kind].zh,
        kindEn: KIND_NAMES[kind].en,
        ext,
        purpose: PURPOSE_NAMES[upload.purpose].zh,
        purposeEn: PURPOSE_NAMES[upload.purpose].en,
      });

    const sha256 = await this.hashObject(upload.key, ctx);
    const blobKey = await this.db.transaction(async (m) => {
      const blob = (
        await m.query(
          `INSERT INTO blob (sha256, key, size, mime, kind, ext, ref_count) VALUES ($1, $2, $3, $4, $5, $6, 1)
           ON CONFLICT (sha256) DO UPDATE SET ref_count = blob.ref_count + 1
           RETURNING id, key`,
          [sha256, upload.key, upload.size, mime, kind, ext],
        )
      )[0] as { id: string; key: string };
      const updated = updatedRows(
        await m.query(
          `UPDATE upload SET state='ready', sha256=$2, blob_id=$3, kind=$4, mime=$5, ext=$6, updated_at=now()
           WHERE id=$1 AND state='verifying' RETURNING id`,
          [uploadId, sha256, blob.id, kind, mime, ext],
        ),
      );
      if (!updated.length) throw new PermanentJobError(`upload ${uploadId} left the verifying state`);
      return blob.key;
    });
    // the same bytes were already stored: keep one copy
    if (blobKey !== upload.key) await this.storage.delete([upload.key]);
  }

  private async reject(upload: Upload, reasonKey: string, params: Record<string, string | number>): Promise<void> {
    await this.db.query(
      `UPDATE upload SET state='rejected', reason_key=$2, reason_params=$3, updated_at=now() WHERE id=$1 AND state='verifying'`,
      [upload.id, reasonKey, JSON.stringify(params)],
    );
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

  /** Deletes a blob nobody references any more, then its object. Idempotent. */
  async collectBlob(blobId: string, key: string): Promise<void> {
    const deleted = updatedRows(await this.db.query(`DELETE FROM blob WHERE id=$1 AND ref_count=0 RETURNING key`, [blobId]));
    if (deleted.length) {
      await this.storage.delete([String(deleted[0].key)]);
      return;
    }
    const still = await this.db.query(`SELECT 1 FROM blob WHERE id=$1`, [blobId]);
    // gone already (an earlier attempt deleted the row, maybe not the object): finish the job
    if (!still.length && key) await this.storage.delete([key]);
  }

  /** Aborts abandoned uploads, expires ready ones nobody claimed, collects unreferenced blobs. */
  async sweep(): Promise<{ aborted: number; expired: number; collected: number }> {
    const hours = this.config.UPLOAD_ABANDON_HOURS;
    const stale: { id: string; key: string; s3_upload_id: string }[] = await this.db.query(
      `SELECT id, key, s3_upload_id FROM upload
       WHERE state='uploading' AND last_activity_at < now() - make_interval(secs => $1) LIMIT 500`,
      [hours * 3600],
    );
    let aborted = 0;
    for (const u of stale) {
      await this.storage.abortMultipart(u.key, u.s3_upload_id);
      await this.storage.delete([u.key]).catch(() => undefined);
      await this.db.transaction(async (m) => {
        const rows = updatedRows(
          await m.query(
            `UPDATE upload SET state='aborted', reason_key='upload.abandoned', updated_at=now()
             WHERE id=$1 AND state='uploading' RETURNING id`,
            [u.id],
          ),
        );
        if (rows.length) {
          aborted++;
          await m.delete(UploadPart, { uploadId: u.id });
        }
      });
    }
    const expired = await this.db.transaction(async (m) => {
      const rows = updatedRows(
        await m.query(
          `UPDATE upload SET state='aborted', reason_key='upload.abandoned', updated_at=now()
           WHERE id IN (SELECT id FROM upload WHERE state='ready' AND completed_at < now() - make_interval(secs => $1)
                        LIMIT 500 FOR UPDATE SKIP LOCKED)
           RETURNING blob_id`,
          [hours * 3600],
        ),
      );
      for (const r of rows) if (r.blob_id) await this.release(String(r.blob_id), m);
      return rows.length;
    });
    // verification whose job ran out of attempts (store down for a while): try again
    const stuck: { id: string }[] = await this.db.query(
      `SELECT id FROM upload WHERE state='verifying' AND updated_at < now() - interval '1 hour' LIMIT 500`,
    );
    for (const u of stuck) await this.jobs.enqueue(VERIFY_QUEUE, { uploadId: u.id }, { singletonKey: `verify:${u.id}` });
    const orphans: { id: string; key: string }[] = await this.db.query(
      `SELECT id, key FROM blob WHERE ref_count = 0 AND created_at < now() - interval '5 minutes' LIMIT 500`,
    );
    for (const b of orphans) await this.collectBlob(b.id, b.key);
    if (aborted || expired || orphans.length)
      this.logger.log(
        `sweep: ${aborted} abandoned uploads aborted, ${expired} unclaimed expired, ${orphans.length} blobs collected`,
      );
    return { aborted, expired, collected: orphans.length };
  }

  /** The sweep runs periodically: one queued job per time slot, re-enqueued by itself. */
  async scheduleMaintenance(manager?: EntityManager): Promise<void> {
    await this.jobs.schedule(MAINTENANCE_QUEUE, Date.now(), manager);
  }

  // ───────────── helpers ─────────────

  private async own(p: Principal, id: string): Promise<Upload> {
    const upload = await this.db.getRepository(Upload).findOneBy({ id, ownerId: p.userId });
    if (!upload) throw AppError.notFound('upload.notFound');
    return upload;
  }

  private assertUploading(upload: Upload): void {
    if (upload.state === 'verifying') throw AppError.conflict('upload.busy');
    if (upload.state !== 'uploading') throw AppError.conflict('upload.notUploading', { state: upload.state });
  }

  private async abortInStore(upload: Upload): Promise<void> {
    await this.storage.abortMultipart(upload.key, upload.s3UploadId);
    await this.storage.delete([upload.key]).catch(() => undefined);
  }

  private view(u: Upload, parts: UploadPart[], lang: Lang): UploadView {
    return {
      id: u.id,
      purpose: u.purpose,
      fileName: u.fileName,
      size: u.size,
      partSize: u.partSize,
      partCount: u.partCount,
      state: u.state,
      storedParts: parts.map((x) => ({ partNumber: x.partNumber, etag: x.etag, size: x.size })),
      reason: u.reasonKey ? t(u.reasonKey, lang, u.reasonParams) : null,
      reasonCode: u.reasonKey,
      kind: u.kind,
      mime: u.mime,
      sha256: u.sha256,
      createdAt: new Date(u.createdAt).toISOString(),
    };
  }
}
