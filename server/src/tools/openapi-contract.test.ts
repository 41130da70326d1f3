import type { ArgumentsHost } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorFilter } from '../common/error.filter.js';
import { AppError } from '../common/errors.js';
import { API_TAGS, BEARER_SCHEME } from '../common/openapi.js';
import { buildApiDocument } from './openapi-document.js';

/**
 * The OpenAPI document is a contract that Swagger UI, the web's generated client and other tools
 * rely on: every operation says what it does, who may call it and how it fails, and the error
 * schema is the body the error filter really sends.
 */
type Schema = { $ref?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema };
type Response = { description: string; content?: Record<string, { schema: Schema }> };
interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, Response>;
}

const ERROR_REF = '#/components/schemas/ErrorView';

describe('OpenAPI contract', () => {
  let doc: OpenAPIObject;
  let operations: Operation[];
  beforeAll(async () => {
    doc = await buildApiDocument();
    operations = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, Operation>).filter((op) => typeof op === 'object' && 'responses' in op),
    );
  });

  /** The operations for which `problem` returns a complaint, as `operationId: complaint`. */
  const failing = (problem: (op: Operation) => string | null | false) =>
    operations.flatMap((op) => {
      const p = problem(op);
      return p ? [`${op.operationId}: ${p}`] : [];
    });

  it('covers the whole API', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it('gives every operation a summary and a declared tag', () => {
    expect(failing((op) => !op.summary?.trim() && 'no summary')).toEqual([]);
    expect(failing((op) => !op.tags?.length && 'no tag')).toEqual([]);
    expect(failing((op) => op.tags?.find((tag) => !(tag in API_TAGS)) ?? null)).toEqual([]);
    expect(doc.tags?.map((t) => t.name).sort()).toEqual(Object.keys(API_TAGS).sort());
  });

  it('states the security of every operation: none, or the bearer token with its 401 and 403', () => {
    expect(doc.components?.securitySchemes?.[BEARER_SCHEME]).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(failing((op) => !op.security && 'no security requirement')).toEqual([]);
    const secured = (op: Operation) => !!op.security?.length;
    expect(
      failing(
        (op) => secured(op) && JSON.stringify(op.security) !== JSON.stringify([{ [BEARER_SCHEME]: [] }]) && 'not the bearer',
      ),
    ).toEqual([]);
    expect(failing((op) => secured(op) && !op.responses['401'] && 'no 401')).toEqual([]);
    expect(failing((op) => secured(op) && !op.responses['403'] && 'no 403')).toEqual([]);
    // anonymous callers: signing in, the refresh cookie, health probes, public copy pages, signed playback links
    const open = operations.filter((op) => !secured(op)).map((op) => op.operationId);
    expect(open).toEqual(expect.arrayContaining(['Auth_login', 'Auth_refresh', 'Health_live', 'Bookdrift_publicCopyPage']));
    expect(open).not.toEqual(expect.arrayContaining(['Auth_me']));
  });

  it('declares how each operation succeeds and fails', () => {
    expect(failing((op) => !Object.keys(op.responses).some((s) => s.startsWith('2')) && 'no 2xx response')).toEqual([]);
    const where = (op: Operation) => new Set((op.parameters ?? []).map((p) => p.in));
    expect(
      failing((op) => (!!op.requestBody || where(op).has('query') || where(op).has('path')) && !op.responses['400'] && 'no 400'),
    ).toEqual([]);
    expect(failing((op) => where(op).has('path') && !op.responses['404'] && 'no 404')).toEqual([]);
    // errors are always the JSON error body, whatever the operation produces when it succeeds
    expect(
      failing((op) => {
        const bad = Object.entries(op.responses).filter(
          ([status, r]) =>
            Number(status) >= 400 &&
            (!r.description ||
              JSON.stringify(r.content) !== JSON.stringify({ 'application/json': { schema: { $ref: ERROR_REF } } })),
        );
        return bad.length > 0 && `${bad.map(([s]) => s).join(', ')} not an ErrorView`;
      }),
    ).toEqual([]);
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    expect(byId.get('Lectures_createEpisode')?.responses['409']).toBeDefined();
    expect(byId.get('Auth_login')?.responses['429']).toBeDefined();
  });

  it('describes in ErrorView exactly the body the error filter sends', () => {
    const schemas = doc.components!.schemas as Record<string, Schema>;
    const view = schemas.ErrorView;
    const field = schemas[view.properties!.fields.items!.$ref!.split('/').pop()!];
    let sent: object = {};
    const res = {
      headersSent: false,
      removeHeader: () => res,
      status: () => res,
      type: () => res,
      json: (b: object) => (sent = b),
    };
    const host = {
      switchToHttp: () => ({ getRequest: () => ({ headers: { 'accept-language': 'en' }, id: 'req-1' }), getResponse: () => res }),
    } as unknown as ArgumentsHost;
    new ErrorFilter().catch(AppError.field('title', 'field.maxLength', { n: 200 }), host);

    const body = JSON.parse(JSON.stringify(sent)) as { fields: Record<string, unknown>[] };
    expect(Object.keys(body).sort()).toEqual(Object.keys(view.properties!).sort());
    expect(view.required?.sort()).toEqual(['code', 'message']);
    expect(Object.keys(body.fields[0]).sort()).toEqual(Object.keys(field.properties!).sort());
    expect(field.required?.sort()).toEqual(Object.keys(body.fields[0]).sort());
  });
});
