import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource, In } from 'typeorm';
import { decodeCsv } from '../../common/csv.js';
import { AppError } from '../../common/errors.js';
import { registerMessages, t, type Lang } from '../../common/i18n.js';
import type { Principal, Role } from '../../common/roles.js';
import { JobsService } from '../jobs/jobs.service.js';
import { USER_IMPORT_QUEUE } from './identity.jobs.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { StorageService } from '../storage/storage.service.js';
import type { ImportView } from './identity.dto.js';
import { User, UserImport } from './identity.entities.js';
import { generatePassword, hashPassword, isStrongEnough } from './passwords.js';
import { UsersService } from './users.service.js';

registerMessages({
  'import.tooLarge': { zh: 'CSV 文件不能超过 5 MB', en: 'The CSV file must be at most 5 MB' },
  'import.missingColumns': { zh: 'CSV 缺少必需的列：{columns}', en: 'The CSV lacks required columns: {columns}' },
  'import.unknownColumns': { zh: 'CSV 含有无法识别的列：{columns}', en: 'The CSV has unknown columns: {columns}' },
  'import.empty': { zh: 'CSV 中没有数据行', en: 'The CSV has no data rows' },
  'import.tooManyRows': { zh: '一次最多导入 {max} 行', en: 'At most {max} rows per import' },
  'import.notFound': { zh: '导入任务不存在', en: 'Import not found' },
  'import.row.username': { zh: '用户名需为 3–64 位字母、数字或 _.-', en: 'Username needs 3–64 letters, digits or _.-' },
  'import.row.usernameDup': { zh: '用户名在文件中重复', en: 'Username appears twice in the file' },
  'import.row.usernameTaken': { zh: '用户名已存在', en: 'Username already exists' },
  'import.row.name': { zh: '姓名不能为空且不超过 50 字', en: 'Name must be 1–50 characters' },
  'import.row.role': { zh: '角色只能是 学生/教师/家长', en: 'Role must be student, teacher or parent' },
  'import.row.grade': { zh: '学生的年级必须是 1–12', en: 'A student needs a grade from 1 to 12' },
  'import.row.birthDate': { zh: '出生日期格式应为 2015-09-01', en: 'Birth date must look like 2015-09-01' },
  'import.row.phone': { zh: '手机号格式不正确', en: 'Invalid phone number' },
  'import.row.phoneTaken': { zh: '手机号已被使用', en: 'Phone number already in use' },
  'import.row.password': {
    zh: '初始密码需为 8–72 位且包含字母和数字',
    en: 'Initial password needs 8–72 characters with letters and digits',
  },
});

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Header aliases: what school staff already type, in Chinese or English. */
const COLUMNS: Record<string, string[]> = {
  username: ['username', '用户名', '账号', '学号'],
  displayName: ['displayname', 'name', '姓名'],
  role: ['role', '角色', '身份'],
  grade: ['grade', '年级'],
  birthDate: ['birthdate', '出生日期'],
  phone: ['phone', '手机号', '手机'],
  password: ['password', '初始密码', '密码'],
};
const REQUIRED = ['username', 'displayName', 'role'];
const ROLE_WORDS: Record<string, Role> = {
  student: 'student',
  学生: 'student',
  teacher: 'teacher',
  教师: 'teacher',
  老师: 'teacher',
  parent: 'parent',
  家长: 'parent',
};

export interface ParsedRow {
  row: number;
  username: string;
  displayName: string;
  role: string;
  grade: string;
  birthDate: string;
  phone: string;
  password: string;
}

/** Parses and maps headers; throws a 400 for a file that is not a CSV of users. */
export function parseUserCsv(text: string): ParsedRow[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: true, trim: true, bom: true });
  } catch {
    throw AppError.badRequest('import.notCsv');
  }
  if (!records.length) throw AppError.badRequest('import.empty');
  const header = records[0].map((h) => h.replace(/\s/g, '').toLowerCase());
  const mapping: (string | null)[] = header.map((h) => Object.keys(COLUMNS).find((k) => COLUMNS[k].includes(h)) ?? null);
  const unknown = records[0].filter((_, i) => mapping[i] === null);
  if (unknown.length) throw AppError.badRequest('import.unknownColumns', { columns: unknown.join(', ') });
  const missing = REQUIRED.filter((r) => !mapping.includes(r));
  if (missing.length) throw AppError.badRequest('import.missingColumns', { columns: missing.join(', ') });
  const rows = records.slice(1);
  if (!rows.length) throw AppError.badRequest('import.empty');
  if (rows.length > MAX_IMPORT_ROWS) throw AppError.badRequest('import.tooManyRows', { max: MAX_IMPORT_ROWS });
  return rows.map((cells, i) => {
    const r: Record<string, string> = {
      username: '',
      displayName: '',
      role: '',
      grade: '',
      birthDate: '',
      phone: '',
      password: '',
    };
    mapping.forEach((k, j) => {
      if (k) r[k] = (cells[j] ?? '').trim();
    });
    return { row: i + 1, ...r } as ParsedRow;
  });
}

@Injectable()
export class UserImportService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly storage: StorageService,
    private readonly orgs: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(USER_IMPORT_QUEUE, (payload) => this.run(payload.importId, payload.lang ?? 'zh-CN'), {
      concurrency: 1,
      leaseSeconds: 600,
    });
  }

  async start(p: Principal, schoolId: string, file: Buffer | undefined, lang: Lang): Promise<ImportView> {
    this.orgs.assertAdministersSchool(p, schoolId);
    await this.orgs.getSchool(schoolId);
    if (!file?.length) throw AppError.field('file', 'import.notCsv');
    if (file.length > MAX_IMPORT_BYTES) throw AppError.badRequest('import.tooLarge');
    parseUserCsv(decodeCsv(file)); // header and shape errors answer at once
    const imp = await this.db.transaction(async (m) => {
      const saved = await m.getRepository(UserImport).save({ schoolId, createdBy: p.userId, sourceKey: 'pending' });
      saved.sourceKey = `imports/users/${saved.id}/source.csv`;
      await m.getRepository(UserImport).update({ id: saved.id }, { sourceKey: saved.sourceKey });
      await this.storage.put(saved.sourceKey, file, 'text/csv', file.length);
      await this.jobs.enqueue(USER_IMPORT_QUEUE, { importId: saved.id, lang }, { manager: m, singletonKey: saved.id });
      return saved;
    });
    return this.view(p, imp.id);
  }

  async view(p: Principal, id: string): Promise<ImportView> {
    const imp = await this.db.getRepository(UserImport).findOneBy({ id });
    if (!imp || !this.orgs.canAdministerSchool(p, imp.schoolId)) throw AppError.notFound('import.notFound');
    const credentialsKey = `imports/users/${imp.id}/credentials.csv`;
    const hasCredentials = imp.status === 'done' && imp.createdBy === p.userId && (await this.storage.head(credentialsKey));
    return {
      id: imp.id,
      schoolId: imp.schoolId,
      status: imp.status,
      total: imp.total,
      processed: imp.processed,
      createdCount: imp.createdCount,
      errors: imp.errors,
      credentialsUrl: hasCredentials
        ? await this.storage.presignGet(credentialsKey, 300, {
            downloadName: `initial-passwords-${imp.id.slice(0, 8)}.csv`,
            contentType: 'text/csv; charset=utf-8',
          })
        : null,
      createdAt: imp.createdAt.toISOString(),
    };
  }

  async list(p: Principal, schoolId: string): Promise<ImportView[]> {
    this.orgs.assertAdministersSchool(p, schoolId);
    const rows = await this.db.getRepository(UserImport).find({ where: { schoolId }, order: { createdAt: 'DESC' }, take: 20 });
    return Promise.all(rows.map((r) => this.view(p, r.id)));
  }

  /** The job: validate every row first; create all accounts in one transaction or none. */
  async run(importId: string, lang: Lang): Promise<void> {
    const repo = this.db.getRepository(UserImport);
    const imp = await repo.findOneBy({ id: importId });
    if (!imp || imp.status === 'done' || imp.status === 'failed') return;
    const rows = parseUserCsv(decodeCsv(await this.storage.getBuffer(imp.sourceKey)));
    await repo.update({ id: imp.id }, { status: 'running', total: rows.length, processed: 0 });

    const errors: { row: number; field: string; message: string }[] = [];
    const err = (row: number, field: string, key: string) => errors.push({ row, field, message: t(key, lang) });
    const seen = new Set<string>();
    const seenPhones = new Set<string>();
    for (const r of rows) {
      const username = r.username.toLowerCase();
      if (!/^[a-z0-9_.-]{3,64}$/.test(username)) err(r.row, 'username', 'import.row.username');
      else if (seen.has(username)) err(r.row, 'username', 'import.row.usernameDup');
      seen.add(username);
      if (!r.displayName || r.displayName.length > 50) err(r.row, 'displayName', 'import.row.name');
      const role = ROLE_WORDS[r.role.toLowerCase()];
      if (!role) err(r.row, 'role', 'import.row.role');
      if (role === 'student' && !/^([1-9]|1[0-2])$/.test(r.grade)) err(r.row, 'grade', 'import.row.grade');
      if (r.birthDate && !(/^\d{4}-\d{2}-\d{2}$/.test(r.birthDate) && !Number.isNaN(Date.parse(r.birthDate))))
        err(r.row, 'birthDate', 'import.row.birthDate');
      if (r.phone) {
        if (!/^1[3-9]\d{9}$/.test(r.phone)) err(r.row, 'phone', 'import.row.phone');
        else if (seenPhones.has(r.phone)) err(r.row, 'phone', 'import.row.phoneTaken');
        seenPhones.add(r.phone);
      }
      if (r.password && !isStrongEnough(r.password)) err(r.row, 'password', 'import.row.password');
    }
    const taken = await this.db.getRepository(User).find({ select: { username: true }, where: { username: In([...seen]) } });
    const takenSet = new Set(taken.map((u) => u.username));
    const phones = [...seenPhones];
    const takenPhones = phones.length
      ? new Set(
          (await this.db.getRepository(User).find({ select: { phone: true }, where: { phone: In(phones) } })).map((u) => u.phone),
        )
      : new Set<string | null>();
    for (const r of rows) {
      if (takenSet.has(r.username.toLowerCase())) err(r.row, 'username', 'import.row.usernameTaken');
      if (r.phone && takenPhones.has(r.phone)) err(r.row, 'phone', 'import.row.phoneTaken');
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      await repo.update({ id: imp.id }, { status: 'failed', errors: errors.slice(0, 1000), finishedAt: new Date() });
      return;
    }

    const credentials: string[] = ['username,displayName,initialPassword'];
    const prepared: Partial<User>[] = [];
    for (let i = 0; i < rows.length; i += 50) {
      const batch = rows.slice(i, i + 50);
      const hashed = await Promise.all(
        batch.map(async (r) => {
          const password = r.password || generatePassword();
          if (!r.password) credentials.push(`${r.username.toLowerCase()},"${r.displayName.replace(/"/g, '""')}",${password}`);
          const role = ROLE_WORDS[r.role.toLowerCase()];
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
      await repo.update({ id: imp.id }, { processed: Math.min(rows.length, i + batch.length) });
    }
    if (credentials.length > 1)
      await this.storage.put(
        `imports/users/${imp.id}/credentials.csv`,
        '\uFEFF' + credentials.join('\n') + '\n',
        'text/csv; charset=utf-8',
      );
    await this.db.transaction(async (m) => {
      for (let i = 0; i < prepared.length; i += 500) await m.getRepository(User).insert(prepared.slice(i, i + 500));
      await m
        .getRepository(UserImport)
        .update(
          { id: imp.id },
          { status: 'done', createdCount: prepared.length, processed: rows.length, finishedAt: new Date() },
        );
    });
  }
}
