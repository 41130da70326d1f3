import { rmSync } from 'node:fs';
import type { EmbeddedPostgresHandle, EmbeddedS3Handle } from '../dev/embedded.js';
import { ENV_FILE } from './paths.js';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__MUMIAN_STACK__ as
    { pg: EmbeddedPostgresHandle; s3: EmbeddedS3Handle } | undefined;
  await stack?.s3.stop().catch(() => undefined);
  await stack?.pg.stop().catch(() => undefined);
  rmSync(ENV_FILE, { force: true });
}
