import { defineQueue } from '../jobs/queue.js';

export const PREVIEW_QUEUE = defineQueue<{ versionId: string }>('resources.preview');
