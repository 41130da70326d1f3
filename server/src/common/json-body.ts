import express, { type RequestHandler } from 'express';

/** Largest JSON body the API parses (bigger ones get 413 `request.tooLarge`). */
export const JSON_BODY_LIMIT = '1mb';
/** Deepest nesting of arrays and objects a JSON body may have (deeper ones get 400 `request.tooDeep`). */
export const JSON_MAX_DEPTH = 32;

/** The error body-parser passes on when `verify` throws; the error filter maps its `type`. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor() {
    super(`JSON nested deeper than ${JSON_MAX_DEPTH} levels`);
  }
}

/**
 * Throws when the raw JSON text nests arrays/objects deeper than `max`. One pass over the bytes,
 * before JSON.parse, so a hostile body (1 MB of `[`) costs a millisecond instead of stalling the
 * process in the parser, class-transformer and class-validator. Brackets inside strings do not count.
 */
export function assertJsonDepth(buf: Buffer, max = JSON_MAX_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) throw new JsonTooDeepError();
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** The API's JSON body parser: size limit, then the depth check, then JSON.parse. */
export function jsonBody(): RequestHandler {
  return express.json({ limit: JSON_BODY_LIMIT, verify: (_req, _res, buf) => assertJsonDepth(buf) });
}

/** The error passed on for a body that is neither JSON nor a multipart upload; the error filter maps its `type`. */
export class UnsupportedBodyError extends Error {
  readonly status = 415;
  readonly type = 'entity.unsupported.type';
  constructor() {
    super('request bodies must be JSON (or multipart for file uploads)');
  }
}

/**
 * The API reads JSON bodies, and multipart ones where a file is uploaded: a urlencoded or text/plain body
 * (what a cross-site HTML form can send without a CORS preflight, e.g. to sign a victim in) is refused
 * with 415 before any route sees it.
 */
export function jsonOrMultipartOnly(): RequestHandler {
  return (req, _res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || req.is(['application/json', '+json', 'multipart/form-data'])) return next();
    next(new UnsupportedBodyError());
  };
}
