/** What other modules use from storage: the object store, and blobs (claim an upload, add or drop a reference). */
export { StorageService } from './storage.service.js';
export { BlobsService, type StoredBlob } from './blobs.service.js';
export { PURPOSE_KINDS } from './upload-limits.js';
export { BLOB_KINDS, type BlobKind, type UploadPurpose, Blob } from './storage.entities.js';
