/**
 * What other modules use from storage: the object store (the only S3 client), and blobs — the one
 * way to claim a verified upload (`BlobsService.claim` in the caller's transaction) and to add or
 * drop a reference to stored bytes (`addRef`, `release`).
 */
export { StorageService } from './storage.service.js';
export { BlobsService, type StoredBlob } from './blobs.service.js';
export { BLOB_KINDS, type BlobKind } from './storage.entities.js';
