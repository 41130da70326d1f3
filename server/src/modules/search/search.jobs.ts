import { defineQueue } from '../jobs/queue.js';

/** drains the indexing outbox into the engine; one queued at a time (its singleton key) */
export const SEARCH_DRAIN_QUEUE = defineQueue<Record<string, never>>('search.drain');
