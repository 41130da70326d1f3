import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { ErrorFilter } from './common/error.filter.js';
import { ErrorView } from './common/error.view.js';
import { httpLogger } from './common/http-log.js';
import { jsonBody, jsonOrMultipartOnly } from './common/json-body.js';
import { PinoNestLogger, rootLogger } from './common/logger.js';
import { API_TAGS, BEARER_SCHEME, declareErrorResponses } from './common/openapi.js';
import { createValidationPipe } from './common/validation.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { httpDuration } from './modules/health/metrics.js';
import { StorageService } from './modules/storage/storage.service.js';

/** The configuration from the environment; an invalid one is printed and the process exits 78. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}

/**
 * The API's modules without HTTP, for the worker and one-shot tools: names the process (logs
 * and per-process behaviour read `MUMIAN_PROCESS`), loads the configuration and starts a Nest
 * application context. Callers migrate and close it themselves.
 */
export async function createContext(processName: string): Promise<INestApplicationContext> {
  process.env.MUMIAN_PROCESS = processName;
  const config = loadConfigOrExit();
  return NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: new PinoNestLogger(rootLogger(config.LOG_LEVEL)),
  });
}

/** Every route is under /api. */
export const API_PREFIX = 'api';

export interface CreateAppOptions {
  /** log each request (off in tests) */
  httpLog?: boolean;
}

/** Builds the API application: the same wiring for `main.ts`, the embedded stack and tests. */
export async function createApp(config: AppConfig, opts: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const logger = rootLogger(config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', req.id);
    const end = httpDuration.startTimer({ method: req.method });
    res.on('finish', () =>
      end({ route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched', status: res.statusCode }),
    );
    next();
  });
  if (opts.httpLog !== false) app.use(httpLogger(logger));
  app.use(`/${API_PREFIX}`, jsonOrMultipartOnly(), jsonBody(), cookieParser());
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();

  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (config.SERVE_WEB_DIR && existsSync(config.SERVE_WEB_DIR)) serveWeb(app, config.SERVE_WEB_DIR);
  return app;
}

/** The API's OpenAPI document (served at /api/docs, written to the web by `npm run openapi`). */
export function buildOpenApi(app: NestExpressApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Mumian 木棉 API')
    .setDescription('Teaching-resource cloud for school education groups')
    .setVersion('0.1.0')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('/', 'this server')
    .addBearerAuth(undefined, BEARER_SCHEME);
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const doc = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ErrorView],
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  return declareErrorResponses(doc);
}

/** Serves the built web app, with index.html for client-side routes. */
function serveWeb(app: NestExpressApplication, dir: string): void {
  app.useStaticAssets(dir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, path) => {
      if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const index = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** Runs pending migrations under an advisory lock, so API and worker may both call it. */
export async function migrate(db: DataSource): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(727272)');
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(727272)').catch(() => undefined);
    await runner.release();
  }
}

export async function prepare(app: NestExpressApplication): Promise<void> {
  await migrate(app.get(DataSource));
  await app.get(StorageService).ensureBucket();
}
