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

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => ['string', 'number'].includes(typeof v)))
      return values as (string | number)[];
  } catch {
    /* fall through */
  }
  throw AppError.field('cursor', 'field.invalid');
}

/** Takes `limit + 1` rows and turns them into a page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, nextCursor: more ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
