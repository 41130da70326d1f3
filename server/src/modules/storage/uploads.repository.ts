import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessageKey } from '../../common/i18n.js';
import { returning } from '../../common/sql.js';
import type { BlobFacts } from './blobs.repository.js';
import { Upload, UploadPart, type BlobKind } from './storage.entities.js';

/** An upload locked for a claim, with the blob it holds (null until verified). */
export interface ClaimableUpload {
  id: string;
  ownerId: string;
  state: string;
  fileName: string;
  reasonKey: string | null;
  reasonParams: Record<string, string | number>;
  blob: (BlobFacts & { id: string }) | null;
}

/** The facts verification found, written to the upload when it becomes ready. */
export interface VerifiedFacts {
  sha256: string;
  blobId: string;
  kind: BlobKind;
  mime: string;
  ext: string;
}

const ABANDONED_AFTER = `now() - make_interval(secs => $1)`;

/** Every read and write of the `upload` and `upload_part` tables. `m` is the caller's transaction, if any. */
@Injectable()
export class UploadsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, values: Partial<Upload>): Promise<Upload> {
    const row = m.create(Upload, values);
    await m.insert(Upload, row);
    return row;
  }

  find(id: string): Promise<Upload | null> {
    return this.db.getRepository(Upload).findOneBy({ id });
  }

  /** Locks the upload's row until the transaction ends (completing twice at once waits here). */
  lock(m: EntityManager, id: string): Promise<Upload | null> {
    return m.findOne(Upload, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The stored parts, in order. */
  parts(id: string, m: EntityManager = this.db.manager): Promise<UploadPart[]> {
    return m.find(UploadPart, { where: { uploadId: id }, order: { partNumber: 'ASC' } });
  }

  /** The browser is still at it: keeps the upload from being swept as abandoned. */
  async touch(id: string): Promise<void> {
    await this.db.query(`UPDATE upload SET last_activity_at = now() WHERE id = $1`, [id]);
  }

  /** Records (or replaces, after a retried PUT) one part; false when the ledger was closed meanwhile. */
  async recordPart(m: EntityManager, id: string, n: number, etag: string, size: number): Promise<boolean> {
    await m.query(
      `INSERT INTO upload_part (upload_id, part_number, etag, size) VALUES ($1, $2, $3, $4)
       ON CONFLICT (upload_id, part_number) DO UPDATE SET etag = EXCLUDED.etag, size = EXCLUDED.size, recorded_at = now()`,
      [id, n, etag, size],
    );
    const touched = await returning(
      m,
      `UPDATE upload SET last_activity_at = now() WHERE id = $1 AND state = 'uploading' RETURNING id`,
      [id],
    );
    return touched.length > 0;
  }

  async markVerifying(m: EntityManager, id: string): Promise<void> {
    await m.update(Upload, { id }, { state: 'verifying', completedAt: new Date(), lastActivityAt: new Date() });
  }

  /** uploading → aborted (cancelled or abandoned); false when it was no longer uploading. */
  async abortUploading(m: EntityManager, id: string, reasonKey: MessageKey): Promise<boolean> {
    const rows = await returning(
      m,
      `UPDATE upload SET state='aborted', reason_key=$2, updated_at=now() WHERE id=$1 AND state='uploading' RETURNING id`,
      [id, reasonKey],
    );
    return rows.length > 0;
  }

  /** ready → aborted (cancelled before anyone claimed it); gives the blob whose reference the upload held. */
  async abortReady(m: EntityManager, id: string, reasonKey: MessageKey): Promise<{ blobId: string | null } | null> {
    const rows = await returning<{ blob_id: string | null }>(
      m,
      `UPDATE upload SET state='aborted', reason_key=$2, updated_at=now() WHERE id=$1 AND state='ready' RETURNING blob_id`,
      [id, reasonKey],
    );
    return rows.length ? { blobId: rows[0].blob_id } : null;
  }

  async deleteParts(m: EntityManager, id: string): Promise<void> {
    await m.delete(UploadPart, { uploadId: id });
  }

  /** The upload and its blob, locked for a claim in the caller's transaction. */
  async lockForClaim(m: EntityManager, id: string): Promise<ClaimableUpload | null> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT u.id, u.owner_id, u.state, u.file_name, u.reason_key, u.reason_params, b.id AS blob_id, b.sha256,
              b.key, b.size, b.mime, b.kind AS blob_kind, b.ext
       FROM upload u LEFT JOIN blob b ON b.id = u.blob_id WHERE u.id = $1 FOR UPDATE OF u`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: String(row.id),
      ownerId: String(row.owner_id),
      state: String(row.state),
      fileName: String(row.file_name),
      reasonKey: row.reason_key ? String(row.reason_key) : null,
      reasonParams: (row.reason_params ?? {}) as Record<string, string | number>,
      blob: row.blob_id
        ? {
            id: String(row.blob_id),
            sha256: String(row.sha256),
            key: String(row.key),
            size: Number(row.size),
            mime: String(row.mime),
            kind: String(row.blob_kind) as BlobKind,
            ext: String(row.ext),
          }
        : null,
    };
  }

  /** ready → consumed; false when someone else consumed it first. */
  async markConsumed(m: EntityManager, id: string): Promise<boolean> {
    const rows = await returning(
      m,
      `UPDATE upload SET state='consumed', consumed_at=now(), updated_at=now() WHERE id=$1 AND state='ready' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** verifying → ready, with what verification found; false when it left the verifying state meanwhile. */
  async markReady(m: EntityManager, id: string, f: VerifiedFacts): Promise<boolean> {
    const rows = await returning(
      m,
      `UPDATE upload SET state='ready', sha256=$2, blob_id=$3, kind=$4, mime=$5, ext=$6, updated_at=now()
       WHERE id=$1 AND state='verifying' RETURNING id`,
      [id, f.sha256, f.blobId, f.kind, f.mime, f.ext],
    );
    return rows.length > 0;
  }

  /** verifying → rejected, with the message key and parameters that say why. */
  async markRejected(id: string, reasonKey: MessageKey, params: Record<string, string | number>): Promise<void> {
    await this.db.query(
      `UPDATE upload SET state='rejected', reason_key=$2, reason_params=$3, updated_at=now() WHERE id=$1 AND state='verifying'`,
      [id, reasonKey, JSON.stringify(params)],
    );
  }

  /** Uploads whose browser went quiet for `seconds`. */
  abandoned(seconds: number): Promise<{ id: string; key: string; s3_upload_id: string }[]> {
    return this.db.query(
      `SELECT id, key, s3_upload_id FROM upload WHERE state='uploading' AND last_activity_at < ${ABANDONED_AFTER} LIMIT 500`,
      [seconds],
    );
  }

  /** Ready uploads nobody claimed for `seconds` → aborted; gives the blobs whose references they held. */
  async expireUnclaimed(m: EntityManager, seconds: number, reasonKey: MessageKey): Promise<{ blobId: string | null }[]> {
    const rows = await returning<{ blob_id: string | null }>(
      m,
      `UPDATE upload SET state='aborted', reason_key=$2, updated_at=now()
       WHERE id IN (SELECT id FROM upload WHERE state='ready' AND completed_at < ${ABANDONED_AFTER}
                    LIMIT 500 FOR UPDATE SKIP LOCKED)
       RETURNING blob_id`,
      [seconds, reasonKey],
    );
    return rows.map((r) => ({ blobId: r.blob_id }));
  }

  /** Verifications that have not moved for an hour (their job ran out of attempts). */
  stuckVerifying(): Promise<{ id: string }[]> {
    return this.db.query(`SELECT id FROM upload WHERE state='verifying' AND updated_at < now() - interval '1 hour' LIMIT 500`);
  }
}
