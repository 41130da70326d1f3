import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, type FieldError } from './errors.js';

const known: Record<string, string> = {
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
