import { EducationGroup, GroupMembership, School } from './organization.entities.js';
export const organizationsEntities = [EducationGroup, School, GroupMembership];
