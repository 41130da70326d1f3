import { parse } from 'csv-parse/sync';
import { AppError } from '../../common/errors.js';
import type { Role } from '../../common/roles.js';
import type { IdentityMessageKey } from './identity.messages.js';
import { isStrongEnough } from './passwords.js';

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

/** The role a cell names, in Chinese or English; undefined when it names none an import may create. */
export const roleOf = (word: string): Role | undefined => ROLE_WORDS[word.toLowerCase()];

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

export interface RowError {
  row: number;
  field: string;
  key: IdentityMessageKey;
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

/** Is `YYYY-MM-DD` a day that exists (no 30 February), from 1900 up to today? Postgres refuses the others. */
export function isPastCalendarDate(value: string, today = new Date()): boolean {
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getTime() <= today.getTime()
  );
}

/**
 * The row errors a file has on its own (formats, duplicates inside the file), in row order of
 * discovery; `usernames` and `phones` collect what must still be checked against existing accounts.
 */
export function checkRows(rows: ParsedRow[]): { errors: RowError[]; usernames: Set<string>; phones: Set<string> } {
  const errors: RowError[] = [];
  const err = (row: number, field: string, key: IdentityMessageKey) => errors.push({ row, field, key });
  const usernames = new Set<string>();
  const phones = new Set<string>();
  for (const r of rows) {
    const username = r.username.toLowerCase();
    if (!/^[a-z0-9_.-]{3,64}$/.test(username)) err(r.row, 'username', 'import.row.username');
    else if (usernames.has(username)) err(r.row, 'username', 'import.row.usernameDup');
    usernames.add(username);
    if (!r.displayName || r.displayName.length > 50) err(r.row, 'displayName', 'import.row.name');
    const role = roleOf(r.role);
    if (!role) err(r.row, 'role', 'import.row.role');
    if (role === 'student' && !/^([1-9]|1[0-2])$/.test(r.grade)) err(r.row, 'grade', 'import.row.grade');
    if (r.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(r.birthDate)) err(r.row, 'birthDate', 'import.row.birthDate');
    else if (r.birthDate && !isPastCalendarDate(r.birthDate)) err(r.row, 'birthDate', 'import.row.birthDateImpossible');
    if (r.phone) {
      if (!/^1[3-9]\d{9}$/.test(r.phone)) err(r.row, 'phone', 'import.row.phone');
      else if (phones.has(r.phone)) err(r.row, 'phone', 'import.row.phoneTaken');
      phones.add(r.phone);
    }
    if (r.password && !isStrongEnough(r.password)) err(r.row, 'password', 'import.row.password');
  }
  return { errors, usernames, phones };
}
