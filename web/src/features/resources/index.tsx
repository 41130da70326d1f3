import type { Feature } from '../../app/feature';

/** Routes and menu entries of this area; the shell mounts them under the signed-in layout. */
export const resourcesFeature: Feature = { routes: [], nav: [] };
