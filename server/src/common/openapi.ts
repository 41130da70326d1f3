import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorView } from './error.view.js';

/**
 * The API's OpenAPI document as a contract: the error responses every operation may give, the
 * tags, the bearer scheme. Security and 401/403 come from each route's access rule (access.ts);
 * 400 and 404 are derived here from the operation's parameters; 409 and the like are declared
 * on the routes that give them (`ErrorResponse`).
 */

/** The name of the bearer scheme in `components.securitySchemes`. */
export const BEARER_SCHEME = 'bearer';

/** Every tag an operation carries, with what it groups (an undeclared tag fails the lint). */
export const API_TAGS: Record<string, string> = {
  auth: 'Sign-in, sessions and the signed-in account',
  users: 'Accounts, guardians and CSV imports of accounts',
  organizations: 'Education groups, schools and their memberships',
  uploads: 'Resumable uploads straight to the object store',
  resources: 'Teaching resources, their files and versions, review, and the textbook catalogue',
  lectures: 'Lecture series, episodes, videos, playback, watch progress and term calendars',
  bookdrift: 'Book drift: the library catalogue, drift codes, reading lists, campaigns, shipments and reading notes',
  health: 'Liveness, readiness and metrics for operators',
};

const errorContent = () => ({ 'application/json': { schema: { $ref: getSchemaPath(ErrorView) } } });

/** A response with the error body (errors are always JSON, whatever the route produces otherwise). */
export const ErrorResponse = (status: number, description: string) =>
  applyDecorators(ApiExtraModels(ErrorView), ApiResponse({ status, description, content: errorContent() }));

/** 409: the record's current state does not allow this; `when` says which state. */
export const Conflicts = (when: string) => ErrorResponse(409, when);

export const INVALID = 'The request is invalid: `message` says why, `fields` names each field at fault';
export const NOT_FOUND = 'No such record, or not one the caller may see';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/**
 * Declares the error responses an operation's parameters imply, where the route did not:
 * 400 for any body, query or path parameter (validation), 404 for any path parameter.
 */
export function declareErrorResponses(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op: Operation | undefined = item[method];
      if (!op) continue;
      const where = new Set((op.parameters ?? []).map((p) => ('in' in p ? p.in : undefined)));
      if (op.requestBody || where.has('path') || where.has('query'))
        op.responses['400'] ??= { description: INVALID, content: errorContent() };
      if (where.has('path')) op.responses['404'] ??= { description: NOT_FOUND, content: errorContent() };
    }
  }
  return doc;
}
