import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_API_DIR, buildApiDocument, renderApiClient } from './openapi-document.js';

/**
 * The web's typed client is generated from the API's OpenAPI document. This test fails when
 * the committed document or client is stale; `npm run openapi` rewrites both.
 */
describe('OpenAPI document and generated web client', () => {
  it('is up to date with the API', async () => {
    const { document, types, enums } = await renderApiClient(await buildApiDocument());
    expect(existsSync(join(WEB_API_DIR, 'openapi.json'))).toBe(true);
    expect(readFileSync(join(WEB_API_DIR, 'openapi.json'), 'utf8')).toBe(document);
    expect(readFileSync(join(WEB_API_DIR, 'schema.d.ts'), 'utf8')).toBe(types);
    expect(readFileSync(join(WEB_API_DIR, 'enums.ts'), 'utf8')).toBe(enums);
  });
});
