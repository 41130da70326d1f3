import { buildOpenApi } from '../bootstrap.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { buildApiDocument } from './openapi-document.js';

/**
 * The running API serves its document, and it is the very document `npm run openapi` builds
 * offline (tools/openapi.test.ts holds the committed client to that one).
 */
describe('OpenAPI document of the running API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is the document npm run openapi builds without a database', async () => {
    expect(JSON.parse(JSON.stringify(buildOpenApi(t.app)))).toEqual(await buildApiDocument());
  });

  it('serves the document at /api/docs', async () => {
    const res = await t.http().get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/auth/login']).toBeDefined();
  });
});
