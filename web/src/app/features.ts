import { adminFeature } from '../features/admin';
import { bookdriftFeature } from '../features/bookdrift';
import { lecturesFeature } from '../features/lectures';
import { resourcesFeature } from '../features/resources';
import type { Feature } from './feature';

/** Every feature area, in menu order. */
export const features: Feature[] = [resourcesFeature, lecturesFeature, bookdriftFeature, adminFeature];
