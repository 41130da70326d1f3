import { defineQueue } from '../jobs/queue.js';

/** runs one CSV import; its row errors are stored as message keys, rendered when read */
export const USER_IMPORT_QUEUE = defineQueue<{ importId: string }>('identity.user-import');
