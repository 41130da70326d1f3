import { defineQueue, type PeriodicPayload } from '../jobs/queue.js';

export const VERIFY_QUEUE = defineQueue<{ uploadId: string }>('storage.verify');
export const BLOB_GC_QUEUE = defineQueue<{ blobId: string; key: string }>('storage.blob-gc');
export const MAINTENANCE_QUEUE = defineQueue<PeriodicPayload>('storage.maintenance');
