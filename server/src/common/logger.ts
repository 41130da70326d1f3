import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

let root: Logger | null = null;

/** The process's pino logger (JSON lines). */
export function rootLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  if (!root) root = pino({ level, base: { service: process.env.MUMIAN_PROCESS ?? 'api' } });
  return root;
}

/** Routes Nest's own log calls into pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace', message: unknown, context?: unknown) {
    const ctx = typeof context === 'string' ? context : undefined;
    if (typeof message === 'object' && message !== null) this.logger[level]({ context: ctx, ...(message as object) });
    else this.logger[level]({ context: ctx }, String(message));
  }
  log(message: unknown, context?: unknown) {
    this.write('info', message, context);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest[rest.length - 1]);
  }
  warn(message: unknown, context?: unknown) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: unknown) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: unknown) {
    this.write('trace', message, context);
  }
}
