import { Foundation1760000000000 } from './1760000000000-foundation.js';
import { UserListIndex1760000000001 } from './1760000000001-user-list-index.js';
import { Job } from '../modules/jobs/job.entity.js';
import { identityEntities, identityMigrations } from '../modules/identity/identity.persistence.js';
import { organizationsEntities } from '../modules/organizations/organizations.persistence.js';
import { resourcesEntities, resourcesMigrations } from '../modules/resources/resources.persistence.js';
import { searchEntities, searchMigrations } from '../modules/search/search.persistence.js';
import { mediaEntities, mediaMigrations } from '../modules/media/media.persistence.js';
import { lecturesEntities, lecturesMigrations } from '../modules/lectures/lectures.persistence.js';
import { bookdriftEntities, bookdriftMigrations } from '../modules/bookdrift/bookdrift.persistence.js';
import { storageEntities, storageMigrations } from '../modules/storage/storage.persistence.js';

/** Every entity and migration, listed as classes (not globs) so dist, CLI and jest agree. */
export const entities = [
  Job,
  ...organizationsEntities,
  ...identityEntities,
  ...resourcesEntities,
  ...searchEntities,
  ...mediaEntities,
  ...lecturesEntities,
  ...bookdriftEntities,
  ...storageEntities,
];

export const migrations = [
  Foundation1760000000000,
  UserListIndex1760000000001,
  ...(identityMigrations as never[]),
  ...(resourcesMigrations as never[]),
  ...(searchMigrations as never[]),
  ...(mediaMigrations as never[]),
  ...(lecturesMigrations as never[]),
  ...(bookdriftMigrations as never[]),
  ...(storageMigrations as never[]),
];
