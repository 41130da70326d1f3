import { defineQueue } from '../jobs/queue.js';

export const TRANSCODE_QUEUE = defineQueue<{ videoId: string }>('lecture.transcode');
/** removes a replaced video's renditions from the object store */
export const VIDEO_CLEANUP_QUEUE = defineQueue<{ videoId: string }>('lecture.cleanup');
