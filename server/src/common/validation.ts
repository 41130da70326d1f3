import { applyDecorators, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import './common.messages.js';
import { AppError, type FieldError } from './errors.js';
import type { MessageKey } from './i18n.js';

const known: Record<string, MessageKey> = {
  isString: 'field.isString',
  isNotEmpty: 'field.isNotEmpty',
  isDefined: 'field.isDefined',
  maxLength: 'field.maxLength',
  minLength: 'field.minLength',
  isInt: 'field.isInt',
  isNumber: 'field.isNumber',
  min: 'field.min',
  max: 'field.max',
  isIn: 'field.isIn',
  isEnum: 'field.isEnum',
  isUuid: 'field.isUuid',
  isBoolean: 'field.isBoolean',
  isArray: 'field.isArray',
  arrayMaxSize: 'field.arrayMaxSize',
  arrayMinSize: 'field.arrayMinSize',
  matches: 'field.matches',
  isDateString: 'field.isDateString',
  isDate: 'field.isDate',
  isObject: 'field.isObject',
  whitelistValidation: 'field.unknown',
};

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const err of errors) {
    const field = prefix ? `${prefix}.${err.property}` : err.property;
    for (const [name, english] of Object.entries(err.constraints ?? {})) {
      const n = /(-?\d+(\.\d+)?)/.exec(english)?.[1];
      out.push({ field, key: known[name] ?? 'field.invalid', params: n !== undefined ? { n } : {} });
    }
    if (err.children?.length) out.push(...flatten(err.children, field));
  }
  return out;
}

/** Validates and strips every body and query; unknown fields are refused, not ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: true,
    exceptionFactory: (errors) => AppError.badRequest('request.invalid', {}, flatten(errors)),
  });
}

/*
 * Composite field decorators for the validation stacks DTOs repeat (the OpenAPI property and its
 * class-validator rules in one). Each registers its rules in the order the hand-written stack
 * `@IsString() @MinLength(n) @MaxLength(m)` registers them, so `stopAtFirstError` reports the same
 * first error. A minimum length is enforced but not documented, as the hand-written fields did.
 */
type Doc = { description?: string };
const doc = (d: Doc) => (d.description === undefined ? {} : { description: d.description });

/** A required string of at most `max` characters (and at least `min`). */
export function Text(max: number, opts: Doc & { min?: number } = {}): PropertyDecorator {
  return applyDecorators(
    MaxLength(max),
    ...(opts.min === undefined ? [] : [MinLength(opts.min)]),
    IsString(),
    ApiProperty({ ...doc(opts), maxLength: max }),
  );
}

/** An optional string of at most `max` characters (and at least `min` when given). */
export function OptionalText(max: number, opts: Doc & { min?: number } = {}): PropertyDecorator {
  return applyDecorators(
    MaxLength(max),
    ...(opts.min === undefined ? [] : [MinLength(opts.min)]),
    IsString(),
    IsOptional(),
    ApiPropertyOptional({ ...doc(opts), maxLength: max }),
  );
}

/** A uuid (required unless `optional`). */
export function UuidField(opts: Doc & { optional?: boolean } = {}): PropertyDecorator {
  const api = { format: 'uuid', ...doc(opts) };
  return opts.optional
    ? applyDecorators(IsUUID(), IsOptional(), ApiPropertyOptional(api))
    : applyDecorators(IsUUID(), ApiProperty(api));
}

/** One of `values` (required unless `optional`), documented as an enum. */
export function OneOf(values: readonly string[], opts: Doc & { optional?: boolean } = {}): PropertyDecorator {
  const api = { ...doc(opts), enum: values };
  return opts.optional
    ? applyDecorators(IsIn(values), IsOptional(), ApiPropertyOptional(api))
    : applyDecorators(IsIn(values), ApiProperty(api));
}

/** An optional whole number from `min` to `max`. */
export function OptionalInt(min: number, max: number): PropertyDecorator {
  return applyDecorators(Max(max), Min(min), IsInt(), IsOptional(), ApiPropertyOptional({ minimum: min, maximum: max }));
}

/** A query string's page size: 1 to `max`, `fallback` when absent (the service applies it). */
export function PageLimit(max = 200, fallback = 50): PropertyDecorator {
  return applyDecorators(
    Max(max),
    Min(1),
    IsInt(),
    Type(() => Number),
    IsOptional(),
    ApiPropertyOptional({ minimum: 1, maximum: max, default: fallback }),
  );
}
