import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeCsv } from '../../common/csv.js';
import { AppError, type FieldError } from '../../common/errors.js';
import type { TitleRow } from './catalogue.repository.js';
import { normaliseIsbn } from './isbn.js';

// Reading a library catalogue file: CSV (UTF-8 or GBK) or .xlsx, headers as library systems and
// librarians' spreadsheets name them, every row checked. No I/O.

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

export interface CatalogueRow extends TitleRow {
  /** the spreadsheet's row number */
  row: number;
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
