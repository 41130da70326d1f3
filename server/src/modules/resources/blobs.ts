import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/roles.js';

/** A verified, content-addressed object from the uploads module. */
export interface StoredBlob {
  id: string;
  sha256: string;
  key: string;
  size: number;
  mime: string;
  kind: string;
  ext: string;
  originalName: string;
}

/** What this module needs from the uploads module (UploadsService satisfies it). */
export interface ResourceBlobs {
  /** takes a finished upload of the caller and returns its blob (one reference held by the resource) */
  claim(p: Principal, uploadId: string, allowedKinds: string[], manager?: EntityManager): Promise<StoredBlob>;
  /** drops one reference; the bytes go when nothing uses them */
  release(blobId: string, manager?: EntityManager): Promise<void>;
}

export const RESOURCE_BLOBS = Symbol('RESOURCE_BLOBS');
