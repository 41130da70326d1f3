/** What other modules use from storage. */
export { StorageService } from './storage.service.js';
export { UploadsService, PURPOSE_KINDS, type StoredBlob } from './uploads.service.js';
export { BLOB_KINDS, type BlobKind, type UploadPurpose, Blob } from './storage.entities.js';
