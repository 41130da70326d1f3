import type { MixedList } from 'typeorm';

/** Entities and migrations this module owns; collected by database/registry.ts. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const analyticsEntities: Function[] = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const analyticsMigrations: MixedList<Function> = [];
