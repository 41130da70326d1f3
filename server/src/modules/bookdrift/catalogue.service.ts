import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError, type FieldError } from '../../common/errors.js';
import { registerMessages } from '../../common/i18n.js';
import { decodeCursor, toPage } from '../../common/pagination.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { decodeCsv } from '../../common/csv.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { BookCopy, BookTitle, CopyEvent } from './bookdrift.entities.js';
import type { CopyPage, CopyQuery, CopyView, ImportReportView, ImportRowView, ReportCopyDto } from './bookdrift.dto.js';
import { newDriftCode } from './drift-code.js';
import { normaliseIsbn } from './isbn.js';
import { renderLabelSheet } from './labels.js';

registerMessages({
  'bookdrift.import.notTable': {
    zh: '请上传 CSV（UTF-8 或 GBK）或 Excel .xlsx 文件',
    en: 'Please upload a CSV (UTF-8 or GBK) or an Excel .xlsx file',
  },
  'bookdrift.import.tooLarge': { zh: '文件不能超过 {mb} MB', en: 'The file must be at most {mb} MB' },
  'bookdrift.import.missingColumns': {
    zh: '缺少必需的列：{columns}（至少需要“ISBN”和“书名”）',
    en: 'Required columns are missing: {columns} (at least "ISBN" and "title")',
  },
  'bookdrift.import.unknownColumns': { zh: '无法识别的列：{columns}', en: 'Unknown columns: {columns}' },
  'bookdrift.import.empty': { zh: '文件中没有数据行', en: 'The file has no data rows' },
  'bookdrift.import.tooManyRows': { zh: '一次最多导入 {max} 行', en: 'At most {max} rows per import' },
  'bookdrift.import.rowsInvalid': {
    zh: '有 {count} 行数据有误，未导入任何图书，请修改后重新上传',
    en: '{count} rows have errors; nothing was imported. Fix them and upload again',
  },
  'bookdrift.row.isbn': {
    zh: '第 {row} 行：ISBN“{value}”无效（校验位不符或位数不对）',
    en: 'Row {row}: ISBN "{value}" is invalid (check digit or length)',
  },
  'bookdrift.row.title': { zh: '第 {row} 行：书名不能为空且不超过 300 字', en: 'Row {row}: the title must be 1–300 characters' },
  'bookdrift.row.year': { zh: '第 {row} 行：出版年应为 4 位年份', en: 'Row {row}: the year must be a 4-digit year' },
  'bookdrift.row.copies': {
    zh: '第 {row} 行：册数应为 1–500 的整数',
    en: 'Row {row}: copies must be a whole number from 1 to 500',
  },
  'bookdrift.row.tooLong': { zh: '第 {row} 行：{column} 过长', en: 'Row {row}: {column} is too long' },
  'bookdrift.copyNotFound': { zh: '图书不存在', en: 'Copy not found' },
  'bookdrift.copyNotYours': {
    zh: '只能操作本校的图书（《{title}》属于其他学校）',
    en: 'You can only act on your own school’s books ("{title}" belongs to another school)',
  },
  'bookdrift.copyUnavailable': {
    zh: '《{title}》当前状态为“{state}”，不能共享',
    en: '"{title}" is {state} and cannot be shared',
  },
  'bookdrift.copyInCampaign': {
    zh: '《{title}》正在漂流活动中，不能取消共享',
    en: '"{title}" is part of a drift campaign and cannot be unshared',
  },
  'bookdrift.labelsNeedShared': {
    zh: '只能为已共享（有漂流码）的图书打印标签',
    en: 'Labels can only be printed for shared copies (with a drift code)',
  },
});

export const MAX_CATALOGUE_BYTES = 40 * 1024 * 1024;
export const MAX_CATALOGUE_ROWS = 200_000;

/** Header aliases: what library systems and librarians' spreadsheets already use. */
const COLUMNS: Record<string, string[]> = {
  isbn: ['isbn', 'isbn号', '书号', '国际标准书号', 'isbn13', 'isbn10'],
  title: ['title', '书名', '题名', '图书名称', '正题名'],
  author: ['author', '作者', '责任者', '著者'],
  publisher: ['publisher', '出版社', '出版者'],
  year: ['year', '出版年', '出版年份', '出版时间', '出版日期'],
  gradeBand: ['gradeband', 'grade', '年级', '适读年级', '年级段', '适用年级'],
  categories: ['categories', 'category', '分类', '类别', '中图分类'],
  tags: ['tags', 'tag', '标签', '主题词', '关键词'],
  shelf: ['shelf', 'location', '架位', '馆藏位置', '书架', '位置'],
  copies: ['copies', '册数', '复本数', '数量', '复本'],
  ignore: ['price', '定价', '价格', '备注', 'remark', 'notes', '序号', 'no', 'no.'],
};
const REQUIRED = ['isbn', 'title'];
const HEADER_NAMES: Record<string, string> = { isbn: 'ISBN', title: '书名 title' };

interface CatalogueRow {
  row: number;
  isbn: string;
  title: string;
  author: string;
  publisher: string;
  year: number | null;
  gradeBand: string;
  categories: string[];
  tags: string[];
  shelf: string;
  copies: number;
}

const split = (v: string) =>
  v
    .split(/[;；,，、|]/)
    .map((x) => x.trim())
    .filter(Boolean)
    .slice(0, 20);

/** Reads a CSV or .xlsx (by magic bytes, not by name) into a header row + data rows of strings. */
export async function readTable(file: Buffer): Promise<string[][]> {
  if (file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw AppError.badRequest('bookdrift.import.notTable');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw AppError.badRequest('bookdrift.import.empty');
    const out: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value as unknown;
        let s: string;
        if (v === null || v === undefined) s = '';
        else if (typeof v === 'object' && v && 'richText' in v)
          s = (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
        else if (typeof v === 'object' && v && 'result' in v) s = String((v as { result: unknown }).result ?? '');
        else if (typeof v === 'object' && v && 'text' in v) s = String((v as { text: unknown }).text);
        else if (v instanceof Date) s = String(v.getUTCFullYear());
        else s = String(v);
        cells[col - 1] = s;
      });
      out.push(Array.from(cells, (c) => c ?? ''));
    });
    return out;
  }
  if (file.includes(0)) throw AppError.badRequest('bookdrift.import.notTable');
  const text = decodeCsv(file);
  try {
    return parse(text, { skip_empty_lines: true, relax_column_count: true, trim: true, bom: true }) as string[][];
  } catch {
    throw AppError.badRequest('bookdrift.import.notTable');
  }
}

/** Maps headers and validates every row; throws a 400 naming the bad columns or rows. */
export function parseCatalogue(records: string[][]): CatalogueRow[] {
  if (!records.length) throw AppError.badRequest('bookdrift.import.empty');
  const header = records[0].map((h) =>
    String(h ?? '')
      .replace(/[\s*（）()]/g, '')
      .toLowerCase(),
  );
  const mapping = header.map((h) => Object.keys(COLUMNS).find((k) => COLUMNS[k].includes(h)) ?? (h === '' ? 'ignore' : null));
  const unknown = records[0].filter((_, i) => mapping[i] === null);
  if (unknown.length) throw AppError.badRequest('bookdrift.import.unknownColumns', { columns: unknown.join('、') });
  const missing = REQUIRED.filter((r) => !mapping.includes(r));
  if (missing.length)
    throw AppError.badRequest('bookdrift.import.missingColumns', { columns: missing.map((m) => HEADER_NAMES[m]).join('、') });
  const data = records.slice(1).filter((r) => r.some((c) => String(c ?? '').trim() !== ''));
  if (!data.length) throw AppError.badRequest('bookdrift.import.empty');
  if (data.length > MAX_CATALOGUE_ROWS) throw AppError.badRequest('bookdrift.import.tooManyRows', { max: MAX_CATALOGUE_ROWS });
  const idx = (k: string) => mapping.indexOf(k);
  const cols = Object.fromEntries(Object.keys(COLUMNS).map((k) => [k, idx(k)]));
  const errors: FieldError[] = [];
  const rows: CatalogueRow[] = [];
  data.forEach((cells, i) => {
    const row = i + 2; // spreadsheet row number (header is row 1)
    const get = (k: string) => (cols[k] >= 0 ? String(cells[cols[k]] ?? '').trim() : '');
    const rawIsbn = get('isbn');
    const isbn = normaliseIsbn(rawIsbn);
    if (!isbn) errors.push({ field: `row${row}.isbn`, key: 'bookdrift.row.isbn', params: { row, value: rawIsbn.slice(0, 30) } });
    const title = get('title');
    if (!title || title.length > 300) errors.push({ field: `row${row}.title`, key: 'bookdrift.row.title', params: { row } });
    const yearRaw = get('year');
    const year = yearRaw ? Number(/^(\d{4})/.exec(yearRaw)?.[1] ?? NaN) : null;
    if (year !== null && !(year >= 1000 && year <= 2100))
      errors.push({ field: `row${row}.year`, key: 'bookdrift.row.year', params: { row } });
    const copiesRaw = get('copies');
    const copies = copiesRaw ? Number(copiesRaw) : 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > 500)
      errors.push({ field: `row${row}.copies`, key: 'bookdrift.row.copies', params: { row } });
    for (const [k, max] of [
      ['author', 200],
      ['publisher', 200],
      ['gradeBand', 20],
      ['shelf', 50],
    ] as const)
      if (get(k).length > max) errors.push({ field: `row${row}.${k}`, key: 'bookdrift.row.tooLong', params: { row, column: k } });
    rows.push({
      row,
      isbn: isbn ?? '',
      title,
      author: get('author'),
      publisher: get('publisher'),
      year,
      gradeBand: get('gradeBand'),
      categories: split(get('categories')),
      tags: split(get('tags')),
      shelf: get('shelf'),
      copies,
    });
  });
  if (errors.length)
    throw AppError.badRequest(
      'bookdrift.import.rowsInvalid',
      { count: new Set(errors.map((e) => e.params?.row)).size },
      errors.slice(0, 500),
    );
  return rows;
}

export function toCopyView(c: BookCopy, t: BookTitle): CopyView {
  return {
    id: c.id,
    titleId: t.id,
    isbn: t.isbn,
    title: t.title,
    author: t.author,
    publisher: t.publisher,
    year: t.year,
    gradeBand: t.gradeBand,
    categories: t.categories,
    tags: t.tags,
    schoolId: c.schoolId,
    shelf: c.shelf,
    state: c.state,
    shared: c.shared,
    driftCode: c.driftCode,
    locationSchoolId: c.locationSchoolId,
  };
}

const STATE_ZH: Record<string, string> = {
  on_shelf: '在架',
  drifting: '漂流中',
  missing: '缺失',
  lost: '丢失',
  damaged: '损坏',
  withdrawn: '已剔除',
};

@Injectable()
export class CatalogueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orgs: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Imports a catalogue: all rows or none, in one transaction with set-based inserts. */
  async importCatalogue(p: Principal, schoolId: string, file: Buffer | undefined): Promise<ImportReportView> {
    this.orgs.assertAdministersSchool(p, schoolId);
    await this.orgs.getSchool(schoolId);
    if (!file?.length) throw AppError.field('file', 'bookdrift.import.notTable');
    if (file.length > MAX_CATALOGUE_BYTES)
      throw AppError.badRequest('bookdrift.import.tooLarge', { mb: MAX_CATALOGUE_BYTES / 1024 / 1024 });
    const started = Date.now();
    const rows = parseCatalogue(await readTable(file));

    // merge duplicate ISBNs within the file: the first row names the title, copies add up
    const byIsbn = new Map<string, CatalogueRow>();
    for (const r of rows) if (!byIsbn.has(r.isbn)) byIsbn.set(r.isbn, r);
    const isbns = [...byIsbn.keys()];

    return this.db.transaction(async (m) => {
      const existing = new Map<string, string>();
      for (let i = 0; i < isbns.length; i += 20000) {
        const found: { id: string; isbn: string }[] = await m.query(
          `SELECT id, isbn FROM book_title WHERE school_id = $1 AND isbn = ANY($2::text[])`,
          [schoolId, isbns.slice(i, i + 20000)],
        );
        for (const f of found) existing.set(f.isbn, f.id);
      }
      const fresh = isbns.filter((i) => !existing.has(i)).map((i) => byIsbn.get(i)!);
      const ids = new Map(existing);
      for (let i = 0; i < fresh.length; i += 5000) {
        const chunk = fresh.slice(i, i + 5000);
        const inserted: { id: string; isbn: string }[] = await m.query(
          `INSERT INTO book_title (school_id, isbn, title, author, publisher, year, grade_band, categories, tags)
           SELECT $1, u.isbn, u.title, u.author, u.publisher, u.year, u.grade,
                  COALESCE(string_to_array(NULLIF(u.cats, ''), chr(31)), '{}'), COALESCE(string_to_array(NULLIF(u.tags, ''), chr(31)), '{}')
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
             AS u(isbn, title, author, publisher, year, grade, cats, tags)
           RETURNING id, isbn`,
          [
            schoolId,
            chunk.map((r) => r.isbn),
            chunk.map((r) => r.title),
            chunk.map((r) => r.author),
            chunk.map((r) => r.publisher),
            chunk.map((r) => r.year),
            chunk.map((r) => r.gradeBand),
            chunk.map((r) => r.categories.join('\u001f')),
            chunk.map((r) => r.tags.join('\u001f')),
          ],
        );
        for (const r of inserted) ids.set(r.isbn, r.id);
      }
      let copiesCreated = 0;
      const titleIds: string[] = [];
      const shelves: string[] = [];
      const flush = async () => {
        if (!titleIds.length) return;
        await m.query(
          `INSERT INTO book_copy (title_id, school_id, shelf, location_school_id)
           SELECT u.t, $1, u.s, $1 FROM unnest($2::uuid[], $3::text[]) AS u(t, s)`,
          [schoolId, titleIds, shelves],
        );
        copiesCreated += titleIds.length;
        titleIds.length = 0;
        shelves.length = 0;
      };
      const seen = new Set<string>();
      const report: ImportRowView[] = [];
      let merged = 0;
      for (const r of rows) {
        const id = ids.get(r.isbn)!;
        const isNew = !existing.has(r.isbn) && !seen.has(r.isbn);
        if (!isNew) merged++;
        seen.add(r.isbn);
        if (report.length < 2000)
          report.push({ row: r.row, isbn: r.isbn, title: r.title, outcome: isNew ? 'new_title' : 'merged', copies: r.copies });
        for (let k = 0; k < r.copies; k++) {
          titleIds.push(id);
          shelves.push(r.shelf);
        }
        if (titleIds.length >= 20000) await flush();
      }
      await flush();
      return {
        rows: rows.length,
        titlesCreated: fresh.length,
        titlesMerged: merged,
        copiesCreated,
        millis: Date.now() - started,
        report,
      };
    });
  }

  async listCopies(p: Principal, q: CopyQuery): Promise<CopyPage> {
    this.assertCanSeeCatalogue(p, q.schoolId);
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, 2);
    const qb = this.db
      .getRepository(BookCopy)
      .createQueryBuilder('c')
      .innerJoinAndMapOne('c.t', BookTitle, 't', 't.id = c.title_id')
      .where('c.school_id = :school', { school: q.schoolId });
    if (q.state) qb.andWhere('c.state = :state', { state: q.state });
    if (q.shared) qb.andWhere('c.shared = :shared', { shared: q.shared === 'true' });
    if (q.q) {
      const isbn = normaliseIsbn(q.q);
      if (isbn) qb.andWhere('t.isbn = :isbn', { isbn });
      else
        qb.andWhere(`(t.title ILIKE :like OR t.author ILIKE :like OR c.drift_code = :code)`, {
          like: `%${q.q.replace(/[\\%_]/g, (x) => '\\' + x)}%`,
          code: q.q.replace(/[\s-]/g, '').toUpperCase(),
        });
    }
    if (after) qb.andWhere('(t.title, c.id) > (:at, :aid)', { at: after[0], aid: after[1] });
    const rows = await qb
      .orderBy('t.title', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (c) => [(c as BookCopy & { t: BookTitle }).t.title, c.id]);
    return { items: page.items.map((c) => toCopyView(c, (c as BookCopy & { t: BookTitle }).t)), nextCursor: page.nextCursor };
  }

  private assertCanSeeCatalogue(p: Principal, schoolId: string) {
    if (this.orgs.canAdministerSchool(p, schoolId)) return;
    if (p.role === 'teacher' && p.groupSchoolIds.includes(schoolId)) return;
    throw AppError.forbidden();
  }

  /** Loads copies for an action by the caller's school, refusing any copy of another school. */
  private async ownCopies(m: EntityManager, p: Principal, copyIds: string[]) {
    const copies = await m
      .getRepository(BookCopy)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id IN (:...ids)', { ids: [...new Set(copyIds)] })
      .getMany();
    if (copies.length !== new Set(copyIds).size) throw AppError.notFound('bookdrift.copyNotFound');
    const titles = new Map(
      (await m.getRepository(BookTitle).findBy({ id: In([...new Set(copies.map((c) => c.titleId))]) })).map((t) => [t.id, t]),
    );
    for (const c of copies)
      if (!this.orgs.canAdministerSchool(p, c.schoolId))
        throw AppError.forbidden('bookdrift.copyNotYours', { title: titles.get(c.titleId)?.title ?? '' });
    return { copies, titles };
  }

  /** Marks copies shared (each gets a platform-wide unique drift code) or not shared. */
  async setShared(p: Principal, copyIds: string[], shared: boolean): Promise<CopyView[]> {
    return this.db.transaction(async (m) => {
      const { copies, titles } = await this.ownCopies(m, p, copyIds);
      for (const c of copies) {
        const t = titles.get(c.titleId)!;
        if (shared && !['on_shelf', 'drifting'].includes(c.state))
          throw AppError.conflict('bookdrift.copyUnavailable', { title: t.title, state: STATE_ZH[c.state] });
        if (!shared && c.batchId) throw AppError.conflict('bookdrift.copyInCampaign', { title: t.title });
      }
      for (const c of copies) {
        if (c.shared === shared) continue;
        if (shared && !c.driftCode) {
          for (let attempt = 0; ; attempt++) {
            const code = newDriftCode();
            const taken = (await m.query(`SELECT 1 FROM book_copy WHERE drift_code = $1`, [code])) as unknown[];
            if (!taken.length) {
              c.driftCode = code;
              break;
            }
            if (attempt > 20) throw new Error('could not find a free drift code');
          }
        }
        await m.query(`UPDATE book_copy SET shared = $2, drift_code = $3, version = version + 1 WHERE id = $1`, [
          c.id,
          shared,
          c.driftCode,
        ]);
        c.shared = shared;
        await m.getRepository(CopyEvent).insert({
          copyId: c.id,
          kind: shared ? 'shared' : 'unshared',
          schoolId: c.locationSchoolId,
          actorId: p.userId,
        });
      }
      return copies.map((c) => toCopyView(c, titles.get(c.titleId)!));
    });
  }

  /** The A4 label sheet for shared copies of the caller's school. */
  async labels(p: Principal, copyIds: string[]): Promise<Buffer> {
    const { copies, titles } = await this.db.transaction((m) => this.ownCopies(m, p, copyIds));
    if (copies.some((c) => !c.driftCode)) throw AppError.badRequest('bookdrift.labelsNeedShared');
    const schools = new Map((await this.orgs.schoolsByIds([...new Set(copies.map((c) => c.schoolId))])).map((s) => [s.id, s]));
    const order = new Map(copyIds.map((id, i) => [id, i]));
    copies.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const base = this.config.PUBLIC_URL.replace(/\/+$/, '');
    return renderLabelSheet(
      copies.map((c) => ({
        url: `${base}/drift/${c.driftCode}`,
        driftCode: c.driftCode!,
        schoolName: schools.get(c.schoolId)?.name ?? '',
        title: titles.get(c.titleId)!.title,
      })),
    );
  }

  /** Damaged, lost, withdrawn or back on the shelf: by the school that has the copy or owns it. */
  async reportCopy(p: Principal, copyId: string, dto: ReportCopyDto): Promise<CopyView> {
    return this.db.transaction(async (m) => {
      const c = await m.getRepository(BookCopy).findOne({ where: { id: copyId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw AppError.notFound('bookdrift.copyNotFound');
      const t = (await m.getRepository(BookTitle).findOneBy({ id: c.titleId }))!;
      const allowed =
        this.orgs.canAdministerSchool(p, c.schoolId) ||
        (!!c.locationSchoolId && this.orgs.canAdministerSchool(p, c.locationSchoolId));
      if (!allowed) throw AppError.forbidden('bookdrift.copyNotYours', { title: t.title });
      const at = c.locationSchoolId;
      c.state =
        dto.state === 'on_shelf'
          ? c.locationSchoolId && c.locationSchoolId !== c.schoolId
            ? 'drifting'
            : 'on_shelf'
          : dto.state;
      if (dto.state === 'lost') {
        c.locationSchoolId = null;
        c.shipmentId = null;
      }
      if (dto.state === 'on_shelf' && !c.locationSchoolId && !c.shipmentId) c.locationSchoolId = c.schoolId;
      if (dto.state === 'on_shelf') c.missingSince = null;
      await m.getRepository(BookCopy).save(c);
      await m.getRepository(CopyEvent).insert({
        copyId: c.id,
        kind: dto.state === 'on_shelf' ? 'restored' : dto.state,
        schoolId: at ?? p.schoolId,
        actorId: p.userId,
        note: dto.note ?? '',
      });
      return toCopyView(c, t);
    });
  }
}
