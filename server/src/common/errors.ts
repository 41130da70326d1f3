import { HttpStatus } from '@nestjs/common';
import type { MessageKey } from './i18n.js';

export interface FieldError {
  field: string;
  /** message key, translated by the error filter */
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * The one error type services throw. `key` is a message key (see i18n.ts); the error filter
 * turns it into `{ code, message, fields }` in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(key);
  }

  static badRequest(key: MessageKey, params?: Record<string, string | number>, fields?: FieldError[]) {
    return new AppError(HttpStatus.BAD_REQUEST, key, params, fields);
  }
  static forbidden(key: MessageKey = 'auth.forbidden', params?: Record<string, string | number>) {
    return new AppError(HttpStatus.FORBIDDEN, key, params);
  }
  static notFound(key: MessageKey, params?: Record<string, string | number>) {
    return new AppError(HttpStatus.NOT_FOUND, key, params);
  }
  static conflict(key: MessageKey, params?: Record<string, string | number>) {
    return new AppError(HttpStatus.CONFLICT, key, params);
  }
  static unauthorized(key: MessageKey = 'auth.required') {
    return new AppError(HttpStatus.UNAUTHORIZED, key);
  }
  static field(field: string, key: MessageKey, params?: Record<string, string | number>) {
    return new AppError(HttpStatus.BAD_REQUEST, 'request.invalid', {}, [{ field, key, params }]);
  }
}

/** Stable machine-readable codes by HTTP status, used when the key itself is not wanted. */
export function codeFor(key: string): string {
  return key
    .replace(/[.]/g, '_')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase();
}
