import type { Lang } from '../../common/i18n.js';
import { defineQueue } from '../jobs/queue.js';

export const USER_IMPORT_QUEUE = defineQueue<{ importId: string; lang: Lang }>('identity.user-import');
