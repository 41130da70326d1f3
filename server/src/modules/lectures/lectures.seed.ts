import type { SeedContext } from '../../dev/seed-context.js';

/** Demo data of this module for `npm start`; runs once, after the foundation seed. */
export async function seedLectures(_ctx: SeedContext): Promise<void> {}
