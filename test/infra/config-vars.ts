import { readFileSync } from 'node:fs';

export interface ConfigVar {
  name: string;
  /** no default and not optional: the server refuses to start without it */
  required: boolean;
}

/** The variables the server reads, from the zod schema in server/src/config/config.ts. */
export function serverConfigVars(configFile: string): ConfigVar[] {
  const source = readFileSync(configFile, 'utf8');
  const start = source.indexOf('z.object({');
  const end = source.indexOf('\n});', start);
  if (start < 0 || end < 0) throw new Error(`no z.object({ … }) schema in ${configFile}`);
  const body = source.slice(start, end);
  const keys = [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)];
  return keys.map((m, i) => {
    const expr = body.slice(m.index, keys[i + 1]?.index ?? body.length);
    return { name: m[1], required: !/\.default\(|\.optional\(\)/.test(expr) };
  });
}
