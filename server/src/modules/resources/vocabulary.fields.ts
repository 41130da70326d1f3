import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { SUBJECTS, TERMS, subjectFrom, termFrom, type Subject, type Term } from './vocabulary.js';

/**
 * The vocabulary as DTO fields: one `Subject` and one `Term` enum schema in the OpenAPI document,
 * whichever module uses them. Input may also name a subject or term in Chinese (数学, 上册: old
 * clients, CSV files); it is read into its code before validation, so services only see codes.
 */
const SUBJECT_SCHEMA = { enum: SUBJECTS as unknown as string[], enumName: 'Subject' };
const TERM_SCHEMA = { enum: TERMS as unknown as string[], enumName: 'Term' };

const read =
  (from: (text: string) => string | null) =>
  ({ value }: { value: unknown }) =>
    typeof value === 'string' ? (from(value) ?? value) : value;

interface FieldOptions<T> {
  optional?: boolean;
  /** the codes this field accepts, when fewer than the whole vocabulary */
  allowed?: readonly T[];
}

/** An input subject: its code or Chinese name; answered 400 unless it is one of `allowed`. */
export function SubjectField(opts: FieldOptions<Subject> = {}): PropertyDecorator {
  return applyDecorators(
    opts.optional ? ApiPropertyOptional(SUBJECT_SCHEMA) : ApiProperty(SUBJECT_SCHEMA),
    ...(opts.optional ? [IsOptional()] : []),
    Transform(read(subjectFrom)),
    IsIn(opts.allowed ?? SUBJECTS),
  );
}

/** An input term: its code or 上/下/全一册; answered 400 unless it is one of `allowed`. */
export function TermField(opts: FieldOptions<Term> = {}): PropertyDecorator {
  return applyDecorators(
    opts.optional ? ApiPropertyOptional(TERM_SCHEMA) : ApiProperty(TERM_SCHEMA),
    ...(opts.optional ? [IsOptional()] : []),
    Transform(read(termFrom)),
    IsIn(opts.allowed ?? TERMS),
  );
}

/** A subject in a response view. */
export const SubjectProperty = (): PropertyDecorator => ApiProperty(SUBJECT_SCHEMA);
/** A term in a response view. */
export const TermProperty = (): PropertyDecorator => ApiProperty(TERM_SCHEMA);
