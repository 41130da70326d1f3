import { Guardianship, LoginFailure, Session, User, UserImport } from './identity.entities.js';
import { UserImportFailure1765014000000 } from './migrations/1765014000000-user-import-failure.js';
export const identityEntities = [User, Session, LoginFailure, Guardianship, UserImport];
export const identityMigrations = [UserImportFailure1765014000000];
