import { Guardianship, LoginFailure, Session, User, UserImport } from './identity.entities.js';
import { UserImportFailure1765014000000 } from './migrations/1765014000000-user-import-failure.js';
import { RefreshGrace1765200000000 } from './migrations/1765200000000-refresh-grace.js';
export const identityEntities = [User, Session, LoginFailure, Guardianship, UserImport];
export const identityMigrations = [UserImportFailure1765014000000, RefreshGrace1765200000000];
