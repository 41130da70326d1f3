import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApi } from '../bootstrap.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

/**
 * The web's typed client is generated from the API's OpenAPI document. This test fails when
 * the committed document or client is stale; `UPDATE_OPENAPI=1 npm test -w server -- openapi`
 * rewrites both.
 */
const webApi = resolve(__dirname, '../../../web/src/api');
const docFile = resolve(webApi, 'openapi.json');
const schemaFile = resolve(webApi, 'schema.d.ts');

async function generateTypes(doc: object): Promise<string> {
  const { default: openapiTS } = (await import('openapi-typescript')) as unknown as {
    default: (schema: object, opts?: object) => Promise<string>;
  };
  return openapiTS(doc, { exportType: false });
}

describe('OpenAPI document and generated web client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is up to date with the API', async () => {
    const doc = JSON.parse(JSON.stringify(buildOpenApi(t.app)));
    const text = JSON.stringify(doc, null, 2) + '\n';
    const types = await generateTypes(doc);
    if (process.env.UPDATE_OPENAPI) {
      writeFileSync(docFile, text);
      writeFileSync(schemaFile, types);
    }
    expect(existsSync(docFile)).toBe(true);
    expect(readFileSync(docFile, 'utf8')).toBe(text);
    expect(readFileSync(schemaFile, 'utf8')).toBe(types);
  });

  it('serves the document at /api/docs', async () => {
    const res = await t.http().get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/auth/login']).toBeDefined();
  });
});
