import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ENV_FILE = join(tmpdir(), `mumian-jest-stack-${process.env.JEST_RUN_ID ?? process.pid}.json`);
export const TEMPLATE_DB = 'mumian_template';
