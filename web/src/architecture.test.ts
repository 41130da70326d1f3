import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The allowed import arrows of the web (docs/DEVELOPING.md):
 *   app → features, components, api        features/<x> → app, components, api (never another feature)
 *   components → app (auth, access, i18n), api      api → nothing of ours
 * and no import cycles (type-only imports aside: they vanish at build time).
 */
const ROOT = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.(test|d)\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  return null;
}

/** Runtime imports only (`import type` and `export type` are erased). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.map((s) => resolveImport(file, s)).filter((x): x is string => !!x);
}

const graph = new Map(sources(ROOT).map((f) => [f, importsOf(f)]));
const area = (f: string) => {
  const [top, sub] = relative(ROOT, f).split('/');
  return top === 'features' ? `features/${sub}` : top;
};

describe('web architecture', () => {
  it('keeps features apart and components free of features', () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph)
      for (const dep of deps) {
        const [a, b] = [area(file), area(dep)];
        const bad =
          (a.startsWith('features/') && b.startsWith('features/') && a !== b) ||
          (a === 'components' && b.startsWith('features/')) ||
          (a === 'api' && b !== 'api');
        if (bad) wrong.push(`${relative(ROOT, file)} → ${relative(ROOT, dep)}`);
      }
    expect(wrong).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open')
          cycles.push(
            stack
              .slice(stack.indexOf(d))
              .map((x) => relative(ROOT, x))
              .join(' → '),
          );
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
