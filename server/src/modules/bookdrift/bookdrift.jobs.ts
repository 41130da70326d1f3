import { defineQueue, type PeriodicPayload } from '../jobs/queue.js';

/** hourly: copies missing at receipt turn lost once their campaign's deadline has passed */
export const MISSING_SWEEP_QUEUE = defineQueue<PeriodicPayload>('bookdrift.missing-sweep');
