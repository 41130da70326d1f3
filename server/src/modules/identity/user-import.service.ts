import { Injectable, type OnModuleInit } from '@nestjs/common';
import { csvLine, decodeCsv } from '../../common/csv.js';
import { AppError } from '../../common/errors.js';
import type { Principal } from '../../common/roles.js';
import { JobsService, type JobContext } from '../jobs/jobs.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { StorageService } from '../storage/storage.service.js';
import { canDownloadCredentials, canSeeImport } from './identity.access.js';
import type { User } from './identity.entities.js';
import { USER_IMPORT_QUEUE } from './identity.jobs.js';
import { UserImportsRepository } from './imports.repository.js';
import { generatePassword, hashPassword } from './passwords.js';
import { MAX_IMPORT_BYTES, checkRows, parseUserCsv, roleOf } from './user-import.csv.js';
import type { ImportReport } from './users.present.js';
import { UsersRepository } from './users.repository.js';

const sourceKey = (id: string) => `imports/users/${id}/source.csv`;
const credentialsKey = (id: string) => `imports/users/${id}/credentials.csv`;

/** CSV import of a school's accounts: checked at once, run as a job, all accounts or none. */
@Injectable()
export class UserImportService implements OnModuleInit {
  constructor(
    private readonly imports: UserImportsRepository,
    private readonly users: UsersRepository,
    private readonly jobs: JobsService,
    private readonly storage: StorageService,
    private readonly orgs: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(USER_IMPORT_QUEUE, (payload, ctx) => this.runAttempt(payload.importId, ctx), {
      concurrency: 1,
      leaseSeconds: 600,
    });
  }

  /**
   * One attempt of the job. When the last one fails (or the failure is permanent) the import is marked
   * failed with its reason, so it does not show "running" for ever; the error still fails the job.
   */
  private async runAttempt(importId: string, ctx: JobContext): Promise<void> {
    try {
      await this.run(importId);
    } catch (err) {
      const last = (err as { permanent?: boolean }).permanent === true || ctx.job.attempts >= ctx.job.maxAttempts;
      if (last) await this.imports.update(importId, { status: 'failed', failureKey: 'import.jobFailed', finishedAt: new Date() });
      throw err;
    }
  }

  async start(p: Principal, schoolId: string, file: Buffer | undefined): Promise<ImportReport> {
    this.orgs.assertAdministersSchool(p, schoolId);
    await this.orgs.getSchool(schoolId);
    if (!file?.length) throw AppError.field('file', 'import.notCsv');
    if (file.length > MAX_IMPORT_BYTES) throw AppError.badRequest('import.tooLarge');
    parseUserCsv(decodeCsv(file)); // header and shape errors answer at once
    const imp = await this.imports.transaction(async (m) => {
      const saved = await this.imports.create(m, schoolId, p.userId, sourceKey);
      await this.storage.put(saved.sourceKey, file, 'text/csv', file.length);
      await this.jobs.enqueue(USER_IMPORT_QUEUE, { importId: saved.id }, { manager: m, singletonKey: saved.id });
      return saved;
    });
    return this.view(p, imp.id);
  }

  async view(p: Principal, id: string): Promise<ImportReport> {
    const imp = await this.imports.byId(id);
    if (!imp || !canSeeImport(p, imp)) throw AppError.notFound('import.notFound');
    const hasCredentials = canDownloadCredentials(p, imp) && (await this.storage.head(credentialsKey(imp.id)));
    return {
      id: imp.id,
      schoolId: imp.schoolId,
      status: imp.status,
      total: imp.total,
      processed: imp.processed,
      createdCount: imp.createdCount,
      errors: imp.errors,
      failureKey: imp.failureKey,
      credentialsUrl: hasCredentials
        ? await this.storage.presignGet(credentialsKey(imp.id), 300, {
            downloadName: `initial-passwords-${imp.id.slice(0, 8)}.csv`,
            contentType: 'text/csv; charset=utf-8',
          })
        : null,
      createdAt: imp.createdAt.toISOString(),
    };
  }

  async list(p: Principal, schoolId: string): Promise<ImportReport[]> {
    this.orgs.assertAdministersSchool(p, schoolId);
    const rows = await this.imports.latestOfSchool(schoolId);
    return Promise.all(rows.map((r) => this.view(p, r.id)));
  }

  /** The job: validate every row first; create all accounts in one transaction or none. Row errors are stored as keys. */
  async run(importId: string): Promise<void> {
    const imp = await this.imports.byId(importId);
    if (!imp || imp.status === 'done' || imp.status === 'failed') return;
    const rows = parseUserCsv(decodeCsv(await this.storage.getBuffer(imp.sourceKey)));
    await this.imports.update(imp.id, { status: 'running', total: rows.length, processed: 0 });

    const { errors, usernames, phones } = checkRows(rows);
    const takenUsernames = await this.users.takenUsernames([...usernames]);
    const takenPhones = await this.users.takenPhones([...phones]);
    for (const r of rows) {
      if (takenUsernames.has(r.username.toLowerCase()))
        errors.push({ row: r.row, field: 'username', key: 'import.row.usernameTaken' });
      if (r.phone && takenPhones.has(r.phone)) errors.push({ row: r.row, field: 'phone', key: 'import.row.phoneTaken' });
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      await this.imports.update(imp.id, { status: 'failed', errors: errors.slice(0, 1000), finishedAt: new Date() });
      return;
    }

    const credentials: string[] = ['username,displayName,initialPassword'];
    const prepared: Partial<User>[] = [];
    for (let i = 0; i < rows.length; i += 50) {
      const batch = rows.slice(i, i + 50);
      const hashed = await Promise.all(
        batch.map(async (r) => {
          const password = r.password || generatePassword();
          if (!r.password) credentials.push(csvLine([r.username.toLowerCase(), r.displayName, password]));
          const role = roleOf(r.role);
          return {
            username: r.username.toLowerCase(),
            displayName: r.displayName,
            role,
            schoolId: imp.schoolId,
            phone: r.phone || null,
            grade: role === 'student' ? Number(r.grade) : null,
            birthDate: role === 'student' && r.birthDate ? r.birthDate : null,
            passwordHash: await hashPassword(password),
            mustChangePassword: true,
            titles: [],
          } satisfies Partial<User>;
        }),
      );
      prepared.push(...hashed);
      await this.imports.update(imp.id, { processed: Math.min(rows.length, i + batch.length) });
    }
    if (credentials.length > 1)
      await this.storage.put(credentialsKey(imp.id), '\uFEFF' + credentials.join('\n') + '\n', 'text/csv; charset=utf-8');
    await this.imports.transaction(async (m) => {
      await this.users.insertMany(m, prepared);
      await this.imports.update(
        imp.id,
        { status: 'done', createdCount: prepared.length, processed: rows.length, finishedAt: new Date() },
        m,
      );
    });
  }
}
