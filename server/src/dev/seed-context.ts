import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** What the foundation seed created; module seeders build on it. */
export interface SeedContext {
  app: INestApplicationContext;
  db: DataSource;
  groupId: string;
  schools: { core: string; township: string; rural: string; townshipMiddle: string };
  users: {
    platformAdmin: string;
    groupAdmin: string;
    schoolAdmin: string;
    ruralSchoolAdmin: string;
    teacher: string;
    ruralTeacher: string;
    student: string;
    parent: string;
  };
  log(line: string): void;
}

export const DEMO_PASSWORD = 'Mumian2026';
