import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppError, codeFor } from './errors.js';
import type { ErrorView } from './error.view.js';
import './common.messages.js';
import { langFromHeader, t } from './i18n.js';
import { JSON_MAX_DEPTH } from './json-body.js';

/** Turns every thrown error into the one error shape (`ErrorView`, the document's schema), in the caller's language. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const lang = langFromHeader(req.headers['accept-language']);
    const { status, body } = this.toBody(exception, lang);
    body.requestId = req.id ? String(req.id) : undefined;
    if (status >= 500) this.logger.error({ err: exception, requestId: body.requestId }, 'request failed');
    if (!res.headersSent) {
      // a route may have set its own type (playlists) or encoding before it failed: errors are always plain JSON
      res.removeHeader('Content-Encoding');
      res.status(status).type('application/json').json(body);
    }
  }

  private toBody(exception: unknown, lang: 'zh-CN' | 'en'): { status: number; body: ErrorView } {
    if (exception instanceof AppError) {
      return {
        status: exception.status,
        body: {
          code: codeFor(exception.key),
          message: t(exception.key, lang, exception.params),
          fields: exception.fields.length
            ? exception.fields.map((f) => ({ field: f.field, message: t(f.key, lang, { field: f.field, ...f.params }) }))
            : undefined,
        },
      };
    }
    const e = ((exception as { cause?: unknown })?.cause ?? exception) as { type?: string; status?: number };
    if (e && e.type === 'entity.parse.failed') {
      return { status: 400, body: { code: 'REQUEST_MALFORMED_JSON', message: t('request.malformedJson', lang) } };
    }
    if (e && e.type === 'entity.too.deep') {
      return { status: 400, body: { code: 'REQUEST_TOO_DEEP', message: t('request.tooDeep', lang, { n: JSON_MAX_DEPTH }) } };
    }
    if (e && e.type === 'entity.unsupported.type') {
      return { status: 415, body: { code: 'REQUEST_JSON_ONLY', message: t('request.jsonOnly', lang) } };
    }
    if (e && e.type === 'entity.too.large') {
      return { status: 413, body: { code: 'REQUEST_TOO_LARGE', message: t('request.tooLarge', lang) } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const key =
        status === HttpStatus.NOT_FOUND
          ? 'request.notFound'
          : status === HttpStatus.UNAUTHORIZED
            ? 'auth.required'
            : status === HttpStatus.FORBIDDEN
              ? 'auth.forbidden'
              : status === HttpStatus.PAYLOAD_TOO_LARGE
                ? 'request.tooLarge'
                : status < 500
                  ? 'request.invalid'
                  : 'server.error';
      return { status, body: { code: codeFor(key), message: t(key, lang) } };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as unknown as { code?: string }).code;
      if (code === '23505' || code === '40001' || code === '23503') {
        return { status: 409, body: { code: 'REQUEST_CONFLICT', message: t('request.conflict', lang) } };
      }
      if (code === '22P02' || code === '22001' || code === '22003') {
        return { status: 400, body: { code: 'REQUEST_INVALID', message: t('request.invalid', lang) } };
      }
    }
    return { status: 500, body: { code: 'SERVER_ERROR', message: t('server.error', lang) } };
  }
}
