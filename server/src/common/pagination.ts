import type { Type as ClassOf } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AppError } from './errors.js';
import { PageLimit } from './validation.js';

/** Keyset pagination: `cursor` is opaque to clients (base64url of the last row's sort key). */
export class PageQuery {
  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The response class of a page of `Item`s, documented for OpenAPI. Extend it under the name the
 * schema should have (`export class CopyPage extends PageOf(CopyView) {}`); a subclass may add fields.
 */
export function PageOf<T>(Item: ClassOf<T>): ClassOf<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [Item] }) items: T[];
    @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  }
  Object.defineProperty(PageOfItems, 'name', { value: `PageOf${Item.name}` });
  return PageOfItems;
}

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What each position of a cursor holds. A cursor is opaque to clients but crafted ones arrive: every value
 * is checked against its part before it reaches SQL, so a bad one is a 400 on `cursor`, not a database
 * error (a 500 with the query in the log).
 */
export type CursorPart = 'text' | 'uuid' | 'timestamp' | 'offset';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `created_at::text` as Postgres writes it: `2026-03-01 08:30:00.123456+08` (or ISO with T/Z). */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/;

function isTimestamp(v: string): boolean {
  const m = TIMESTAMP.exec(v);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

const PART_OK: Record<CursorPart, (v: unknown) => boolean> = {
  // Postgres text cannot hold NUL
  text: (v) => typeof v === 'string' && v.length <= 500 && !v.includes('\u0000'),
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  timestamp: (v) => typeof v === 'string' && isTimestamp(v),
  offset: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
};

/** The values of a cursor made by `encodeCursor`, one per part; anything else is a field error on `cursor`. */
export function decodeCursor(cursor: string | undefined, parts: CursorPart[]): (string | number)[] | null {
  if (!cursor) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (Array.isArray(values) && values.length === parts.length && parts.every((part, i) => PART_OK[part](values[i])))
    return values as (string | number)[];
  throw AppError.field('cursor', 'field.invalid');
}

/** Takes `limit + 1` rows and turns them into a page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, nextCursor: more ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
