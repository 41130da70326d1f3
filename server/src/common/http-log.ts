import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type Options } from 'pino-http';

/**
 * Request logs without credentials: bearer tokens, the refresh cookie (a session's secret) and the
 * signed playback links of native HLS players would let anyone who reads the logs act as the user.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.headers["x-amz-security-token"]',
];

/** `/api/lectures/play/<token>/…` → `/api/lectures/play/[redacted]/…` */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/(\/api\/lectures\/play\/)[^/?#]+/, '$1[redacted]');
}

export function httpLogOptions(logger: Logger): Options<IncomingMessage, ServerResponse> {
  return {
    // redaction has to live on the logger itself: pino-http ignores pino options when given a logger
    logger: logger.child({}, { redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } }),
    genReqId: (req) => (req as unknown as { id: string }).id,
    serializers: {
      req: (req: { url?: string }) => ({ ...req, url: redactUrl(req.url) }),
    },
  };
}

export const httpLogger = (logger: Logger) => pinoHttp(httpLogOptions(logger));
