import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_API_DIR, buildApiDocument, renderApiClient } from './openapi-document.js';

/**
 * `npm run openapi`: regenerates web/src/api/openapi.json, schema.d.ts and enums.ts from the controllers and
 * DTOs, with no database. CI's `tools/openapi.test.ts` fails while the committed files are stale.
 */
async function main() {
  const { document, types, enums } = await renderApiClient(await buildApiDocument());
  writeFileSync(join(WEB_API_DIR, 'openapi.json'), document);
  writeFileSync(join(WEB_API_DIR, 'schema.d.ts'), types);
  writeFileSync(join(WEB_API_DIR, 'enums.ts'), enums);
  console.log(`wrote ${join(WEB_API_DIR, 'openapi.json')}, schema.d.ts and enums.ts`);
  process.exit(0);
}

void main();
