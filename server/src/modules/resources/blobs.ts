import type { BlobsService } from '../storage/index.js';

export type { StoredBlob } from '../storage/index.js';

/** What this module uses from storage: claim a finished upload, release a blob (storage's BlobsService, as lectures use it). */
export type ResourceBlobs = Pick<BlobsService, 'claim' | 'release'>;

export const RESOURCE_BLOBS = Symbol('RESOURCE_BLOBS');
