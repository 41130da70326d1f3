import { Guardianship, LoginFailure, Session, User, UserImport } from './identity.entities.js';
export const identityEntities = [User, Session, LoginFailure, Guardianship, UserImport];
