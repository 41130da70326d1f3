import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { isMessageKey } from '../../common/i18n.js';
import type { Principal } from '../../common/roles.js';
import { JobsService } from '../jobs/jobs.service.js';
import { BlobsRepository, type BlobFacts } from './blobs.repository.js';
import { ownsUpload } from './storage.access.js';
import type { Blob } from './storage.entities.js';
import { BLOB_GC_QUEUE } from './storage.jobs.js';
import { allowedKindsParams, kindParams } from './storage.messages.js';
import { StorageService } from './storage.service.js';
import { UploadsRepository } from './uploads.repository.js';

/** What another module gets when it claims an upload: the stored bytes it now holds a reference to. */
export interface StoredBlob extends BlobFacts {
  id: string;
  originalName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Content-addressed blobs counted by references: the one API other modules use for stored files.
 * A module claims a verified upload (`claim`) in its own transaction and so holds one reference to
 * the blob; it calls `release` when it no longer needs the bytes, which are deleted by a job once
 * nobody holds them.
 */
@Injectable()
export class BlobsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly blobs: BlobsRepository,
    private readonly uploads: UploadsRepository,
    private readonly storage: StorageService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(BLOB_GC_QUEUE, (p) => this.collect(p.blobId, p.key));
  }

  /**
   * Takes the caller's verified upload for use by a resource, lecture or caption, in the caller's
   * transaction. The upload's reference to its blob passes to the caller, who must
   * `release(blob.id)` when it no longer needs the bytes.
   */
  async claim(p: Principal, uploadId: string, allowedKinds: readonly string[], manager?: EntityManager): Promise<StoredBlob> {
    const m = manager ?? this.db.manager;
    if (!UUID.test(uploadId)) throw AppError.badRequest('upload.notFound');
    const upload = await this.uploads.lockForClaim(m, uploadId);
    if (!upload || !ownsUpload(p, upload)) throw AppError.badRequest('upload.notFound');
    if (upload.state === 'consumed') throw AppError.badRequest('upload.alreadyUsed');
    // a rejected file: say why, in the caller's language
    if (upload.state === 'rejected' && upload.reasonKey && isMessageKey(upload.reasonKey))
      throw AppError.badRequest(upload.reasonKey, upload.reasonParams);
    const blob = upload.blob;
    if (upload.state !== 'ready' || !blob) throw AppError.badRequest('upload.notReady', { state: upload.state });
    if (!allowedKinds.includes(blob.kind))
      throw AppError.badRequest('upload.kindNotAllowed', { ...kindParams(blob.kind), ...allowedKindsParams(allowedKinds) });
    if (!(await this.uploads.markConsumed(m, uploadId))) throw AppError.badRequest('upload.alreadyUsed');
    return { ...blob, originalName: upload.fileName };
  }

  /** Another holder of the same bytes (e.g. a copied resource version). */
  async addRef(blobId: string, manager?: EntityManager): Promise<void> {
    if (!(await this.blobs.addRef(manager ?? this.db.manager, blobId))) throw new Error(`blob ${blobId} does not exist`);
  }

  /** Drops one reference; the bytes are deleted (by a job) once nobody holds them. */
  async release(blobId: string, manager?: EntityManager): Promise<void> {
    const m = manager ?? this.db.manager;
    const left = await this.blobs.dropRef(m, blobId);
    if (left && left.refCount === 0)
      await this.jobs.enqueue(BLOB_GC_QUEUE, { blobId, key: left.key }, { manager: m, singletonKey: `gc:${blobId}` });
  }

  async get(id: string): Promise<Blob | null> {
    if (!UUID.test(id)) return null;
    return this.blobs.find(id);
  }

  /** Deletes a blob nobody references any more, then its object. Idempotent. */
  async collect(blobId: string, key: string): Promise<void> {
    const deletedKey = await this.blobs.deleteUnreferenced(blobId);
    if (deletedKey) {
      await this.storage.delete([deletedKey]);
      return;
    }
    // gone already (an earlier attempt deleted the row, maybe not the object): finish the job
    if (key && !(await this.blobs.exists(blobId))) await this.storage.delete([key]);
  }

  /** Collects the blobs nobody references (a release whose job was lost); gives how many. */
  async collectUnreferenced(): Promise<number> {
    const orphans = await this.blobs.unreferenced();
    for (const b of orphans) await this.collect(b.id, b.key);
    return orphans.length;
  }
}
