import type { MixedList } from 'typeorm';
import { Resources1761000000000 } from './migrations/1761000000000-resources.js';
import { ResourceCoveringIndexes1761000000001 } from './migrations/1761000000001-resource-covering-indexes.js';
import { VocabularyCodes1765100000000 } from './migrations/1765100000000-vocabulary-codes.js';
import {
  Chapter,
  Resource,
  ResourceDownload,
  ResourceFavourite,
  ResourceFile,
  ResourceRating,
  ResourceVersion,
  Textbook,
} from './resources.entities.js';

/** Entities and migrations this module owns; collected by database/registry.ts. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resourcesEntities: Function[] = [
  Textbook,
  Chapter,
  Resource,
  ResourceFile,
  ResourceVersion,
  ResourceFavourite,
  ResourceRating,
  ResourceDownload,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resourcesMigrations: MixedList<Function> = [
  Resources1761000000000,
  ResourceCoveringIndexes1761000000001,
  VocabularyCodes1765100000000,
];
