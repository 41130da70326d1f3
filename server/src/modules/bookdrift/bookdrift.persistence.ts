import type { MixedList } from 'typeorm';

/** Entities and migrations this module owns; collected by database/registry.ts. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const bookdriftEntities: Function[] = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const bookdriftMigrations: MixedList<Function> = [];
