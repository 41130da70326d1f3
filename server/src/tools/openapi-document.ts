import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppModule } from '../app.module.js';
import { API_PREFIX, buildOpenApi } from '../bootstrap.js';
import { loadConfig } from '../config/config.js';

/** Where the web's typed client lives, from `server/src/tools` or `server/dist/tools`. */
export const WEB_API_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/src/api');

/** Placeholder settings: the document depends on no setting, and nothing here connects anywhere. */
const OFFLINE_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgres://offline:offline@127.0.0.1:1/offline',
  S3_ENDPOINT: 'http://127.0.0.1:1',
  S3_BUCKET: 'offline',
  S3_ACCESS_KEY: 'offline',
  S3_SECRET_KEY: 'offline',
  JWT_SECRET: 'offline-offline-offline-offline-offline',
};

/**
 * The API's OpenAPI document without a database or object store: Nest's preview mode builds the
 * module graph and reads the controllers' metadata without instantiating any provider.
 */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(loadConfig(OFFLINE_ENV)), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  const doc = JSON.parse(JSON.stringify(buildOpenApi(app))) as OpenAPIObject;
  await app.close();
  return doc;
}

/** The committed files: `openapi.json` (the document) and `schema.d.ts` (openapi-typescript's types). */
export async function renderApiClient(doc: object): Promise<{ document: string; types: string }> {
  const { default: openapiTS } = (await import('openapi-typescript')) as unknown as {
    default: (schema: object, opts?: object) => Promise<string>;
  };
  return { document: JSON.stringify(doc, null, 2) + '\n', types: await openapiTS(doc, { exportType: false }) };
}
